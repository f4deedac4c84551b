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

/// Issue #12 item 3: the external merge sort that lets sorted and grouped sheets be built in
/// bounded memory. It must order rows exactly as the in-memory rules (SheetRowSelection) do, keep ties
/// in input order, and never leave its temporary file behind.
@Suite("External sort")
struct ExternalSortTests {
    /// Random rows of `width` fields mixing numbers, text (with case and ties) and missing values.
    static func rows(_ count: Int, width: Int, random: inout SeededGenerator) -> [DataRow] {
        let words = ["alpha", "Alpha", "beta", "BETA", "gamma", "", "N/A", "£12", "Ωmega", "zeta", "a long text value over fifteen bytes"]
        return (0..<count).map { line in
            DataRow(line: line + 2, values: (0..<width).map { _ in
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<4: return .number(Double(Int.random(in: -3...3, using: &random)) / 2)
                case 4..<8: return .text(words.randomElement(using: &random)!)
                default: return .missing(["", "N/A", "-"].randomElement(using: &random)!)
                }
            })
        }
    }

    static func sortedExternally(_ rows: [DataRow], order: SheetRowOrder, options: ExternalSortOptions,
                                 in folder: URL) throws -> (rows: [DataRow], runs: Int) {
        let sorter = ExternalRowSorter(folder: folder, order: order, options: options)
        for row in rows { try sorter.add(row) }
        var result: [DataRow] = []
        try sorter.finish { result.append($0) }
        return (result, sorter.runsWritten)
    }

    static func temporaryFiles(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".appendix-sort.") }
    }

    static let mixedOrder = SheetRowOrder(sortFields: [.init(index: 1, descending: true), .init(index: 0), .init(index: 3)])

    /// A budget of `rowsPerRun` rows of `rows(_:width:random:)` (no text over 15 bytes counted).
    static func budget(rowsPerRun: Int, width: Int = 4) -> Int {
        rowsPerRun * ExternalRowSorter.estimatedBytes(of: DataRow(line: 0, values: Array(repeating: .number(0), count: width)))
    }

    @Test(arguments: [(1_000_000, 0), (1_200, 1), (40, 25)])
    func equalsTheInMemorySort(rowsPerRun: Int, expectedRuns: Int) throws {
        var random = SeededGenerator(seed: 12)
        let rows = Self.rows(2_000, width: 4, random: &random)
        let folder = try TestFiles.scratchFolder()
        let options = ExternalSortOptions(memoryBudget: Self.budget(rowsPerRun: rowsPerRun), mergeWidth: 4)
        let (sorted, runs) = try Self.sortedExternally(rows, order: Self.mixedOrder, options: options, in: folder)
        #expect(sorted == Self.mixedOrder.ordered(rows))
        if expectedRuns < 25 { #expect(runs == expectedRuns) } else { #expect(runs > expectedRuns, "merged in passes") }
        #expect(try Self.temporaryFiles(in: folder) == [])
    }

    @Test func tiesKeepInputOrderEvenWithRepeatedLines() throws {
        // Folder sources restart line numbers per file: the order added, not the line, breaks ties.
        let rows = (0..<500).map { DataRow(line: $0 % 7, values: [.text($0 % 2 == 0 ? "Same" : "same"), .number(Double($0))]) }
        let order = SheetRowOrder(sortFields: [.init(index: 0)])
        let options = ExternalSortOptions(memoryBudget: Self.budget(rowsPerRun: 30, width: 2), mergeWidth: 3)
        let (sorted, runs) = try Self.sortedExternally(rows, order: order, options: options, in: try TestFiles.scratchFolder())
        #expect(runs > 16)
        #expect(sorted == rows)
    }

    @Test func runFormatKeepsEveryValueExactly() throws {
        let long = String(repeating: "é£–x", count: 40_000)  // longer than the 64 KiB buffer
        let values: [CellValue] = [.number(-0.0), .number(.infinity), .number(-.greatestFiniteMagnitude), .number(.leastNonzeroMagnitude),
                                   .number(0.1 + 0.2), .text(""), .text(long), .missing(""), .missing("N/A"), .text("🇬🇧 \u{0}")]
        let rows = (0..<300).map { DataRow(line: $0 - 150, values: values.shuffled()) }
        let options = ExternalSortOptions(memoryBudget: 1, mergeWidth: 2)
        let (sorted, _) = try Self.sortedExternally(rows, order: SheetRowOrder(), options: options, in: try TestFiles.scratchFolder())
        #expect(sorted.map(\.line) == rows.map(\.line))
        #expect(sorted.map { $0.values.map(\.displayText) } == rows.map { $0.values.map(\.displayText) })
        #expect(sorted.flatMap(\.values).compactMap(\.number).map(\.bitPattern) == rows.flatMap(\.values).compactMap(\.number).map(\.bitPattern))
    }

    @Test func groupedAndSortedOrderEqualsTheLayoutSelection() throws {
        var random = SeededGenerator(seed: 7)
        let folder = try TestFiles.scratchFolder()
        let definition = try DefinitionLoader.load(yaml: """
            output: out.xlsx
            sources:
              rows: { file: rows.csv, key: k }
            sheets:
              - name: Rows
                source: rows
                sort: [{ field: a, descending: true }, b]
                group_by: [{ field: g, subtotal: false }, { field: h, subtotal: false }]
                columns: [{ field: a }, { field: b }, { field: g }, { field: h }, { field: k }]
            """, file: "report.yaml")
        let header = ["a", "b", "g", "h", "k"]
        let rows = Self.rows(600, width: 5, random: &random)
        let table = DataTable(file: "rows.csv", header: header, rows: rows)
        let selection = try SheetRowSelection(sheet: definition.sheets[0], source: definition.sources[0], header: table.header, file: table.file)
        let order = SheetRowOrder(sortFields: [.init(index: 0, descending: true), .init(index: 1)], groupFields: [2, 3, 4])
        // The layout's in-memory selection orders by the very same rules (no copy of them).
        #expect(selection.order == order)
        let inMemory = selection.ordered(rows)
        var external: [DataRow] = []
        try order.forEachOrdered(reading: { feed in try rows.forEach(feed) }, spillingTo: folder,
                                 options: ExternalSortOptions(memoryBudget: Self.budget(rowsPerRun: 50, width: 5), mergeWidth: 3)) { external.append($0) }
        #expect(external == inMemory)
        #expect(try Self.temporaryFiles(in: folder) == [])
    }

    @Test func temporaryFileExistsWhileMergingAndIsGoneAfterwards() throws {
        var random = SeededGenerator(seed: 3)
        let folder = try TestFiles.scratchFolder()
        let sorter = ExternalRowSorter(folder: folder, order: Self.mixedOrder, options: ExternalSortOptions(memoryBudget: Self.budget(rowsPerRun: 100)))
        for row in Self.rows(1_000, width: 4, random: &random) { try sorter.add(row) }
        let whileAdding = try Self.temporaryFiles(in: folder)
        #expect(whileAdding.count == 1)
        #expect(whileAdding.allSatisfy { TemporaryWorkbookFile.processID(inTemporaryName: $0) == getpid() }, "named like the tool's other temporary files")
        var seen = 0
        try sorter.finish { _ in seen += 1 }
        #expect(seen == 1_000)
        #expect(try Self.temporaryFiles(in: folder) == [])
    }

    struct ConsumerStopped: Error {}

    @Test func temporaryFilesAreGoneWhenTheConsumerThrowsMidMerge() throws {
        var random = SeededGenerator(seed: 4)
        let folder = try TestFiles.scratchFolder()
        let sorter = ExternalRowSorter(folder: folder, order: Self.mixedOrder, options: ExternalSortOptions(memoryBudget: Self.budget(rowsPerRun: 20), mergeWidth: 4))
        for row in Self.rows(1_000, width: 4, random: &random) { try sorter.add(row) }
        var seen = 0
        #expect(throws: ConsumerStopped.self) {
            try sorter.finish { _ in
                seen += 1
                if seen == 500 { throw ConsumerStopped() }
            }
        }
        #expect(try Self.temporaryFiles(in: folder) == [])
    }

    @Test func aFailedWriteNamesTheFolderAndCauseAndLeavesNothing() throws {
        var random = SeededGenerator(seed: 5)
        let folder = try TestFiles.scratchFolder()
        var options = ExternalSortOptions(memoryBudget: Self.budget(rowsPerRun: 50))
        let budget = WriteBudget(bytes: 3_000)
        options.writeCall = { descriptor, bytes, count in
            guard budget.take(count) else { errno = ENOSPC; return -1 }
            return write(descriptor, bytes, count)
        }
        let sorter = ExternalRowSorter(folder: folder, order: Self.mixedOrder, options: options)
        let error = #expect(throws: ExternalSortError.self) {
            for row in Self.rows(1_000, width: 4, random: &random) { try sorter.add(row) }
        }
        #expect(error == .cannotWriteTemporaryFile(folder: folder.path, cause: "No space left on device"))
        #expect(error?.description.hasPrefix("\(folder.path): could not write the build's temporary file of rows (No space left on device)") == true)
        withExtendedLifetime(sorter) {}
        #expect(try Self.temporaryFiles(in: folder) == [])
    }

    @Test func aFolderThatCannotBeWrittenIsReported() throws {
        let folder = try TestFiles.scratchFolder().appendingPathComponent("missing")
        let sorter = ExternalRowSorter(folder: folder, order: Self.mixedOrder, options: ExternalSortOptions(memoryBudget: 1))
        #expect(throws: ExternalSortError.cannotCreateTemporaryFile(folder: folder.path, cause: "No such file or directory")) {
            try sorter.add(DataRow(line: 2, values: [.number(1), .number(2), .number(3), .number(4)]))
        }
    }

    /// Generated inputs: random widths, orders (sort keys, directions, group fields), budgets and
    /// merge widths; the external order must equal the in-memory one. APPENDIX_FUZZ_ITERATIONS scales it.
    @Test func generatedInputsSortAsInMemory() throws {
        var random = SeededGenerator(seed: PropertyTests.seed &+ 12)
        let folder = try TestFiles.scratchFolder()
        for iteration in 0..<max(1, PropertyTests.iterations / 3) {
            let width = Int.random(in: 1...5, using: &random)
            let rows = Self.rows(Int.random(in: 0...300, using: &random), width: width, random: &random)
            let fields = Array(0..<width)
            let order = SheetRowOrder(
                sortFields: fields.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random)).map { .init(index: $0, descending: Bool.random(using: &random)) },
                groupFields: Array(fields.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random))))
            let options = ExternalSortOptions(memoryBudget: Self.budget(rowsPerRun: Int.random(in: 1...120, using: &random), width: width),
                                              mergeWidth: Int.random(in: 2...6, using: &random))
            var external: [DataRow] = []
            try order.forEachOrdered(reading: { feed in try rows.forEach(feed) }, spillingTo: folder, options: options) { external.append($0) }
            #expect(external == order.ordered(rows), "seed \(PropertyTests.seed) iteration \(iteration): \(order)")
            if external != order.ordered(rows) { break }
        }
        #expect(try Self.temporaryFiles(in: folder) == [])
    }
}

/// Bytes a test lets the temporary file take before writes fail (a full disk).
final class WriteBudget: @unchecked Sendable {
    private let lock = NSLock()
    private var left: Int

    init(bytes: Int) { left = bytes }

    func take(_ count: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard count <= left else { return false }
        left -= count
        return true
    }
}
