import Foundation
import Testing
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixLayout
@testable import AppendixPipeline
@testable import AppendixRender

/// Issue #14: a build lays rows out on one thread while libxlsxwriter writes cells on another
/// (``SinkPipeline``). The workbook must be byte for byte the one a single-thread build writes,
/// in both modes, and an error on either side must stop the other and surface as it does on one
/// thread.
@Suite("Two-thread builds", .serialized)
struct TwoThreadBuildTests {
    /// Bench-shaped rows: text, money (some bracketed negatives, some blank), an integer.
    static func csv(rows: Int) -> String {
        var text = "id,ward,description,amount,budget,count\n"
        for row in 1...rows {
            let amount = row % 20 == 0 ? "(\(row % 97).50)" : row % 31 == 0 ? "" : "£\(row * 7 % 5_000).\(row % 100)"
            text += "TX\(row),Ward \(row % 7),\"Item \(row), with a comma and a longer description\",\(amount),£\(row % 900 + 1).25,\(row % 13)\n"
        }
        return text
    }

    static func definition(grouped: Bool) -> String {
        let grouping = grouped ? "    group_by:\n      - field: ward\n        heading: \"{value}\"\n        subtotal: \"Total {value}\"\n    totals:\n      columns: [amount, variance]\n      label: Total\n" : ""
        return """
        title: Two threads
        sources:
          rows:
            file: rows.csv
            fields: { id: text, amount: money, budget: money, count: integer }
        sheets:
          - name: Data
            source: rows
        \(grouping)    columns:
              - field: id
              - field: ward
              - field: description
              - { id: amount, field: amount, format: money }
              - { id: budget, field: budget, format: money }
              - field: count
              - { id: variance, expression: amount - budget, format: money }
              - { id: share, expression: amount / budget, format: percent }
        """
    }

    /// Builds `definition` on one thread and on two; returns the parts that differ.
    static func differences(_ definition: URL, data: URL, mode: BuildMode) throws -> [String] {
        let folder = try TestFiles.scratchFolder()
        var build = ReportBuild(definitionURL: definition, dataDirectory: data)
        build.threads = .one
        let one = try build.run(output: folder.appendingPathComponent("one.xlsx"), mode: mode)
        build.threads = .two
        let two = try build.run(output: folder.appendingPathComponent("two.xlsx"), mode: mode)
        #expect(one.sheets == two.sheets && one.formulas == two.formulas && one.warnings == two.warnings)
        return try PackageBytes.differences(one.output, two.output)
    }

    @Test(arguments: [BuildMode.memory, .streaming], [false, true])
    func manyBatchesGiveTheSameWorkbookAsOneThread(mode: BuildMode, grouped: Bool) throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(Self.csv(rows: 4_321), to: "rows.csv", in: folder)
        let definition = try TestFiles.write(Self.definition(grouped: grouped), to: "two.yaml", in: folder)
        #expect(try Self.differences(definition, data: folder, mode: mode) == [])
    }

    @Test(arguments: ModeParityTests.templates)
    func everyTemplateIsTheSameOnTwoThreads(_ template: String) throws {
        let definition = TestFiles.root.appendingPathComponent("Templates/\(template).yaml")
        for mode in [BuildMode.memory, .streaming] {
            #expect(try Self.differences(definition, data: ModeParityTests.data, mode: mode) == [], "\(template), \(mode)")
        }
    }

    /// A data row's failing cell is named by its column, and the cells before it are written.
    @Test func aRefusedDataCellIsNamed() throws {
        let writer = try WorkbookWriter(url: try TestFiles.scratchFolder().appendingPathComponent("b.xlsx"), displayName: "b.xlsx", constantMemory: true)
        let sheet = try writer.addSheet(name: "S")
        let styles = ColumnStyles([CellStyle(), CellStyle(), CellStyle()])
        let row = LayoutRow(index: 2, body: BodyCells(contents: [.text("a_x0041_"), .text(String(repeating: "y", count: 40_000)), .number(1)], styles: styles))
        let error = #expect(throws: RenderError.self) { try writer.write(row, to: sheet) }
        #expect(error?.message.hasPrefix("sheet 'S', cell B3: ") == true, "\(error?.message ?? "")")
    }

    @Test func batchJobsRunningSideBySideUseOneThreadEach() {
        #expect(JobConcurrency(jobs: 8, parallelism: 2).threads == .one)
        #expect(JobConcurrency(jobs: 8, parallelism: 1).threads == nil)
        #expect(JobConcurrency(jobs: 1, parallelism: 2).threads == nil)
        var build = ReportBuild(definitionURL: URL(fileURLWithPath: "t.yaml"), dataDirectory: URL(fileURLWithPath: "."))
        #expect(JobConcurrency.sideBySide.applied(to: build).threads == .one)
        build.threads = .one
        #expect(JobConcurrency.alone.applied(to: build).threads == .one)
    }

    /// A writer refusing a cell (a text over Excel's 32,767 characters, which laying out would
    /// have refused first) fails the same way on two threads as on one, and leaves no file.
    @Test(arguments: [true, false])
    func aWriterErrorIsTheSameOnTwoThreads(constantMemory: Bool) throws {
        var messages: [String] = []
        for threads in [BuildThreads.one, .two] {
            let folder = try TestFiles.scratchFolder()
            let writer = try WorkbookWriter(url: folder.appendingPathComponent("w.xlsx"), displayName: "w.xlsx", constantMemory: constantMemory)
            let error = #expect(throws: RenderError.self) {
                try SinkPipeline(threads: threads).run(into: writer) { sink in
                    let sheet = try sink.addSheet(name: "S")
                    for row in 0..<5_000 {
                        let text = row == 2_500 ? String(repeating: "x", count: 40_000) : "row \(row)"
                        try sink.write(LayoutRow(index: row, cells: [LayoutCell(row: row, column: 0, content: .text(text), style: CellStyle())]), to: sheet)
                    }
                }
            }
            messages.append(error?.message ?? "")
            withExtendedLifetime(writer) {}
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") } == [])
        }
        #expect(messages[0].contains("sheet 'S', cell A2501") && messages[0] == messages[1], "\(messages)")
    }
}
