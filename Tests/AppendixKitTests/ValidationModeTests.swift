import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixLayout
@testable import AppendixPipeline

/// `validate --mode`: a check lays the workbook out as a build does, through the same
/// `WorkbookAssembly`; streaming counts rows as they pass (``LayoutCounter``) instead of loading
/// tables, and finds what memory mode finds — the same sheets, rows, cells and formulas, the
/// same warnings and the same first error.
@Suite("Validation in both modes")
struct ValidationModeTests {
    static let data = TestFiles.root.appendingPathComponent("SampleData")

    static func build(_ template: String) -> ReportBuild {
        ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/\(template).yaml"), dataDirectory: data)
    }

    /// What both modes must agree on.
    struct Outcome: Equatable {
        var sheets: [ReportBuild.Validation.Sheet]
        var formulas: Int
        var warnings: [BuildWarning]
        var inputs: [CSVReadReport]

        init(_ validation: ReportBuild.Validation) {
            sheets = validation.sheets
            formulas = validation.formulas
            warnings = validation.warnings
            inputs = validation.inputs
        }
    }

    @Test(arguments: ModeParityTests.templates)
    func everyTemplateValidatesTheSameInBothModes(_ template: String) throws {
        let build = Self.build(template)
        let memory = try build.validation(mode: .memory)
        let streaming = try build.validation(mode: .streaming)
        #expect(!memory.streamed && streaming.streamed)
        #expect(Outcome(memory) == Outcome(streaming))
        // And both agree with the layout check() keeps, and with what a build writes.
        let check = try build.check()
        // The hidden fee key sheet (`fee_import:`) is laid out but is not one of the report's sheets.
        #expect(memory.sheets == check.layout.sheets.filter { !$0.settings.hidden }.map { .init(name: $0.name, rows: $0.dataRowCount, cells: $0.cells.count) })
        #expect(memory.warnings == check.warnings && memory.inputs == check.inputs)
        let summary = try build.run(output: TestFiles.scratchFolder().appendingPathComponent("out.xlsx"), mode: .streaming)
        #expect(streaming.formulas == summary.formulas)
        #expect(streaming.sheets.map(\.rows) == summary.sheets.map(\.rows))
    }

    /// Validates `yaml` over `files` in `mode`; the error text (folder removed).
    static func error(_ yaml: String, files: [String: String], mode: BuildMode) throws -> String? {
        let folder = try DefinitionReliabilityTests.folder(yaml, files: files)
        do {
            _ = try ReportBuild(definitionURL: folder.appendingPathComponent("t.yaml"), dataDirectory: folder).validation(mode: mode)
            return nil
        } catch {
            return "\(error)".replacingOccurrences(of: folder.path + "/", with: "")
        }
    }

    static let sorted = """
        sources:
          d: { file: d.csv, fields: { n: number } }
        sheets:
          - name: S
            source: d
            sort: [ { field: n, descending: true } ]
            totals: { columns: [n] }
            columns: [ { field: label }, { field: n }, { id: twice, expression: n * 2 } ]

        """

    @Test func errorsAreTheSameInBothModes() throws {
        let cases: [(files: [String: String], expected: String)] = [
            (["d.csv": "label,n\na,1\nb,two\n"], "d.csv:3, column 'n': expected a number such as 1234.5, £1,234.50 or (243), found 'two'"),
            // Sorted: the row that overflows is found after sorting, in both modes.
            (["d.csv": "label,n\na,1\nb,1e308\nc,2e308x\n".replacingOccurrences(of: "2e308x", with: "1e307")],
             "d.csv:3, column 'twice': the result of 'n * 2' is too large for Excel (sheet 'S'; Excel's numbers go up to about 1.8E+308)"),
            (["e.csv": "label,n\n"], "d.csv: the CSV file does not exist"),
        ]
        for (files, expected) in cases {
            for mode in [BuildMode.memory, .streaming] {
                let message = try Self.error(Self.sorted, files: files, mode: mode)
                #expect(message?.hasSuffix(expected) == true, "\(mode): \(message ?? "no error")")
            }
        }
        try ExcelLimits.withRowLimit(6) {
            // A header and 5 rows fit; sorted largest first, the sixth row (line 2) does not.
            let rows = "label,n\n" + (1...6).map { "r\($0),\($0)\n" }.joined()
            let memory = try Self.error(Self.sorted, files: ["d.csv": rows], mode: .memory)
            #expect(memory == "d.csv:2: sheet 'S' is full at this row: with its title, headers, totals and notes it holds 5 data rows (Excel allows 6 rows a sheet); split the data (e.g. appendix batch --split FIELD) or filter it")
            #expect(try Self.error(Self.sorted, files: ["d.csv": rows], mode: .streaming) == memory)
        }
    }

    /// Streaming reads a plain source row by row: nothing is loaded before laying out.
    @Test func streamingLoadsNoPlainSource() throws {
        let build = Self.build("savings-multi-year")
        let definition = try build.loadDefinition()
        #expect(try build.heldTables(definition, streaming: true).isEmpty)
        #expect(try build.heldTables(definition, streaming: false).keys.sorted() == definition.sources.map(\.name).sorted())
    }

    @Test func autoDecidesAsABuildDoes() throws {
        var build = Self.build("registrar-fees")
        #expect(try !build.validation(mode: .auto).streamed)
        build.streamingThreshold = 0
        #expect(try build.validation(mode: .auto).streamed)
    }

    @Test func validateCommandTakesTheMode() throws {
        let arguments = ["validate", "Templates/enforcement-monthly.yaml", "--data", "SampleData", "--verbose"]
        let memory = try CommandLineTests.appendix(arguments + ["--mode", "memory"])
        let streaming = try CommandLineTests.appendix(arguments + ["--mode", "streaming"])
        #expect(memory.status == 0 && streaming.status == 0, "\(streaming.error)")
        #expect(streaming.output == memory.output)
        #expect(streaming.output.hasSuffix("Templates/enforcement-monthly.yaml: OK (1 sheets, 1 sources, 72 rows)\n"), "\(streaming.output)")
        let broken = try CommandLineTests.appendix(["validate", "Templates/revenue-forecast.yaml", "--data", "/nonexistent", "--mode", "streaming"])
        #expect(broken.status == 1)
        #expect(broken.error == "appendix: error: /nonexistent/revenue-forecast-q2-2018-19.csv: the CSV file does not exist\n")
    }

    /// Sources held in memory (keyed, per-period, folders) are read before the others stream,
    /// so with several broken files the first one named can differ between modes — as it does
    /// for builds, which validation matches in each mode.
    @Test(arguments: [BuildMode.memory, .streaming])
    func firstErrorIsTheBuildsInTheSameMode(mode: BuildMode) throws {
        let build = ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/registrar-fees.yaml"), dataDirectory: URL(fileURLWithPath: "/nonexistent"))
        var validating: String?, building: String?
        do { _ = try build.validation(mode: mode) } catch { validating = "\(error)" }
        do { try build.run(output: TestFiles.scratchFolder().appendingPathComponent("o.xlsx"), mode: mode) } catch { building = "\(error)" }
        #expect(validating != nil && validating == building)
    }
}
