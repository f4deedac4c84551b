/// A row waiting to be sorted: its group rank (compared first), and the row.
package struct SortEntry: Sendable {
    package var rank: Int
    package var row: DataRow
}

/// The binary form of sorted runs in a ``SpillFile``. Per entry: rank, line and value count as
/// LEB128 varints (line zig-zagged), then per value a tag byte — 0 number (8 bytes, the IEEE
/// bits little-endian), 1 text, 2 missing (a varint byte count, then the UTF-8 bytes); then the
/// row's ``DataRow/writtenDecimals``: a varint count (0 for a plain table) and one byte each.
package enum SortRunFormat {
    package static let number: UInt8 = 0
    package static let text: UInt8 = 1
    package static let missing: UInt8 = 2
    /// Bytes buffered before a write or read: 64 KiB.
    static let bufferSize = 1 << 16
}

/// Appends entries to a ``SpillFile`` through a 64 KiB buffer.
package struct SortRunWriter {
    private let file: SpillFile
    private var buffer: [UInt8] = []

    package init(file: SpillFile) {
        self.file = file
        buffer.reserveCapacity(SortRunFormat.bufferSize + 1024)
    }

    package mutating func write(_ entry: SortEntry) throws {
        appendVarint(UInt64(entry.rank))
        appendVarint(UInt64(bitPattern: Int64((entry.row.line << 1) ^ (entry.row.line >> 63))))
        appendVarint(UInt64(entry.row.values.count))
        for value in entry.row.values {
            switch value {
            case .number(let number):
                buffer.append(SortRunFormat.number)
                withUnsafeBytes(of: number.bitPattern.littleEndian) { buffer.append(contentsOf: $0) }
            case .text(let text): appendString(text, tag: SortRunFormat.text)
            case .missing(let text): appendString(text, tag: SortRunFormat.missing)
            }
        }
        appendVarint(UInt64(entry.row.writtenDecimals.count))
        buffer.append(contentsOf: entry.row.writtenDecimals)
        if buffer.count >= SortRunFormat.bufferSize { try flush() }
    }

    /// Writes what is buffered; call at the end of a run.
    package mutating func flush() throws {
        try buffer.withUnsafeBytes { try file.append($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func appendString(_ text: String, tag: UInt8) {
        buffer.append(tag)
        var text = text
        text.withUTF8 { bytes in
            appendVarint(UInt64(bytes.count))
            buffer.append(contentsOf: bytes)
        }
    }

    private mutating func appendVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        buffer.append(UInt8(value))
    }
}
