/// Text from data as readers will show it. OOXML readers decode `_xHHHH_` (four hex digits) in
/// any string as the character U+HHHH, so `A_x000D_B` would show a line break; Excel's own
/// escape writes the underscore as `_x005F_`. libxlsxwriter 1.1.4 does not do this itself (it
/// only turns control characters into `_xHHHH_`), so every string written from data goes
/// through ``escaped(_:)`` once, in Render.
package enum SpreadsheetText {
    /// `text` with the `_` of every `_xHHHH_` written as `_x005F_`; unchanged (and not copied)
    /// when there is none, which is almost always.
    package static func escaped(_ text: String) -> String {
        guard needsEscape(text) else { return text }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 12)
        var index = 0
        while index < bytes.count {
            if isEscapeSequence(bytes, at: index) { result += Array("_x005F".utf8) }
            result.append(bytes[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether `text` has an `_xHHHH_` (so ``escaped(_:)`` changes it).
    package static func needsEscape(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { firstEscape(in: $0) != nil } ?? (firstEscape(in: Array(text.utf8)) != nil)
    }

    /// The offset of the first `_xHHHH_`, if any.
    static func firstEscape<Bytes: RandomAccessCollection>(in bytes: Bytes) -> Int? where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = bytes.startIndex
        while index + 7 <= bytes.endIndex {
            if bytes[index] == UInt8(ascii: "_"), isEscapeSequence(bytes, at: index) { return index }
            index += 1
        }
        return nil
    }

    /// Whether `_xHHHH_` starts at `index` (`x` in either case, as readers accept both).
    static func isEscapeSequence<Bytes: RandomAccessCollection>(_ bytes: Bytes, at index: Int) -> Bool where Bytes.Element == UInt8, Bytes.Index == Int {
        guard index + 7 <= bytes.endIndex, bytes[index] == UInt8(ascii: "_"), bytes[index + 6] == UInt8(ascii: "_"),
              bytes[index + 1] == UInt8(ascii: "x") || bytes[index + 1] == UInt8(ascii: "X") else { return false }
        return (index + 2 ..< index + 6).allSatisfy { isHexDigit(bytes[$0]) }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}
