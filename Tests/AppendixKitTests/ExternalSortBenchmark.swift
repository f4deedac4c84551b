import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixFees
@testable import AppendixLayout
@testable import AppendixPipeline
@testable import AppendixRender

/// The external sort's throughput on bench/generate.py's CSV (id, date, ward, category,
/// description, amount, budget, count). Runs only when APPENDIX_SORT_BENCH_CSV names the file;
/// build with `-c release` for figures that mean anything:
///
///     python3 bench/generate.py 1000000 /tmp/bench-1000000.csv
///     swift build -c release --build-tests
///     APPENDIX_SORT_BENCH_CSV=/tmp/bench-1000000.csv swift test -c release --skip-build --filter ExternalSortBenchmark
@Suite("External sort benchmark")
struct ExternalSortBenchmark {
    static let csv = ProcessInfo.processInfo.environment["APPENDIX_SORT_BENCH_CSV"]

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func read(_ url: URL, _ body: (DataRow) throws -> Void) throws {
        try DataTable.stream(CSVReader(url: url), header: { _ in }, row: body)
    }

    @Test(.enabled(if: csv != nil, "set APPENDIX_SORT_BENCH_CSV to a bench/generate.py CSV"))
    func sortThroughput() throws {
        let url = URL(fileURLWithPath: try #require(Self.csv))
        let folder = try TestFiles.scratchFolder()
        var count = 0
        let reading = try Self.seconds { try Self.read(url) { _ in count += 1 } }
        // `sort: [category, { field: amount, descending: true }]`: a ledger by category, largest first.
        let sortOnly = SheetRowOrder(sortFields: [.init(index: 3), .init(index: 5, descending: true)])
        var runs = 0, sorted = 0
        let sorting = try Self.seconds {
            let sorter = ExternalRowSorter(folder: folder, order: sortOnly)
            try Self.read(url) { try sorter.add($0) }
            try sorter.finish { _ in sorted += 1 }
            runs = sorter.runsWritten
        }
        // `group_by: [ward]` with the same sort: two reads (the first ranks the wards).
        let grouped = SheetRowOrder(sortFields: sortOnly.sortFields, groupFields: [2])
        let grouping = try Self.seconds {
            try grouped.forEachOrdered(reading: { try Self.read(url, $0) }, spillingTo: folder) { _ in }
        }
        #expect(sorted == count)
        print(String(format: "external sort, %d rows: read %.2f s; read + sort %.2f s (%d runs, sort %.2f s = %.0f rows/s); read twice + group + sort %.2f s",
                     count, reading, sorting, runs, sorting - reading, Double(count) / (sorting - reading), grouping))
    }
}
