/// Reads back one run, the byte range `start..<end` of a ``SpillFile``, entry by entry through
/// a 64 KiB buffer (grown only for a value longer than that). A class: the merge keeps one per
/// run, and a copy of the buffer per row would cost more than the row.
package final class SortRunReader {
    private let file: SpillFile
    private var fileOffset: Int
    private let end: Int
    private var buffer: [UInt8]
    private var position = 0
    private var filled = 0

    package init(file: SpillFile, range: Range<Int>) {
        self.file = file
        fileOffset = range.lowerBound
        end = range.upperBound
        buffer = [UInt8](repeating: 0, count: SortRunFormat.bufferSize)
    }

    /// The next entry, or nil at the end of the run.
    package func next() throws -> SortEntry? {
        guard position < filled || fileOffset < end else { return nil }
        let rank = Int(try varint())
        let zigzag = try varint()
        let line = Int(truncatingIfNeeded: zigzag >> 1) ^ -Int(truncatingIfNeeded: zigzag & 1)
        let count = Int(try varint())
        var values: [CellValue] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try value()) }
        var row = DataRow(line: line, values: values)
        row.writtenDecimals = try writtenDecimals()
        return SortEntry(rank: rank, row: row)
    }

    /// A row's ``DataRow/writtenDecimals``: a count, then one byte each.
    private func writtenDecimals() throws -> [UInt8] {
        let count = Int(try varint())
        guard count > 0 else { return [] }
        try require(count)
        defer { position += count }
        return Array(buffer[position..<(position + count)])
    }

    private func value() throws -> CellValue {
        try require(1)
        let tag = buffer[position]
        position += 1
        if tag == SortRunFormat.number {
            try require(8)
            var bits: UInt64 = 0
            for shift in 0..<8 { bits |= UInt64(buffer[position + shift]) << (8 * shift) }
            position += 8
            return .number(Double(bitPattern: bits))
        }
        let length = Int(try varint())
        try require(length)
        let text = buffer.withUnsafeBufferPointer { String(decoding: $0[position..<(position + length)], as: UTF8.self) }
        position += length
        return tag == SortRunFormat.text ? .text(text) : .missing(text)
    }

    private func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            try require(1)
            let byte = buffer[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    /// Makes sure `count` unread bytes are in the buffer.
    private func require(_ count: Int) throws {
        guard filled - position < count else { return }
        let kept = filled - position
        // copyMemory moves overlapping bytes correctly (memmove).
        if kept > 0 { buffer.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<filled])) } }
        position = 0
        filled = kept
        if buffer.count < count { buffer += [UInt8](repeating: 0, count: count - buffer.count) }
        while filled < count {
            let wanted = min(buffer.count - filled, end - fileOffset)
            guard wanted > 0 else {
                throw ExternalSortError.cannotReadTemporaryFile(folder: file.folder, cause: "a run ends in the middle of a row")
            }
            let got = try buffer.withUnsafeMutableBytes { bytes in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[filled..<(filled + wanted)]), at: fileOffset)
            }
            guard got > 0 else {
                throw ExternalSortError.cannotReadTemporaryFile(folder: file.folder, cause: "the file is shorter than written")
            }
            filled += got
            fileOffset += got
        }
    }
}
