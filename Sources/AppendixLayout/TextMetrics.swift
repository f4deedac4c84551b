/// Estimates of how text fits in Excel cells (libxlsxwriter has no autofit), from the
/// default 11-point Calibri: a column of width *w* holds about 1.1·*w* characters of prose,
/// and a line of wrapped text is 15 points high.
package enum TextMetrics {
    static let lineHeight = 15.0
    static let defaultRowHeight = 15.0

    /// Lines that `text` takes when wrapped at word boundaries in a column of `width`.
    static func wrappedLines(_ text: String, width: Double) -> Int {
        let capacity = max(1, Int(width * 1.1) - 1)
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var used = 0
            lines += 1
            for word in paragraph.split(separator: " ") {
                let length = word.count
                if used == 0 {
                    used = length
                    while used > capacity { lines += 1; used -= capacity }
                } else if used + 1 + length <= capacity {
                    used += 1 + length
                } else {
                    lines += 1
                    used = length
                    while used > capacity { lines += 1; used -= capacity }
                }
            }
        }
        return max(1, lines)
    }

    /// A column width that shows `texts` comfortably: the longest text (or, if wrapping, the
    /// longest word, at least 12 and at most 40), plus padding.
    package static func width(for texts: [String], wrap: Bool) -> Double {
        if wrap {
            let longestWord = texts.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" }) }.map(\.count).max() ?? 8
            let longest = texts.map(\.count).max() ?? 8
            return Double(min(40, max(12, longestWord + 2, min(longest, 30) + 2)))
        }
        let longest = texts.map { $0.split(separator: "\n").map(\.count).max() ?? 0 }.max() ?? 8
        return Double(min(60, max(8, longest + 2)))
    }
}
