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

/// Issue #12: a workbook built with `--mode memory` and with `--mode streaming` is the same to a
/// reader — cells (value, type, formula, number format, font, fill, border, alignment), merges,
/// row heights, column widths, print set-up, panes, conditional formats, defined names, charts
/// with their cached values — and the build summary is identical. Shared and inline strings count
/// as the same text.
@Suite("Mode parity", .serialized)
struct ModeParityTests {
    static let data = TestFiles.root.appendingPathComponent("SampleData")

    static var templates: [String] {
        let folder = TestFiles.root.appendingPathComponent("Templates")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    @Test(arguments: templates)
    func templateIsTheSameInBothModes(_ template: String) throws {
        try Self.compare(TestFiles.root.appendingPathComponent("Templates/\(template).yaml"), label: template)
    }

    @Test func everyReferenceExampleIsTheSameInBothModes() throws {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/README.md"), encoding: .utf8)
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
        // The accessible variant (section 17) is built in memory only: AccessibleVariantTests builds it.
        let complete = blocks.filter { $0.contains("\nsheets:") || $0.hasPrefix("sheets:") }.filter { $0.contains("sources:") }
            .filter { !$0.contains("\npublish: accessible") }
        #expect(complete.count >= 6)
        let folder = try TestFiles.scratchFolder()
        for (index, yaml) in complete.enumerated() {
            try Self.compare(try TestFiles.write(yaml, to: "example-\(index + 1).yaml", in: folder), label: "README example \(index + 1)")
        }
    }

    /// libxlsxwriter 1.1.4 in constant-memory mode: a vertical merge registered once its last row
    /// is written keeps its text, and a row's own merges still work after it (toolchain.md).
    @Test(arguments: [true, false])
    func verticalMergesKeepTheirTextInBothModes(constantMemory: Bool) throws {
        let url = try TestFiles.scratchFolder().appendingPathComponent("merges.xlsx")
        var style = CellStyle()
        style.bold = true
        let writer = try WorkbookWriter(url: url, constantMemory: constantMemory)
        let sheet = try writer.addSheet(name: "M")
        try writer.write([
            LayoutRow(index: 0, merges: [MergedRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 0, text: "down", style: style),
                                         MergedRange(firstRow: 0, firstColumn: 1, lastRow: 0, lastColumn: 3, text: "across", style: style)]),
            LayoutRow(index: 1, cells: [LayoutCell(row: 1, column: 1, content: .text("b2"), style: style)]),
            LayoutRow(index: 2, cells: [LayoutCell(row: 2, column: 3, content: .number(4), style: CellStyle())]),
            LayoutRow(index: 3, merges: [MergedRange(firstRow: 3, firstColumn: 0, lastRow: 3, lastColumn: 3, text: "note", style: style)]),
        ], to: sheet)
        try writer.finish(sheet, settings: SheetSettings())
        try writer.close()
        let read = try XLSXFile(url: url).sheet("M")
        #expect(read.mergedRanges == ["A1:A3", "A4:D4", "B1:D1"])
        #expect(read["A1"]?.text == "down" && read["B1"]?.text == "across" && read["B2"]?.text == "b2" && read["D3"]?.number == 4 && read["A4"]?.text == "note")
        #expect(read["A2"]?.bold == true && read["A3"]?.bold == true)
    }

    static func compare(_ definition: URL, label: String) throws {
        let folder = try TestFiles.scratchFolder()
        let build = ReportBuild(definitionURL: definition, dataDirectory: data)
        let memoryURL = folder.appendingPathComponent("memory.xlsx"), streamingURL = folder.appendingPathComponent("streaming.xlsx")
        let memory = try build.run(output: memoryURL, mode: .memory)
        let streaming = try build.run(output: streamingURL, mode: .streaming)
        #expect(memory.sheets.map(\.name) == streaming.sheets.map(\.name) && memory.sheets.map(\.rows) == streaming.sheets.map(\.rows), "\(label)")
        #expect(memory.formulas == streaming.formulas && memory.warnings == streaming.warnings && memory.inputs == streaming.inputs, "\(label)")
        try WorkbookComparison.expectSame(memoryURL, streamingURL, label: label)
    }
}
