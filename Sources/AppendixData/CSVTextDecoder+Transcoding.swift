import Foundation

extension CSVTextDecoder {
    /// Windows-1252's characters for bytes 0x80–0x9F (0 where the byte has none).
    private static let windows1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// Windows-1252 to UTF-8. With `guardsAgainstUTF8` (the encoding was detected, not chosen),
    /// a well-formed UTF-8 sequence stops decoding: the file mixes encodings.
    mutating func decodeWindows1252(_ bytes: UnsafeRawBufferPointer, guardsAgainstUTF8: Bool, isLast: Bool) -> Output {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count + bytes.count / 8)
        var offset = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte < 0x80 { text.append(byte); offset += 1; continue }
            if guardsAgainstUTF8 {
                switch UTF8Check.sequence(in: bytes, at: offset) {
                case .valid:
                    return Output(text: Data(text), problem: "this looks like UTF-8 text, but an earlier byte was not UTF-8, so the file was being read as Windows-1252: the file mixes encodings (set 'encoding:' on the source to the one it was saved in)")
                case .incomplete where !isLast:
                    setCarry(Data(bytes[offset...]))
                    return Output(text: Data(text))
                case .invalid, .incomplete: break
                }
            }
            let scalar = byte >= 0xA0 ? UInt32(byte) : UInt32(Self.windows1252High[Int(byte) - 0x80])
            guard scalar != 0 else {
                return Output(text: Data(text), problem: "byte 0x\(String(byte, radix: 16, uppercase: true)) is not a character in Windows-1252 (set 'encoding:' on the source to the one the file was saved in)")
            }
            Self.appendUTF8(scalar, to: &text)
            offset += 1
        }
        return Output(text: Data(text))
    }

    /// UTF-16 to UTF-8, holding back an odd byte or a high surrogate cut off by the chunk's end.
    mutating func decodeUTF16(_ bytes: UnsafeRawBufferPointer, bigEndian: Bool, isLast: Bool) -> Output {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var offset = 0
        func unit(at position: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[position]) << 8 | UInt32(bytes[position + 1]) : UInt32(bytes[position + 1]) << 8 | UInt32(bytes[position])
        }
        while offset + 1 < bytes.count {
            let first = unit(at: offset)
            if first < 0xD800 || first > 0xDFFF {
                Self.appendUTF8(first, to: &text); offset += 2; continue
            }
            guard first <= 0xDBFF else { return Output(text: Data(text), problem: Self.unpairedSurrogate) }
            guard offset + 3 < bytes.count else { break }
            let second = unit(at: offset + 2)
            guard (0xDC00...0xDFFF).contains(second) else { return Output(text: Data(text), problem: Self.unpairedSurrogate) }
            Self.appendUTF8(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), to: &text)
            offset += 4
        }
        if offset < bytes.count {
            if isLast { return Output(text: Data(text), problem: "the file ends in the middle of a UTF-16 character") }
            setCarry(Data(bytes[offset...]))
        }
        return Output(text: Data(text))
    }

    private static let unpairedSurrogate = "the UTF-16 text has an unpaired surrogate here (the file is damaged or not UTF-16)"

    static func appendUTF8(_ scalar: UInt32, to text: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            text.append(UInt8(scalar))
        case ..<0x800:
            text.append(UInt8(0xC0 | scalar >> 6)); text.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            text.append(UInt8(0xE0 | scalar >> 12)); text.append(UInt8(0x80 | scalar >> 6 & 0x3F)); text.append(UInt8(0x80 | scalar & 0x3F))
        default:
            text.append(UInt8(0xF0 | scalar >> 18)); text.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            text.append(UInt8(0x80 | scalar >> 6 & 0x3F)); text.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
