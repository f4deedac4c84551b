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
            let longestWord = texts.compactMap { longestPart(of: $0, splitAtSpaces: true) }.max() ?? 8
            let longest = texts.map(characterCount).max() ?? 8
            return Double(min(40, max(12, longestWord + 2, min(longest, 30) + 2)))
        }
        let longest = texts.map { longestPart(of: $0, splitAtSpaces: false) ?? 0 }.max() ?? 8
        return Double(min(60, max(8, longest + 2)))
    }

    /// The characters (as `String.count` counts them) of the longest non-empty part of `text`
    /// between line breaks ("\n") and, when `splitAtSpaces`, spaces; `nil` when there is none.
    /// Counted in one pass without a `Substring` per part (splitting took 40% of a 40-row
    /// build's layout), and byte by byte for ASCII text; "\r\n" is one character, as in `String`.
    static func longestPart(of text: String, splitAtSpaces: Bool) -> Int? {
        var longest: Int?, run = 0, previous: UInt8 = 0
        for byte in text.utf8 {
            guard byte < 0x80 else { return longestPart(ofUnicode: text, splitAtSpaces: splitAtSpaces) }
            defer { previous = byte }
            if byte == 0x0A && previous == 0x0D { continue }  // the "\r\n" character, counted at its "\r"
            if byte == 0x0A || (splitAtSpaces && byte == 0x20) {
                if run > 0 { longest = max(longest ?? 0, run) }
                run = 0
            } else {
                run += 1
            }
        }
        return run > 0 ? max(longest ?? 0, run) : longest
    }

    /// ``longestPart(of:splitAtSpaces:)`` character by character.
    private static func longestPart(ofUnicode text: String, splitAtSpaces: Bool) -> Int? {
        var longest: Int?, run = 0
        for character in text {
            if character == "\n" || (splitAtSpaces && character == " ") {
                if run > 0 { longest = max(longest ?? 0, run) }
                run = 0
            } else {
                run += 1
            }
        }
        return run > 0 ? max(longest ?? 0, run) : longest
    }

    /// `text.count`, byte by byte for ASCII text.
    static func characterCount(_ text: String) -> Int {
        var count = 0, previous: UInt8 = 0
        for byte in text.utf8 {
            guard byte < 0x80 else { return text.count }
            if !(byte == 0x0A && previous == 0x0D) { count += 1 }
            previous = byte
        }
        return count
    }
}
