import AppendixKit
import Foundation
import Testing

@testable import BuildFeeAppendix

/// Issue #13: a definition built in Swift (public initialisers, expressions as text) is the
/// definition its YAML makes — the same workbook, cell for cell, in both modes — and is checked
/// by the same code: its errors name the key path in `<code>` (or the file the program names).
@Suite("Definitions built in code")
struct DefinitionInCodeTests {
    static let data = TestFiles.root.appendingPathComponent("SampleData")

    /// Builds `definition` and the YAML file `template` (relative to the project) in `mode` and
    /// expects the same workbook and summary.
    static func expectSameWorkbook(_ definition: ReportDefinition, asYAML template: URL, mode: BuildMode) throws {
        let folder = try TestFiles.scratchFolder()
        let fromCode = try ReportBuild(definition: definition, dataDirectory: data).run(output: folder.appendingPathComponent("code.xlsx"), mode: mode)
        let fromYAML = try ReportBuild(definitionURL: template, dataDirectory: data).run(output: folder.appendingPathComponent("yaml.xlsx"), mode: mode)
        #expect(fromCode.sheets == fromYAML.sheets && fromCode.formulas == fromYAML.formulas && fromCode.warnings == fromYAML.warnings)
        #expect(fromCode.formulas > 0)
        try WorkbookComparison.expectSame(fromCode.output, fromYAML.output, label: "\(template.lastPathComponent) \(mode)")
    }

    static func template(_ name: String) -> URL {
        TestFiles.root.appendingPathComponent("Templates/\(name).yaml")
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func registrarFeesPublishedInCodeIsTheTemplate(mode: BuildMode) throws {
        try Self.expectSameWorkbook(Self.registrarFeesPublished, asYAML: Self.template("registrar-fees-published"), mode: mode)
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func enforcementMonthInCodeIsTheTemplate(mode: BuildMode) throws {
        try Self.expectSameWorkbook(Self.enforcementMonth, asYAML: Self.template("enforcement-month"), mode: mode)
    }

    /// Grouping with headings and subtotals, totals in a label column, header groups, a range
    /// expression and a format code.
    @Test(arguments: [BuildMode.memory, .streaming])
    func savingsMultiYearInCodeIsTheTemplate(mode: BuildMode) throws {
        try Self.expectSameWorkbook(Self.savingsMultiYear, asYAML: Self.template("savings-multi-year"), mode: mode)
    }

    /// `rag` coloured by conditional formats, centred; `dot`.
    @Test(arguments: [BuildMode.memory, .streaming])
    func ragBoundariesInCodeIsTheTemplate(mode: BuildMode) throws {
        try Self.expectSameWorkbook(Self.ragBoundaries, asYAML: Self.template("rag-boundaries"), mode: mode)
    }

    /// A filter, a sort on two fields, a hidden and a suppressed column, two header groups: the reference's example "Header groups, `for_each` years, filter and sort".
    @Test(arguments: [BuildMode.memory, .streaming])
    func filteredSortedExampleInCodeIsTheReferenceExample(mode: BuildMode) throws {
        let reference = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/README.md"), encoding: .utf8)
        let section = try #require(reference.range(of: "### Header groups, `for_each` years, filter and sort\n"))
        let open = try #require(reference.range(of: "```yaml\n", range: section.upperBound..<reference.endIndex))
        let close = try #require(reference.range(of: "\n```", range: open.upperBound..<reference.endIndex))
        let yaml = try TestFiles.write(String(reference[open.upperBound..<close.lowerBound]), to: "example.yaml", in: TestFiles.scratchFolder())
        try Self.expectSameWorkbook(Self.environmentSavings, asYAML: yaml, mode: mode)
    }

    /// The README's in-code example (Examples/BuildFeeAppendix/FeeTableInCode.swift) builds.
    @Test func readmeFeeTableBuilds() throws {
        let output = try TestFiles.scratchFolder().appendingPathComponent("fees.xlsx")
        let summary = try ReportBuild(definition: feeTableInCode(), dataDirectory: Self.data).run(output: output, mode: .memory)
        #expect(summary.sheets == [SheetRowCount(name: "Fees 2019-20", rows: 31)] && summary.formulas == 62)
        let sheet = try XLSXFile(url: output).sheet("Fees 2019-20")
        #expect(sheet["D5"]?.formula == "IF(COUNT(C5,B5)<2,\"N/A\",C5-B5)" && sheet["D5"]?.number == 15)  // RF02: £150 → £165
    }

    /// `checked()` parses the expressions and places every part by its key path; checking a
    /// checked definition again changes nothing.
    @Test func checkedPlacesPartsAndParsesExpressions() throws {
        let checked = try Self.enforcementMonth.checked()
        #expect(checked.sheets[0].location.path == "sheets[0]" && checked.sheets[0].location.file == "<code>")
        #expect(checked.sheets[0].columns[1].location.path == "sheets[0].columns[1]")
        #expect(checked.sources[0].location.path == "sources.enforcement")
        let fees = try Self.registrarFeesPublished.checked()
        #expect(fees.sheets[0].columns[5].expression == "recommended - current")
        let again = try fees.checked()
        #expect(again.sheets[0].columns.map(\.location) == fees.sheets[0].columns.map(\.location))
    }
}

// MARK: - Errors

extension DefinitionInCodeTests {
    /// A small valid definition whose sheet `sheet` is changed by the tests.
    static func feeDefinition(file: String = "<code>", _ change: (inout SheetDefinition) -> Void = { _ in }) -> ReportDefinition {
        var sheet = SheetDefinition(name: "Fees", source: "fees", columns: [
            .field("description"),
            .field("charge_2018_19", id: "current", format: .money),
            .computed(id: "doubled", expression: "current * 2", format: .money),
        ])
        change(&sheet)
        return ReportDefinition(file: file, sources: [SourceDefinition(name: "fees", file: "registrar-fees-2019-20.csv", fields: ["charge_2018_19": .money])],
                                sheets: [sheet])
    }

    /// The definition's error, which must be a `DefinitionError`.
    static func error(_ definition: ReportDefinition) throws -> DefinitionError {
        try #require(#expect(throws: DefinitionError.self) { try definition.checked() })
    }

    @Test func badExpressionNamesItsKeyPathAndText() throws {
        let error = try Self.error(Self.feeDefinition { $0.columns[2] = .computed(id: "doubled", expression: "current *") })
        #expect(error.file == "<code>" && error.keyPath == "sheets[0].columns[2].expression" && error.line == nil && error.characterColumn == nil)
        #expect(error.message == "cannot read the expression 'current *': expected a value, found the end of the expression (at character 10)")
        #expect(error.value == "current *" && error.limit == nil)
        #expect(error.description == "<code>: sheets[0].columns[2].expression: \(error.message)")
    }

    /// The same mistake in YAML gives the same message and value: one parser, one validator.
    @Test func badExpressionIsTheSameErrorAsInYAML() throws {
        let code = try Self.error(Self.feeDefinition { $0.columns[2] = .computed(id: "doubled", expression: "current *") })
        let yaml = """
            sources:
              fees: { file: registrar-fees-2019-20.csv, fields: { charge_2018_19: money } }
            sheets:
              - name: Fees
                source: fees
                columns:
                  - field: description
                  - { id: current, field: charge_2018_19, format: money }
                  - { id: doubled, expression: "current *", format: money }
            """
        #expect { try DefinitionLoader.load(yaml: yaml, file: "fees.yaml") } throws: { error in
            guard let error = error as? DefinitionError else { return false }
            return error.message == code.message && error.value == code.value && error.keyPath == code.keyPath && error.line == 9
        }
    }

    @Test func unknownColumnIdSuggestsTheNearestOne() throws {
        let error = try Self.error(Self.feeDefinition(file: "fees-in-code") { $0.columns[2] = .computed(id: "doubled", expression: "currnet * 2") })
        #expect(error.file == "fees-in-code" && error.keyPath == "sheets[0].columns[2].expression" && error.line == nil)
        #expect(error.message == "'currnet' is not a column of sheet 'Fees' (did you mean 'current'?); add a column with that id (it may be hidden)")
        #expect(error.value == "currnet * 2")
        #expect(error.description == "fees-in-code: sheets[0].columns[2].expression: \(error.message)")
    }

    @Test func duplicateSheetNameIgnoringCase() throws {
        var definition = Self.feeDefinition()
        var second = definition.sheets[0]
        second.name = "fees"
        definition.sheets.append(second)
        let error = try Self.error(definition)
        #expect(error.file == "<code>" && error.keyPath == "sheets[1].name" && error.value == "fees")
        #expect(error.message == "another sheet is already called 'fees' (Excel ignores case in sheet names)")
    }

    @Test func duplicateColumnIdAndBadIds() throws {
        let duplicate = try Self.error(Self.feeDefinition { $0.columns.append(.field("charge_2018_19", id: "current")) })
        #expect(duplicate.keyPath == "sheets[0].columns[3].id" && duplicate.value == "current")
        #expect(duplicate.message == "another column of this sheet already has the id 'current'")
        let spaced = try Self.error(Self.feeDefinition { $0.columns.append(.field("Fee title")) })
        #expect(spaced.keyPath == "sheets[0].columns[3].id" && spaced.value == "Fee title")
        #expect(spaced.message == "a column id must be letters, digits and underscores, starting with a letter; found 'Fee title'")
    }

    @Test func valuesAreCheckedAsTheYAMLReaderChecksThem() throws {
        let source = try Self.error(Self.feeDefinition { $0.source = "fess" })
        #expect(source.keyPath == "sheets[0].source" && source.message == "no source named 'fess'; sources are: fees" && source.value == "fess")
        let width = try Self.error(Self.feeDefinition { $0.columns[0] = .field("description", width: 300) })
        #expect(width.keyPath == "sheets[0].columns[0].width" && width.message == "expected a number from 0.0 to 255.0, found 300.0")
        let long = String(repeating: "0", count: 256)
        let format = try Self.error(Self.feeDefinition { $0.columns[1] = .field("charge_2018_19", id: "current", format: NumberFormat(code: long)) })
        #expect(format.keyPath == "sheets[0].columns[1].format" && format.limit == .numberFormatCharacters(found: 256, maximum: 255))
        let filter = try Self.error(Self.feeDefinition { $0 = SheetDefinition(name: "Fees", source: "fees", columns: $0.columns, filter: "title =") })
        #expect(filter.keyPath == "sheets[0].filter" && filter.value == "title =" && filter.message.hasPrefix("cannot read the filter 'title ='"))
        let footer = try Self.error(Self.feeDefinition {
            $0 = SheetDefinition(name: "Fees", source: "fees", columns: $0.columns, print: PrintSetup(footer: String(repeating: "x", count: 256)))
        })
        #expect(footer.keyPath == "sheets[0].print.footer" && footer.limit == .pageHeaderFooterCharacters(found: 256, maximum: 255))
        let name = try Self.error(ReportDefinition(sources: [SourceDefinition(name: "my-fees", file: "f.csv")], sheets: []))
        #expect(name.keyPath == "sources.my-fees" && name.value == "my-fees")
        let empty = try Self.error(ReportDefinition(sources: [SourceDefinition(name: "fees", file: "f.csv")], sheets: []))
        #expect(empty.keyPath == "sheets" && empty.message == "expected at least one sheet")
        let sheets = Self.feeDefinition().sheets
        let twice = try Self.error(ReportDefinition(sources: [SourceDefinition(name: "fees", file: "a.csv"), SourceDefinition(name: "fees", file: "b.csv")],
                                                    sheets: sheets))
        #expect(twice.description == "<code>: sources.fees: another source is already called 'fees'" && twice.value == "fees")
        let quote = try Self.error(ReportDefinition(sources: [SourceDefinition(name: "fees", file: "a.csv", delimiter: UInt8(ascii: "\""))], sheets: sheets))
        #expect(quote.description == "<code>: sources.fees.delimiter: a delimiter cannot be a quote or a line break" && quote.value == "\"")
    }

    /// A build checks the definition it is given: an unchecked definition, or one changed after
    /// checking, never builds, and nothing is written.
    @Test(arguments: [BuildMode.memory, .streaming])
    func buildChecksTheDefinitionItIsGiven(mode: BuildMode) throws {
        var definition = try Self.feeDefinition().checked()
        definition.sheets[0].name = "History"
        let output = try TestFiles.scratchFolder().appendingPathComponent("fees.xlsx")
        #expect { try ReportBuild(definition: definition, dataDirectory: Self.data).run(output: output, mode: mode) } throws: { error in
            (error as? DefinitionError)?.keyPath == "sheets[0].name" && (error as? DefinitionError)?.message == "Excel reserves the sheet name 'History'"
        }
        let unchecked = Self.feeDefinition { $0.columns[2] = .computed(id: "doubled", expression: "current *") }
        #expect(throws: DefinitionError.self) { try ReportBuild(definition: unchecked, dataDirectory: Self.data).run(output: output, mode: mode) }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    /// A field the CSV lacks is named at its key path in the definition built in code.
    @Test(arguments: [BuildMode.memory, .streaming])
    func missingCSVFieldNamesTheKeyPath(mode: BuildMode) throws {
        let definition = Self.feeDefinition { $0.columns[0] = .field("descripton") }
        let output = try TestFiles.scratchFolder().appendingPathComponent("fees.xlsx")
        #expect { try ReportBuild(definition: definition, dataDirectory: Self.data).run(output: output, mode: mode) } throws: { error in
            guard let error = error as? DefinitionError else { return false }
            return error.description == "<code>: sheets[0].columns[0].field: the CSV SampleData/registrar-fees-2019-20.csv has no column 'descripton' (did you mean 'description'?)"
        }
    }
}
