import Foundation

/// Field bytes to a String: ASCII without validation, other text validated as UTF-8 and put in
/// Unicode Normalization Form C, so that `é` typed as one character or as `e` plus an accent is
/// the same text (for grouping, filters and keys) and is written the same way.
package enum CSVFieldText {
    /// The text of bytes already found valid UTF-8 (``isValid(_:)``), in NFC.
    package static func string(checked bytes: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let firstHigh = UTF8Check.firstNonASCII(in: bytes, from: 0) else { return text }
        return isNFC(bytes, from: firstHigh) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether the bytes are well-formed UTF-8 (ASCII checked eight bytes at a time).
    package static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let firstHigh = UTF8Check.firstNonASCII(in: bytes, from: 0) else { return true }
        return UTF8Check.firstInvalidOffset(in: bytes, from: firstHigh) == nil
    }

    /// A quick, conservative check: true only when every character is one that NFC never
    /// changes and that never combines with its neighbours — ASCII, U+0080–U+02FF (Latin-1,
    /// Latin Extended, spacing modifiers) and U+2002–U+20BF (spaces, dashes, quotes, bullets and
    /// currency signs such as €). Anything else takes the full normalisation.
    static func isNFC(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Bool {
        var offset = start
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte < 0x80 { offset += 1; continue }
            if byte >= 0xC2 && byte <= 0xCB { offset += 2; continue } // U+0080–U+02FF
            if byte == 0xE2, offset + 1 < bytes.count {
                let second = bytes[offset + 1]
                // E2 80 82… – E2 82 BF is U+2002–U+20BF; U+2000 and U+2001 become U+2002/U+2003.
                let thirdAllowsAll = second == 0x81 || second == 0x82
                if thirdAllowsAll || (second == 0x80 && offset + 2 < bytes.count && bytes[offset + 2] >= 0x82) {
                    offset += 3; continue
                }
            }
            return false
        }
        return true
    }
}
