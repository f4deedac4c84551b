import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixLayout
@testable import AppendixPipeline

/// Issue #15 item 6: `decimals: as_written` gives each cell the decimal places its CSV text wrote
/// (at most 6), fixed at build time, so a KPI table prints as published: 14.6% stays 14.6%, 87
/// stays 87, 87.25 shows 87.25 — in both build modes, and through the external sort's spill file.
@Suite("Decimals as written")
struct WrittenDecimalsTests {
    @Test(arguments: [
        ("87", 0), ("87.25", 2), ("£1,234.50", 2), ("(12.5)", 1), ("-£5", 0), ("14.6%", 3), ("85%", 2), ("12.345 %", 5),
        ("1.2e3", 0), ("1.25E1", 1), ("1.5e-2", 3), ("2e-1%", 3), ("0.123456789", 8), ("  3.10  ", 2), ("-", 0),
    ])
    func placesAreCountedFromTheText(text: String, places: Int) {
        #expect(WrittenDecimals.places(in: text, decimal: .point) == places)
    }

    @Test func aDecimalCommaSourceCountsAfterTheComma() {
        #expect(WrittenDecimals.places(in: "1.234,50", decimal: .comma) == 2)
        #expect(WrittenDecimals.places(in: "12,5%", decimal: .comma) == 3)
        #expect(WrittenDecimals.places(in: "1.234", decimal: .comma) == 0)
    }

    @Test func formatsShowTheWrittenPlacesAtMostSix() {
        #expect(NumberFormat.percent1.withWrittenDecimals(3).code == "0.0%")
        #expect(NumberFormat.percent1.withWrittenDecimals(2).code == "0%")
        #expect(NumberFormat.percent.withWrittenDecimals(0).code == "0%")
        #expect(NumberFormat.count.withWrittenDecimals(2).code == "#,##0.00")
        #expect(NumberFormat.money.withWrittenDecimals(0).code == "£#,##0")
        #expect(NumberFormat.thousands.withWrittenDecimals(8).code == "#,##0.000000;(#,##0.000000)")
        #expect(NumberFormat.signedPercent.withWrittenDecimals(8).code == "+0.000000%;-0.000000%;0.000000%")
    }

    static let data = """
        measure,unit,value,amount
        Visits,count,1520,"£1,234.50"
        Satisfied,percent,14.6%,(12.5)
        Target,percent,85%,1.2e3
        Missed,rate,38.65,0.123456789
        Cost,money,2.1,7
        Width,count,87.25,N/A
        Blank,,7.5,
        """ + "\n"

    static let columns = """
              - field: measure
              - field: value
                format_from: unit
                decimals: as_written
              - field: amount
                format: money
                decimals: as_written
        """ + "\n"

    static func build(_ data: String = data, columns: String = columns, sheetKeys: String = "", mode: BuildMode) throws -> XLSXSheet {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(data, to: "k.csv", in: folder)
        let yaml = "sources:\n  k:\n    file: k.csv\nsheets:\n  - name: K\n    source: k\n" + sheetKeys + "    columns:\n" + columns
        let output = folder.appendingPathComponent("k.xlsx")
        _ = try ReportBuild(definitionURL: try TestFiles.write(yaml, to: "k.yaml", in: folder), dataDirectory: folder).run(output: output, mode: mode)
        return try XLSXFile(url: output).sheet("K")
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func eachCellShowsTheDecimalsItsTextWrote(mode: BuildMode) throws {
        let sheet = try Self.build(mode: mode)
        let formats = (2...8).map { sheet["B\($0)"]?.numberFormat }
        #expect(formats == ["#,##0", "0.0%", "0%", "#,##0.00", "£#,##0.0", "#,##0.00", "General"])
        let amounts = (2...8).map { sheet["C\($0)"]?.numberFormat }
        // N/A and the blank are no numbers: they keep the column's own format.
        #expect(amounts == ["£#,##0.00", "£#,##0.0", "£#,##0", "£#,##0.000000", "£#,##0", "£#,##0.00", "£#,##0.00"])
        // Only the formats change: the values are the numbers the CSV wrote.
        #expect(sheet["B3"]?.number == 0.146 && sheet["B5"]?.number == 38.65 && sheet["C3"]?.number == -12.5 && sheet["C4"]?.number == 1200)
    }

    /// A sorted, grouped sheet streams through the external sort: with a budget of 2 KiB its rows
    /// go through many runs of the spill file, which must carry each row's written decimals. Each
    /// row carries the format it should get (worked out here from its text) in a text field.
    @Test(arguments: [BuildMode.memory, .streaming])
    func sortedAndGroupedRowsKeepTheirDecimalsThroughTheSpillFile(mode: BuildMode) throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(Self.manyRows(1_200, seed: 15), to: "k.csv", in: folder)
        let yaml = """
            sources:
              k: { file: k.csv, fields: { expected: text } }
            sheets:
              - name: K
                source: k
                sort: [{ field: value, descending: true }]
                group_by: [{ field: area, heading: "{value}", subtotal: false }]
                columns:
                  - field: expected
                  - field: value
                    format_from: unit
                    decimals: as_written
            """ + "\n"
        var build = ReportBuild(definitionURL: try TestFiles.write(yaml, to: "k.yaml", in: folder), dataDirectory: folder)
        build.sortOptions = ExternalSortOptions(memoryBudget: 2_048, mergeWidth: 3)
        let output = folder.appendingPathComponent("k.xlsx")
        _ = try build.run(output: output, mode: mode)
        let sheet = try XLSXFile(url: output).sheet("K")
        var checked = 0
        for row in 2...1_300 {
            guard let expected = sheet["A\(row)"]?.text, expected.contains("0") else { continue }
            #expect(sheet["B\(row)"]?.numberFormat == expected, "row \(row)")
            checked += 1
        }
        #expect(checked == 1_200)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(left == [], "temporary files left: \(left)")
    }

    /// `area,unit,value,expected`: values with 0–7 decimals in each unit, and the format each
    /// should show (a percentage's places are those of the percent as written, at most 6).
    static func manyRows(_ count: Int, seed: UInt64) -> String {
        var random = SeededGenerator(seed: seed)
        var lines = ["area,unit,value,expected"]
        for _ in 0..<count {
            let unit = ["count", "percent", "rate", "money"].randomElement(using: &random)!  // non-empty literal
            let places = Int.random(in: 0...7, using: &random)
            let digits = String(Int.random(in: 1...99_999, using: &random))
            let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
            let number = places == 0 ? padded : padded.dropLast(places) + "." + padded.suffix(places)
            let shown = places == 0 ? "" : "." + String(repeating: "0", count: min(6, places))
            let expected = switch unit {
            case "percent": "0\(shown)%"
            case "money": "£#,##0\(shown)"
            default: "#,##0\(shown)"
            }
            let area = ["North", "South", "East"].randomElement(using: &random)!  // non-empty literal
            lines.append("\(area),\(unit),\(number)\(unit == "percent" ? "%" : ""),\"\(expected)\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func theSpillFileCarriesWrittenDecimals() throws {
        let folder = try TestFiles.scratchFolder()
        let sorter = ExternalRowSorter(folder: folder, options: ExternalSortOptions(memoryBudget: 256, mergeWidth: 2)) {
            ($0.values[0].number ?? 0) < ($1.values[0].number ?? 0)
        }
        var rows: [DataRow] = []
        for index in 0..<200 {
            var row = DataRow(line: index + 2, values: [.number(Double((index * 37) % 200)), .text("t")])
            if index % 3 != 0 { row.writtenDecimals = [UInt8(index % 9), WrittenDecimals.unknown] }
            rows.append(row)
            try sorter.add(row)
        }
        var back: [DataRow] = []
        try sorter.finish { back.append($0) }
        #expect(sorter.runsWritten > 10)
        #expect(back == rows.sorted { ($0.values[0].number ?? 0) < ($1.values[0].number ?? 0) })
        #expect(back.contains { $0.writtenDecimals.isEmpty } && back.contains { $0.writtenDecimals(ofField: 0) == 8 })
        #expect(back.allSatisfy { $0.writtenDecimals(ofField: 1) == nil })
    }

    @Test func aPlainTableKeepsNoDecimals() throws {
        let rows = CSVRows(name: "p.csv", header: ["a", "b"], rows: [["1.50", "2.25"]])
        let plain = try DataTable.load(rows)
        #expect(plain.rows[0].writtenDecimals.isEmpty)
        let kept = try DataTable.load(rows, writtenDecimals: ["b"])
        #expect(kept.rows[0].writtenDecimals == [WrittenDecimals.unknown, 2])
    }

    @Test func rowsWithTheSameDecimalsShareOneStyleList() throws {
        var sheet = SheetDefinition(name: "K", source: "k", columns: [.field("value")])
        sheet.columns[0].format = .percent1
        sheet.columns[0].decimals = .asWritten
        let bound = try BoundSheet(sheet: sheet, header: ["value"], file: "k.csv", definition: ReportDefinition(sources: [], sheets: [sheet]))
        var cache = RowStyleCache()
        func row(_ places: UInt8) -> DataRow {
            var row = DataRow(line: 2, values: [.number(0.5)])
            row.writtenDecimals = [places]
            return row
        }
        let a = try cache.styles(for: row(3), in: bound), b = try cache.styles(for: row(2), in: bound), c = try cache.styles(for: row(3), in: bound)
        #expect(a === c && a !== b)
        #expect(a.styles[0].numberFormat.code == "0.0%" && b.styles[0].numberFormat.code == "0%")
    }

    @Test func asWrittenIsRefusedWhereThereIsNoWrittenText() throws {
        let computed = try #require(throws: DefinitionError.self) {
            try Self.build(columns: "      - field: value\n        format: count\n      - id: twice\n        expression: value * 2\n        format: count\n        decimals: as_written\n", mode: .memory)
        }
        #expect(computed.message == "'decimals: as_written' counts the decimals written in the CSV, so it applies to a 'field' column; this column is computed ('expression'): set 'decimals: N'")
        #expect(computed.location.path == "sheets[0].columns[1].decimals")
        let totals = try #require(throws: DefinitionError.self) {
            try Self.build(columns: "      - field: measure\n      - field: value\n        format: count\n        decimals: as_written\n",
                           sheetKeys: "    totals:\n      columns: [value]\n", mode: .memory)
        }
        #expect(totals.message == "column 'value' shows each row's decimals as written ('decimals: as_written'), which a total has none of; set 'decimals: N' on it or remove it from totals")
        let misspelt = try #require(throws: DefinitionError.self) {
            try Self.build(columns: "      - field: value\n        format: count\n        decimals: as written\n", mode: .memory)
        }
        #expect(misspelt.message == "expected a whole number from 0 to 6 or as_written, found 'as written'")
        let general = try #require(throws: DefinitionError.self) {
            try Self.build(columns: "      - field: value\n        decimals: as_written\n", mode: .memory)
        }
        #expect(general.message.hasPrefix("'decimals' sets the places of 'format_from' units or of a numeric preset format"))
    }

    /// The reference's example (Templates/README.md) builds from SampleData and shows each KPI
    /// with the decimals it was published with.
    @Test(arguments: [BuildMode.memory, .streaming])
    func theReferenceExampleShowsValuesAsPublished(mode: BuildMode) throws {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/README.md"), encoding: .utf8)
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
        let yaml = try #require(blocks.first { $0.contains("decimals: as_written") })
        let folder = try TestFiles.scratchFolder()
        let output = folder.appendingPathComponent("kpis.xlsx")
        _ = try ReportBuild(definitionURL: try TestFiles.write(yaml, to: "kpis.yaml", in: folder),
                            dataDirectory: TestFiles.root.appendingPathComponent("SampleData")).run(output: output, mode: mode)
        let sheet = try XLSXFile(url: output).sheet("Service KPIs")
        let targets = (2...8).map { sheet["B\($0)"]?.numberFormat }, results = (2...8).map { sheet["C\($0)"]?.numberFormat }
        #expect(targets == ["#,##0", "0%", "£#,##0.00", "#,##0", "0%", "#,##0", "£#,##0.00"])
        #expect(results == ["#,##0", "0.0%", "£#,##0.00", "#,##0.0", "0.0%", "#,##0", "£#,##0.00"])
    }
}
