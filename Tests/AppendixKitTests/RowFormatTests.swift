import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixPipeline

/// Issue #15 item 6: `format_from: FIELD` gives each cell of a column the format of the unit its
/// row names (count, percent, rate, money), fixed at build time; values are unchanged.
@Suite("Per-row formats")
struct RowFormatTests {
    static let data = "measure,unit,value\nVisits,count,1520\nOn time,Percent,14.6%\nRate,RATE,2.35\nSpend,money,1234.5\nNew,,7\n"
    static let columns = "      - field: measure\n      - field: value\n        format_from: unit\n"

    static func build(_ data: String = data, columns: String = columns, totals: String = "", mode: BuildMode) throws -> XLSXSheet {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(data, to: "k.csv", in: folder)
        let yaml = "sources:\n  k:\n    file: k.csv\nsheets:\n  - name: K\n    source: k\n    columns:\n" + columns + totals
        let output = folder.appendingPathComponent("k.xlsx")
        _ = try ReportBuild(definitionURL: try TestFiles.write(yaml, to: "k.yaml", in: folder), dataDirectory: folder).run(output: output, mode: mode)
        return try XLSXFile(url: output).sheet("K")
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func eachRowTakesItsUnitsFormat(mode: BuildMode) throws {
        let sheet = try Self.build(mode: mode)
        #expect(sheet["B2"]?.numberFormat == "#,##0" && sheet["B2"]?.number == 1520)
        #expect(sheet["B3"]?.numberFormat == "0.0%" && sheet["B3"]?.number == 0.146)
        #expect(sheet["B4"]?.numberFormat == "#,##0.0" && sheet["B4"]?.number == 2.35)
        #expect(sheet["B5"]?.numberFormat == "£#,##0.00" && sheet["B5"]?.number == 1234.5)
        // A blank unit leaves the column's own format (General here).
        #expect(sheet["B6"]?.numberFormat == "General" && sheet["B6"]?.number == 7)
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func anUnknownUnitNamesTheFileLineAndField(mode: BuildMode) throws {
        let error = try #require(throws: DataError.self) {
            try Self.build("measure,unit,value\nVisits,count,1\nRate,per 1000,2\n", mode: mode)
        }
        #expect(error.line == 3 && error.column == "unit" && error.value == "per 1000")
        #expect(error.message == "'per 1000' is not a unit column 'value' can be shown in; use count, percent, rate or money")
        #expect(error.file.hasSuffix("k.csv"))
    }

    /// The reference's example (Templates/README.md) builds from SampleData with each unit's format.
    @Test(arguments: [BuildMode.memory, .streaming])
    func theReferenceExampleShowsEachUnit(mode: BuildMode) throws {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/README.md"), encoding: .utf8)
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
        let yaml = try #require(blocks.first { $0.contains("format_from: unit") })
        let folder = try TestFiles.scratchFolder()
        let output = folder.appendingPathComponent("kpis.xlsx")
        _ = try ReportBuild(definitionURL: try TestFiles.write(yaml, to: "kpis.yaml", in: folder),
                            dataDirectory: TestFiles.root.appendingPathComponent("SampleData")).run(output: output, mode: mode)
        let sheet = try XLSXFile(url: output).sheet("Service KPIs")
        #expect(sheet["C2"]?.numberFormat == "#,##0" && sheet["C2"]?.number == 1_523_408)
        #expect(sheet["C3"]?.numberFormat == "0.0%" && abs((sheet["C3"]?.number ?? 0) - 0.874) < 1e-12)  // 87.4% read as 87.4 / 100
        #expect(sheet["B4"]?.numberFormat == "£#,##0.00" && sheet["C4"]?.number == 2.04)
        #expect(sheet["C5"]?.numberFormat == "#,##0.0" && sheet["C5"]?.number == 38.6)
    }

    @Test func totalsOverAFormatFromColumnAreRefused() throws {
        let error = try #require(throws: DefinitionError.self) {
            try Self.build(totals: "    totals:\n      columns: [value]\n", mode: .memory)
        }
        #expect(error.message == "column 'value' takes each row's unit from 'format_from', so its rows cannot be added up; remove it from totals")
    }

    @Test func aMissingUnitFieldIsADefinitionError() throws {
        let error = try #require(throws: DefinitionError.self) {
            try Self.build(columns: "      - field: measure\n      - field: value\n        format_from: units\n", mode: .memory)
        }
        #expect(error.message.hasPrefix("the CSV") && error.message.contains("no column 'units'"))
    }

    @Test func decimalsChangeEachSectionOfAPreset() {
        #expect(NumberFormat.money.withDecimals(1).code == "£#,##0.0")
        #expect(NumberFormat.money.withDecimals(0).code == "£#,##0")
        #expect(NumberFormat.percent0.withDecimals(2).code == "0.00%")
        #expect(NumberFormat.thousandsDash.withDecimals(1).code == "#,##0.0;(#,##0.0);\"–\"")
        #expect(NumberFormat.signedPercent1.withDecimals(3).code == "+0.000%;-0.000%;0.000%")
        #expect(RowUnit.rate.format.withDecimals(2).code == "#,##0.00")
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func decimalsSetThePlacesOfUnitsAndPresets(mode: BuildMode) throws {
        let sheet = try Self.build(columns: "      - field: measure\n      - field: value\n        format_from: unit\n        decimals: 2\n"
                                   + "      - id: again\n        field: value\n        format: percent1\n        decimals: 0\n", mode: mode)
        #expect(sheet["B2"]?.numberFormat == "#,##0.00" && sheet["B3"]?.numberFormat == "0.00%")
        #expect(sheet["B4"]?.numberFormat == "#,##0.00" && sheet["B5"]?.numberFormat == "£#,##0.00")
        #expect(sheet["C3"]?.numberFormat == "0%" && sheet["C3"]?.number == 0.146)
    }

    @Test func decimalsNeedAUnitOrANumericPreset() throws {
        let error = try #require(throws: DefinitionError.self) {
            try Self.build(columns: "      - field: measure\n      - field: value\n        decimals: 1\n", mode: .memory)
        }
        #expect(error.message == "'decimals' sets the places of 'format_from' units or of a numeric preset format (money, money0, thousands, thousands_dash, number, count, percent, percent1, percent0, signed_percent, signed_percent1); this column's format is 'General'")
        #expect(throws: DefinitionError.self) {
            try Self.build(columns: "      - field: value\n        format_from: unit\n        decimals: 7\n", mode: .memory)
        }
    }

    @Test func rowsWithTheSameUnitsShareOneStyleList() throws {
        let sheet = SheetDefinition(name: "K", source: "k", columns: [.field("value")])
        var column = sheet.columns[0]
        column.formatFrom = "unit"
        var withUnits = sheet
        withUnits.columns = [column]
        let bound = try BoundSheet(sheet: withUnits, header: ["value", "unit"], file: "k.csv", definition: ReportDefinition(sources: [], sheets: [withUnits]))
        var cache = RowStyleCache()
        let a = try cache.styles(for: DataRow(line: 2, values: [.number(1), .text("count")]), in: bound)
        let b = try cache.styles(for: DataRow(line: 3, values: [.number(2), .text("percent")]), in: bound)
        let c = try cache.styles(for: DataRow(line: 4, values: [.number(3), .text("COUNT")]), in: bound)
        #expect(a === c && a !== b)
        #expect(a.styles[0].numberFormat == .count && b.styles[0].numberFormat == .percent1)
    }
}
