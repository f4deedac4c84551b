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

@Suite("Output safety: data stays data, failures lose nothing")
struct OutputSafetyTests {
    static let definition = """
    sources:
      rows:
        file: rows.csv
    sheets:
      - name: Data
        source: rows
        columns:
          - field: label
          - field: value
          - id: double
            expression: value * 2
    """

    private func folder(csv: String) throws -> URL {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(Self.definition, to: "report.yaml", in: folder)
        try TestFiles.write(csv, to: "rows.csv", in: folder)
        return folder
    }

    private func build(_ folder: URL, output: URL) throws {
        try ReportBuild(definitionURL: folder.appendingPathComponent("report.yaml"), dataDirectory: folder).run(output: output)
    }

    @Test func cellsThatLookLikeFormulasAreWrittenAsTextOrNumbers() throws {
        let hostile: [String] = ["=HYPERLINK(\"http://example.invalid\",\"click\")", "+1+2", "-1+2", "@SUM(A1)", "\tleading tab", "\rleading CR", "=1+2"]
        var csv = "label,value\n"
        for text in hostile { csv += "\"\(text.replacingOccurrences(of: "\"", with: "\"\""))\",\"\(text.replacingOccurrences(of: "\"", with: "\"\""))\"\n" }
        csv += "\"-12\",-12\n"
        let folder = try folder(csv: csv)
        let output = folder.appendingPathComponent("out.xlsx")
        try build(folder, output: output)
        let sheet = try XLSXFile(url: output).sheet("Data")
        for (index, text) in hostile.enumerated() {
            for column in ["A", "B"] {
                let cell = try #require(sheet["\(column)\(index + 2)"])
                #expect(cell.formula == nil, "\(text) became a formula")
                #expect(cell.type == "s" && cell.value == text, "\(text) stored as \(cell.type) \(cell.value ?? "nil")")
            }
            // The computed column is a formula of ours; its input is text, so it shows N/A.
            #expect(sheet["C\(index + 2)"]?.text == "N/A")
        }
        #expect(sheet["A9"]?.number == -12)
        #expect(sheet["B9"]?.number == -12)
        #expect(sheet["C9"]?.number == -24 && sheet["C9"]?.formula == "IF(COUNT(B9)<1,\"N/A\",B9*2)")
    }

    @Test func labelsAndSheetNamesFromDataAreNeverFormulas() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("period,measure,count\n2018-10,=HYPERLINK(1),1\n2018-10,@SUM(1),2\n2018-11,=HYPERLINK(1),3\n", to: "m.csv", in: folder)
        try TestFiles.write("""
        sources: { m: { file: m.csv, fields: { count: integer } } }
        sheets:
          - name: "{period}"
            source: m
            per_period: period
            columns: [ { field: measure }, { field: count } ]
            summary: { name: Summary, rows: measure, value: count }
        """, to: "m.yaml", in: folder)
        let output = folder.appendingPathComponent("m.xlsx")
        try ReportBuild(definitionURL: folder.appendingPathComponent("m.yaml"), dataDirectory: folder).run(output: output)
        let workbook = try XLSXFile(url: output)
        // Sheet names from data are period labels, never the data's own text.
        #expect(workbook.sheetNames == ["Summary", "Oct 2018", "Nov 2018"])
        let summary = try workbook.sheet("Summary")
        #expect(summary["A2"]?.text == "=HYPERLINK(1)" && summary["A2"]?.formula == nil)
        #expect(summary["A3"]?.text == "@SUM(1)" && summary["A3"]?.formula == nil)
        #expect(summary["B2"]?.formula == "'Oct 2018'!$B$2")
        // A period value that is not a period stops the build: it never becomes a sheet name.
        try TestFiles.write("period,measure,count\n=cmd|' /C calc'!A0,x,1\n", to: "m.csv", in: folder) // no quotes: valid CSV
        #expect(throws: DataError.self) {
            try ReportBuild(definitionURL: folder.appendingPathComponent("m.yaml"), dataDirectory: folder).run(output: output)
        }
    }

    @Test func badDataLeavesThePreviousWorkbookUntouched() throws {
        let folder = try folder(csv: "label,value\na,1\nb,2,3\n")
        let output = folder.appendingPathComponent("out.xlsx")
        try Data("previous workbook".utf8).write(to: output)
        #expect(throws: DataError(file: folder.appendingPathComponent("rows.csv").path, line: 3, message: "expected 2 fields as in the header, found 3")) {
            try build(folder, output: output)
        }
        #expect(try String(contentsOf: output, encoding: .utf8) == "previous workbook")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["out.xlsx", "report.yaml", "rows.csv"])
    }

    @Test func tooLongTextIsRefusedBeforeWriting() throws {
        let long = String(repeating: "x", count: 32_768)
        let folder = try folder(csv: "label,value\n\(long),1\n")
        let output = folder.appendingPathComponent("out.xlsx")
        try Data("previous workbook".utf8).write(to: output)
        #expect {
            try build(folder, output: output)
        } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.line == 2 && error.column == "label" && error.limit == .cellCharacters(found: 32_768, maximum: 32_767)
        }
        #expect(try String(contentsOf: output, encoding: .utf8) == "previous workbook")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["out.xlsx", "report.yaml", "rows.csv"])
    }

    @Test func successReplacesTheWorkbookAtomically() throws {
        let folder = try folder(csv: "label,value\na,1\n")
        let output = folder.appendingPathComponent("out.xlsx")
        try Data("previous workbook".utf8).write(to: output)
        try build(folder, output: output)
        #expect(try XLSXFile(url: output).sheet("Data")["C2"]?.number == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["out.xlsx", "report.yaml", "rows.csv"])
    }

    @Test func outputFolderThatIsAFileIsAClearError() throws {
        let folder = try folder(csv: "label,value\na,1\n")
        try Data("not a folder".utf8).write(to: folder.appendingPathComponent("blocker"))
        #expect {
            try build(folder, output: folder.appendingPathComponent("blocker/out.xlsx"))
        } throws: { error in
            (error as? RenderError)?.message.contains("cannot create the folder") == true
        }
    }

    @Test func missingFieldNamesTheCSVAndTheDefinitionKey() throws {
        let folder = try folder(csv: "label,amount\na,1\n")
        #expect {
            try build(folder, output: folder.appendingPathComponent("out.xlsx"))
        } throws: { error in
            guard let error = error as? DefinitionError else { return false }
            return error.description == "\(folder.appendingPathComponent("report.yaml").path):9:16: sheets[0].columns[1].field: the CSV \(folder.appendingPathComponent("rows.csv").path) has no column 'value'; its columns are: label, amount"
        }
    }
}
