import AppendixKit
import Foundation
import Testing

/// The library as a program (or a web app) uses it, through `import AppendixKit` alone: a
/// definition from YAML text, rows held in memory typed as a CSV file's are, the workbook as
/// bytes, structured results and errors read from their fields. (The command line proves the
/// public API is enough: it is compiled without package access, see Package.swift.)
@Suite("library API")
struct LibraryAPITests {
    static let yaml = """
        sources:
          fees: { file: fees.csv, fields: { amount: money } }
        sheets:
          - name: Fees
            source: fees
            columns:
              - { field: name }
              - { id: amount, field: amount, format: money }
              - { id: doubled, expression: amount * 2, format: money }
              - { field: note }
            totals: { columns: [amount], label: Total }
        """
    static let header = ["name", "amount", "note"]
    static let rows = [["A", "£1.50", "x"], ["", "", ""], ["B", "2", "1 234"], ["C", "(0.25)", "y"]]

    static func build(in folder: URL) throws -> ReportBuild {
        var build = ReportBuild(definition: try DefinitionLoader.load(yaml: yaml, file: "fees.yaml"), dataDirectory: folder)
        build.sourceRows["fees"] = CSVRows(name: "fees.csv", header: header, rows: rows)
        return build
    }

    /// In-memory rows build the same workbook as the same rows in a CSV file, with the same
    /// summary: sheets and rows, formulas, the warning (file, column, lines, count) and how the
    /// input was read (an all-empty row skipped and counted).
    @Test(arguments: [BuildMode.memory, .streaming])
    func inMemoryRowsBuildLikeTheirCSVFile(mode: BuildMode) throws {
        let folder = try TestFiles.scratchFolder()
        let fromMemory = try Self.build(in: folder).run(output: folder.appendingPathComponent("memory.xlsx"), mode: mode)
        let csv = ([Self.header] + Self.rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        try Data(csv.utf8).write(to: folder.appendingPathComponent("fees.csv"))
        let fileBuild = ReportBuild(definition: try DefinitionLoader.load(yaml: Self.yaml, file: "fees.yaml"), dataDirectory: folder)
        let fromFile = try fileBuild.run(output: folder.appendingPathComponent("file.xlsx"), mode: mode)

        #expect(fromMemory.sheets == [SheetRowCount(name: "Fees", rows: 3)])
        #expect(fromMemory.formulas == fromFile.formulas)
        #expect(fromMemory.formulas == 5)  // three `doubled` cells, the total and the doubled total
        let warning = try #require(fromMemory.warnings.first)
        #expect(fromMemory.warnings.count == 1)
        #expect(warning.file == "fees.csv" && warning.column == "note" && warning.lines == [4] && warning.count == 1)
        #expect(fromMemory.warnings.map(\.message) == fromFile.warnings.map(\.message))
        #expect(fromMemory.inputs.count == 1)
        let input = try #require(fromMemory.inputs.first)
        #expect(input.file == "fees.csv" && input.encoding == .utf8 && input.delimiterName == "comma" && input.skippedEmptyRows == 1)
        #expect(fromFile.inputs.map(\.skippedEmptyRows) == [1])
        let memorySheet = try XLSXFile(url: folder.appendingPathComponent("memory.xlsx")).sheet("Fees")
        let fileSheet = try XLSXFile(url: folder.appendingPathComponent("file.xlsx")).sheet("Fees")
        #expect(memorySheet.cells.mapValues(\.value) == fileSheet.cells.mapValues(\.value))
        #expect(memorySheet["B4"]?.number == -0.25 && memorySheet["C3"]?.formula != nil)
    }

    /// `buildData` returns the workbook's bytes.
    @Test func buildDataReturnsTheWorkbook() throws {
        let folder = try TestFiles.scratchFolder()
        let data = try Self.build(in: folder).buildData(mode: .memory)
        #expect(data.starts(with: [0x50, 0x4B, 0x03, 0x04]))  // a zip package
        let copy = folder.appendingPathComponent("copy.xlsx")
        try data.write(to: copy)
        #expect(try XLSXFile(url: copy).sheet("Fees")["A2"]?.text == "A")
    }

    /// A value in memory that does not fit its type is the CSV reader's error, with its fields.
    @Test(arguments: [BuildMode.memory, .streaming])
    func inMemoryValueThatDoesNotFitNamesItsPlace(mode: BuildMode) throws {
        var build = try Self.build(in: TestFiles.scratchFolder())
        build.sourceRows["fees"]?.rows[2][1] = "two pounds"
        #expect {
            try build.validation(mode: mode)
        } throws: { error in
            guard let error = error as? any AppendixError else { return false }
            return error is DataError && error.file == "fees.csv" && error.line == 4 && error.csvColumn == "amount"
                && error.value == "two pounds" && error.keyPath == nil && error.limit == nil
        }
    }

    /// A definition refused for an Excel limit names the key path, the value and the limit.
    @Test func definitionErrorCarriesItsLimit() throws {
        let long = String(repeating: "x", count: 32)
        let yaml = Self.yaml.replacingOccurrences(of: "name: Fees", with: "name: \(long)")
        #expect {
            try DefinitionLoader.load(yaml: yaml, file: "fees.yaml")
        } throws: { error in
            guard let error = error as? DefinitionError else { return false }
            return error.file == "fees.yaml" && error.line == 4 && error.keyPath == "sheets[0].name" && error.value == long
                && error.limit == .sheetNameCharacters(found: 32, maximum: 31)
        }
    }

    /// A loaded definition's sheets and columns can be read.
    @Test func definitionIsReadable() throws {
        let definition = try DefinitionLoader.load(yaml: Self.yaml, file: "fees.yaml")
        #expect(definition.sources.map(\.name) == ["fees"] && definition.sources[0].fieldTypes == ["amount": .money])
        let columns = definition.sheets[0].columns
        #expect(columns.map(\.id) == ["name", "amount", "doubled", "note"])
        #expect(columns.map(\.field) == ["name", "amount", nil, "note"])
        #expect(columns[2].expression == "amount * 2")
    }
}
