import Foundation

/// Byte-level UTF-8 checks used while detecting encodings and locating bad bytes.
package enum UTF8Check {
    /// What the bytes at an offset hold.
    package enum Sequence: Equatable {
        /// A well-formed multi-byte sequence of this many bytes.
        case valid(Int)
        /// Not the start of a well-formed sequence.
        case invalid
        /// A well-formed start cut off by the end of the bytes.
        case incomplete
    }

    /// The sequence that starts at `offset` (whose byte is 0x80 or above).
    package static func sequence(in bytes: UnsafeRawBufferPointer, at offset: Int) -> Sequence {
        let lead = bytes[offset]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return .invalid
        }
        for index in 1..<length {
            guard offset + index < bytes.count else { return .incomplete }
            let byte = bytes[offset + index]
            let range = index == 1 ? secondRange : 0x80...0xBF
            guard range.contains(byte) else { return .invalid }
        }
        return .valid(length)
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, if any.
    static func firstInvalidOffset(in bytes: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        var offset = start
        while offset < bytes.count {
            if bytes[offset] < 0x80 { offset += 1; continue }
            guard case .valid(let length) = sequence(in: bytes, at: offset) else { return offset }
            offset += length
        }
        return nil
    }

    /// Whether the bytes are ASCII only, eight bytes at a time.
    package static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        firstNonASCII(in: bytes, from: 0) == nil
    }

    /// The offset of the first byte of 0x80 or above, from `start`.
    static func firstNonASCII(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var offset = start
        let count = bytes.count
        while offset + 8 <= count {
            if bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            offset += 8
        }
        while offset < count {
            if bytes[offset] >= 0x80 { return offset }
            offset += 1
        }
        return nil
    }
}

/// Counts line ends the way the reader numbers lines: CR LF once, a lone CR or LF once each.
package enum LineBreaks {
    package static func count(_ bytes: UnsafeRawBufferPointer) -> Int {
        var lines = 0
        var previousWasCR = false
        for byte in bytes {
            if byte == 0x0A {
                if !previousWasCR { lines += 1 }
                previousWasCR = false
            } else if byte == 0x0D {
                lines += 1
                previousWasCR = true
            } else {
                previousWasCR = false
            }
        }
        return lines
    }

    /// Whether the bytes hold a CR or LF at all (cheap, for the common field without one).
    package static func any(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return false }
        return memchr(base, 0x0A, bytes.count) != nil || memchr(base, 0x0D, bytes.count) != nil
    }
}
