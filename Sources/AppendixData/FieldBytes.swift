/// Checks on a CSV field's UTF-8 bytes, made without a String (``FieldParser/parse(utf8:as:)``).
enum FieldBytes {
    /// The bytes without leading and trailing spaces, tabs and no-break spaces (U+00A0, C2 A0),
    /// as ``/Swift/String/trimmingSpaces()`` trims a String; no copy.
    static func trimmingSpaces(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0, end = bytes.count
        while start < end {
            if bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            else if start + 1 < end, bytes[start] == 0xC2, bytes[start + 1] == 0xA0 { start += 2 }
            else { break }
        }
        while end > start {
            if bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            else if end - 2 >= start, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 { end -= 2 }
            else { break }
        }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    /// Whether the bytes are `-` or `–` (U+2013, E2 80 93) alone: zero in an accounting export.
    static func isDashAlone(_ bytes: UnsafeRawBufferPointer) -> Bool {
        (bytes.count == 1 && bytes[0] == 0x2D) || (bytes.count == 3 && bytes[0] == 0xE2 && bytes[1] == 0x80 && bytes[2] == 0x93)
    }

    /// An ASCII letter's lowercase byte; any other byte as it is.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}

/// A set of bytes as a 256-bit map: a membership test is a shift and a mask.
struct ByteSet: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return word & (UInt64(1) << UInt64(byte & 63)) != 0
    }
}
