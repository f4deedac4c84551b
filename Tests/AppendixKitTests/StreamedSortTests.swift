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

/// Issue #12 item 3: a sorted or grouped sheet streams through the external merge sort (runs
/// spilled beside the output) and the workbook is the same to a reader as the one built in
/// memory, whether the sort holds every row or spills many runs; no temporary file is left.
@Suite("Streamed sorted and grouped sheets")
struct StreamedSortTests {
    static func csv(rows: Int, seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed)
        var lines = ["ward,category,ref,amount"]
        for _ in 0..<rows {
            let ward = ["North", "south", "East", "west", "Centre"].randomElement(using: &random)!  // non-empty literal
            let category = ["x", "Y", "z", "10", "9"].randomElement(using: &random)!  // non-empty literal
            let ref = Int.random(in: 0..<40, using: &random)
            let amount = Double(Int.random(in: -50_000...50_000, using: &random)) / 100
            lines.append("\(ward),\(category),R\(ref),\(amount)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let definition = """
        output: out.xlsx
        sources:
          rows: { file: rows.csv, fields: { amount: money } }
        sheets:
          - name: Rows
            source: rows
            filter: category <> "z"
            sort: [{ field: ref, descending: true }, category]
            group_by:
              - { field: ward, heading: "Ward {value}", subtotal: "Total {value}" }
              - { field: category, subtotal: "Sub {value}" }
            totals: { columns: [amount], label: Total }
            columns: [ { field: ward, suppress_repeats: true }, { field: category }, { field: ref }, { field: amount, format: money } ]
          - name: Sorted
            source: rows
            sort: [amount]
            columns: [ { field: ref }, { field: amount } ]
        """

    @Test(arguments: [16 << 20, 2_048])
    func sortedAndGroupedSheetsStreamAsTheyAreBuiltInMemory(budget: Int) throws {
        let folder = try TestFiles.scratchFolder()
        _ = try TestFiles.write(Self.csv(rows: 1_500, seed: 12), to: "rows.csv", in: folder)
        let definition = try TestFiles.write(Self.definition, to: "report.yaml", in: folder)
        var build = ReportBuild(definitionURL: definition, dataDirectory: folder)
        build.sortOptions = ExternalSortOptions(memoryBudget: budget, mergeWidth: 3)
        let memoryURL = folder.appendingPathComponent("memory.xlsx"), streamingURL = folder.appendingPathComponent("streaming.xlsx")
        let memory = try build.run(output: memoryURL, mode: .memory)
        let streaming = try build.run(output: streamingURL, mode: .streaming)
        #expect(memory.sheets.map(\.rows) == streaming.sheets.map(\.rows))
        #expect(memory.formulas == streaming.formulas && memory.inputs == streaming.inputs)
        let a = try XLSXFile(url: memoryURL), b = try XLSXFile(url: streamingURL)
        for name in ["Rows", "Sorted"] {
            let x = try a.sheet(name), y = try b.sheet(name)
            #expect(x.cells.count > 1_000)
            #expect(x.cells == y.cells, "sheet '\(name)'")
            #expect(x.tree.descendants("mergeCell").map(\.canonical) == y.tree.descendants("mergeCell").map(\.canonical))
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(left == [], "temporary files left: \(left)")
    }
}
