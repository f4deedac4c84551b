import AppendixData
import Foundation

/// One summary cell of a period sheet: a data row's label (an id in ``SummaryLabels``), its
/// sheet row and its value when a number; 16 bytes.
package struct SummaryCell: Sendable, Equatable {
    package var label: Int32
    package var row: Int32
    /// The value, when it is a number (else it is kept beside the cells, by row).
    package var number: Double
}

/// Where the period sheets' summary cells wait, sorted by label, until their summary is
/// written: appended to one temporary file in the output's folder (a ``SpillFile``: removed when
/// the store is released, and on SIGINT/SIGTERM) and read back in order through a 64 KiB
/// buffer, so they cost no memory per row; or kept in memory when there is no output folder
/// (`validate`, `preview`).
final class SummaryCellStore {
    private let folder: URL?
    private let writeCall: WriteCall
    private var file: SpillFile?
    private var held: [[SummaryCell]] = []

    /// A sheet's stored cells: a range of the file's bytes, or an index into the held arrays.
    enum Stored {
        case file(Range<Int>)
        case memory(Int)
    }

    init(folder: URL?, writeCall: @escaping WriteCall) {
        self.folder = folder
        self.writeCall = writeCall
    }

    /// Keeps `cells`; returns where they are.
    func keep(_ cells: [SummaryCell]) throws -> Stored {
        guard let folder else {
            held.append(cells)
            return .memory(held.count - 1)
        }
        let file = try self.file ?? SpillFile(in: folder, writeCall: writeCall)
        self.file = file
        let start = file.size
        try cells.withUnsafeBytes { try file.append($0) }
        return .file(start..<file.size)
    }

    /// The cells kept at `stored`, in order.
    func reader(_ stored: Stored) -> SummaryCellReader {
        switch stored {
        case .memory(let index): return SummaryCellReader(cells: held[index])
        case .file(let range):
            // A file range is only handed out once the file exists.
            // swift-format-ignore: NeverForceUnwrap
            return SummaryCellReader(file: file!, range: range)
        }
    }
}

/// Reads stored summary cells in order: from memory, or from a file through a 64 KiB buffer.
struct SummaryCellReader {
    private var buffer: [SummaryCell]
    private var position = 0
    private let file: SpillFile?
    private var fileOffset: Int
    private let end: Int
    private static let bufferCells = (64 << 10) / MemoryLayout<SummaryCell>.stride

    init(cells: [SummaryCell]) {
        buffer = cells
        file = nil
        fileOffset = 0
        end = 0
    }

    init(file: SpillFile, range: Range<Int>) {
        buffer = []
        self.file = file
        fileOffset = range.lowerBound
        end = range.upperBound
    }

    /// The next cell without moving past it, or nil at the end.
    mutating func peek() throws -> SummaryCell? {
        if position == buffer.count { try refill() }
        return position < buffer.count ? buffer[position] : nil
    }

    mutating func advance() {
        position += 1
    }

    private mutating func refill() throws {
        guard let file, fileOffset < end else { return }
        let stride = MemoryLayout<SummaryCell>.stride
        let count = min(Self.bufferCells, (end - fileOffset) / stride)
        buffer = try [SummaryCell](unsafeUninitializedCapacity: count) { cells, initialized in
            let bytes = count * stride
            let start = UnsafeMutableRawBufferPointer(cells)
            var got = 0
            while got < bytes {
                let read = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: start[got..<bytes]), at: fileOffset + got)
                guard read > 0 else {
                    throw ExternalSortError.cannotReadTemporaryFile(folder: file.folder, cause: "the file is shorter than written")
                }
                got += read
            }
            initialized = count
        }
        fileOffset += count * stride
        position = 0
    }
}
