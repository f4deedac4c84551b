import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixDefinition
@testable import AppendixPipeline

/// Issue #15 item 8: `missing:` on a `field:` column says what a cell with no value shows; it
/// was silently ignored there, and the workaround `expression: x` cached 0 for a blank.
@Suite("missing: on field columns")
struct FieldMissingTests {
    static let data = "area,cases\nNorth,4\nSouth,\nEast,n/a\nWest,6\n"

    static func build(_ columns: String, mode: BuildMode, totals: Bool = false) throws -> XLSXSheet {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(data, to: "a.csv", in: folder)
        let yaml = "sources:\n  a:\n    file: a.csv\nsheets:\n  - name: A\n    source: a\n    columns:\n" + columns
            + (totals ? "    totals:\n      columns: [cases]\n      label: Total\n" : "")
        let output = folder.appendingPathComponent("a.xlsx")
        _ = try ReportBuild(definitionURL: try TestFiles.write(yaml, to: "a.yaml", in: folder), dataDirectory: folder).run(output: output, mode: mode)
        return try XLSXFile(url: output).sheet("A")
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func blankAndMarkedFieldCellsShowTheMissingText(mode: BuildMode) throws {
        let sheet = try Self.build("      - field: area\n      - field: cases\n        format: count\n        missing: \"–\"\n"
                                   + "      - id: double\n        expression: cases * 2\n        missing: \"–\"\n", mode: mode, totals: true)
        #expect(sheet["B2"]?.number == 4 && sheet["B5"]?.number == 6)
        #expect(sheet["B3"]?.text == "–" && sheet["B4"]?.text == "–")
        #expect(sheet["B3"]?.formula == nil && sheet["B3"]?.number == nil)
        // A computed column reading the cell sees the text, as a spreadsheet does: no 0.
        #expect(sheet["C3"]?.text == "–" && sheet["C3"]?.formula != nil)
        #expect(sheet["C2"]?.number == 8)
        #expect(sheet["B6"]?.number == 10 && sheet["B6"]?.formula == "SUBTOTAL(9,B2:B5)")
    }

    /// A `text` field reads every value as written (no missing markers), but its blank cells
    /// still show the column's `missing:` text.
    @Test(arguments: [BuildMode.memory, .streaming])
    func textFieldBlanksShowTheMissingText(mode: BuildMode) throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("area,note\nNorth,ok\nSouth,\nEast,n/a\n", to: "t.csv", in: folder)
        let yaml = "sources:\n  t:\n    file: t.csv\n    fields:\n      note: text\nsheets:\n  - name: T\n    source: t\n    columns:\n      - field: area\n      - field: note\n        missing: \"–\"\n"
        let output = folder.appendingPathComponent("t.xlsx")
        _ = try ReportBuild(definitionURL: try TestFiles.write(yaml, to: "t.yaml", in: folder), dataDirectory: folder).run(output: output, mode: mode)
        let sheet = try XLSXFile(url: output).sheet("T")
        #expect(sheet["B2"]?.text == "ok" && sheet["B3"]?.text == "–" && sheet["B4"]?.text == "n/a")
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func withoutMissingTheCellsStayAsTheCSVHasThem(mode: BuildMode) throws {
        let sheet = try Self.build("      - field: area\n      - field: cases\n", mode: mode)
        #expect(sheet["B3"] == nil || sheet["B3"]?.value == nil)
        #expect(sheet["B4"]?.text == "n/a")
    }

    @Test func definitionsInCodeTakeMissingAndMarkup() throws {
        let column = ColumnDefinition.field("cases", missing: "–", markup: .html)
        #expect(column.blankText == "–" && column.markup == .html)
        #expect(ColumnDefinition.field("cases").blankText == nil)
    }
}
