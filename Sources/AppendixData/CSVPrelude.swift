import Foundation

/// Looks at the start of the decoded text before parsing: honours and removes Excel's `sep=X`
/// first line, and picks the delimiter from the header line (comma, semicolon or tab: the one
/// that occurs most outside quotes; a comma on a tie or when none occurs) unless one is given.
package struct CSVPrelude {
    /// Text held until the header line is complete.
    private var buffered = Data()
    private(set) var isDecided = false
    /// The delimiter to parse with, once decided.
    private(set) var delimiter: UInt8
    /// Lines removed from the start of the file (the `sep=` line).
    private(set) var skippedLines = 0
    private let explicitDelimiter: UInt8?

    /// Bytes looked at, at most, to find the end of the first lines.
    package static let limit = 1 << 16

    package init(explicitDelimiter: UInt8?) {
        self.explicitDelimiter = explicitDelimiter
        delimiter = explicitDelimiter ?? UInt8(ascii: ",")
    }

    /// The text to parse: nothing while the header line is incomplete, then everything held so
    /// far (without a `sep=` line), then each chunk as it comes.
    package mutating func take(_ text: Data, isLast: Bool) -> Data {
        if isDecided { return text }
        buffered.append(text)
        guard isLast || buffered.count >= Self.limit || hasHeaderLine() else { return Data() }
        isDecided = true
        var rest = buffered
        buffered = Data()
        if let (separator, lineLength) = Self.separatorLine(rest) {
            skippedLines = 1
            rest = rest.dropFirst(lineLength)
            if explicitDelimiter == nil { delimiter = separator; return Data(rest) }
        }
        if explicitDelimiter == nil { delimiter = Self.likelyDelimiter(firstLineOf: rest) }
        return Data(rest)
    }

    /// Whether the buffered text holds the header line whole (and the `sep=` line before it).
    private func hasHeaderLine() -> Bool {
        let lineEnds = buffered.lazy.filter { $0 == 0x0A || $0 == 0x0D }.prefix(3).count
        return lineEnds >= (buffered.starts(with: Array("sep=".utf8)) ? 3 : 1)
    }

    /// `sep=X` alone on the first line: the delimiter X and the line's length with its end.
    static func separatorLine(_ text: Data) -> (UInt8, Int)? {
        let bytes = [UInt8](text.prefix(7))
        guard bytes.count >= 5, bytes[0...3] == ArraySlice("sep=".utf8) || bytes[0...3] == ArraySlice("SEP=".utf8) else { return nil }
        var length = 5
        if bytes.count > length, bytes[length] == 0x0D { length += 1 }
        if bytes.count > length, bytes[length] == 0x0A { length += 1 }
        guard length > 5 || bytes.count == 5 else { return nil }
        return (bytes[4], length)
    }

    /// The delimiter that occurs most often outside quotes on the first line.
    static func likelyDelimiter(firstLineOf text: Data) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
        var quoted = false
        for byte in text {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if byte == 0x0A || byte == 0x0D { break }
            counts[byte]? += 1
        }
        let comma = counts[UInt8(ascii: ",")] ?? 0
        let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $1.key == UInt8(ascii: ",")) }
        guard let best, best.value > comma else { return UInt8(ascii: ",") }
        return best.key
    }
}
