import AppendixData
import Foundation

/// One related field's numbers, appended in sheet-row order and read back a key's range at a
/// time. Up to 8,192 (64 KiB) are kept in memory; past that they are written through a 64 KiB
/// buffer to a temporary file in the output's folder (a ``SpillFile``: removed when this is
/// released, and on SIGINT/SIGTERM), so they cost no memory per row. Without an output folder
/// (``WorkbookLayoutBuilder``) they all stay in memory.
package final class RelatedNumbers {
    private static let bufferCount = (64 << 10) / MemoryLayout<Double>.stride
    private let spillFolder: URL?
    private let writeCall: WriteCall
    private var file: SpillFile?
    /// Numbers not yet written to the file; every number when there is no file.
    private var held: [Double] = []
    /// The range read last and its numbers: a sheet's columns often read the same key's rows.
    private var lastRead: (range: Range<Int>, numbers: [Double])?
    package private(set) var count = 0

    package init(spillFolder: URL?, writeCall: @escaping WriteCall) {
        self.spillFolder = spillFolder
        self.writeCall = writeCall
    }

    /// Appends `number`.
    /// - Throws: ``ExternalSortError`` when the temporary file cannot be made or written.
    package func append(_ number: Double) throws {
        if let spillFolder, held.count == Self.bufferCount { try writeHeld(to: spillFolder) }
        held.append(number)
        count += 1
    }

    /// Writes the numbers still buffered once a file was begun (fewer numbers stay in memory);
    /// call after the last ``append(_:)``.
    package func finishWriting() throws {
        if let spillFolder, file != nil, !held.isEmpty { try writeHeld(to: spillFolder) }
    }

    /// The numbers at positions `range`, in order.
    /// - Throws: ``ExternalSortError`` when the temporary file cannot be read.
    package func numbers(_ range: Range<Int>) throws -> [Double] {
        guard let file else { return Array(held[range]) }
        if let lastRead, lastRead.range == range { return lastRead.numbers }
        let stride = MemoryLayout<Double>.stride
        let numbers = try [Double](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            let start = UnsafeMutableRawBufferPointer(buffer)
            let bytes = range.count * stride
            var got = 0
            while got < bytes {
                let read = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: start[got..<bytes]), at: range.lowerBound * stride + got)
                guard read > 0 else {
                    throw ExternalSortError.cannotReadTemporaryFile(folder: file.folder, cause: "the file is shorter than written")
                }
                got += read
            }
            initialized = range.count
        }
        lastRead = (range, numbers)
        return numbers
    }

    private func writeHeld(to folder: URL) throws {
        let file = try self.file ?? SpillFile(in: folder, writeCall: writeCall)
        self.file = file
        try held.withUnsafeBytes { try file.append($0) }
        held.removeAll(keepingCapacity: true)
    }
}
