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

/// Builds the shipped registrar-fees appendix and compares it, cell by cell, with the table
/// as published in the seed document (Tests/…/Fixtures/seed-appendix-d.tsv).
@Suite("Golden: Appendix D registrar fees", .serialized)
struct RegistrarFeesTests {
    static let sheetName = "Fees 2019-20"
    static let firstRow = 5

    struct SeedRow {
        var fields: [String: String]
        subscript(_ name: String) -> String { fields[name]! }
    }

    static func seedRows() throws -> [SeedRow] {
        let text = try String(contentsOf: TestFiles.fixture("seed-appendix-d.tsv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        return lines.dropFirst().map { SeedRow(fields: Dictionary(uniqueKeysWithValues: zip(header, $0))) }
    }

    static func build() throws -> XLSXFile {
        let folder = try TestFiles.scratchFolder()
        let output = folder.appendingPathComponent("registrar-fees.xlsx")
        let build = ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/registrar-fees.yaml"),
                                dataDirectory: TestFiles.root.appendingPathComponent("SampleData"))
        let summary = try build.run(output: output)
        #expect(summary.sheets.map(\.rows) == [31, 76])
        return try XLSXFile(url: output)
    }

    /// `value` rounded half-up to `places` decimals, as a display would show it.
    static func shown(_ value: Double, places: Int) -> Decimal {
        var exact = Decimal(string: String(format: "%.10f", value))!
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, places, .plain)
        return rounded
    }

    static func decimal(_ text: String) -> Decimal { Decimal(string: text)! }

    @Test func everyFeeMatchesThePublishedTable() throws {
        let workbook = try Self.build()
        let sheet = try workbook.sheet(Self.sheetName)
        let seed = try Self.seedRows()
        #expect(seed.count == 31)
        for (index, expected) in seed.enumerated() {
            let r = Self.firstRow + index
            let id = expected["fee_id"]
            // Data cells are numbers, in £.
            #expect(sheet["D\(r)"]?.number.map { Self.shown($0, places: 2) } == Self.decimal(expected["charge_2018_19"]), "\(id) charge")
            #expect(sheet["E\(r)"]?.number.map { Self.shown($0, places: 2) } == Self.decimal(expected["recommended_2019_20"]), "\(id) recommended")
            // Change (£): a live formula whose cached value is the published figure.
            let change = try #require(sheet["F\(r)"])
            #expect(change.formula?.contains("E\(r)-D\(r)") == true, "\(id) change formula \(change.formula ?? "none")")
            #expect(change.number.map { Self.shown($0, places: 2) } == Self.decimal(expected["change_actual"]), "\(id) change")
            // Change (%): published to 2 decimal places of a percentage.
            let percent = try #require(sheet["G\(r)"])
            #expect(percent.formula?.contains("F\(r)/D\(r)") == true, "\(id) % formula")
            let publishedPercent = Self.decimal(String(expected["change_pct"].dropLast())) / 100
            #expect(percent.number.map { Self.shown($0, places: 4) } == publishedPercent, "\(id) change % \(percent.value ?? "")")
            // Higher-end option and its % (of the 2018/19 charge), or the seed's text.
            let higher = expected["higher_end_fee"], higherPercent = expected["higher_end_pct"]
            let higherCell = try #require(sheet["I\(r)"])
            #expect(higherCell.formula?.contains("ISNUMBER(H\(r))") == true)
            if let amount = Decimal(string: higher), higher.first?.isNumber == true {
                #expect(sheet["H\(r)"]?.number.map { Self.shown($0, places: 2) } == amount, "\(id) higher end")
                #expect(higherCell.number.map { Self.shown($0, places: 2) } == Self.decimal(String(higherPercent.dropLast())) / 100, "\(id) higher %")
            } else {
                #expect(sheet["H\(r)"]?.text == higher, "\(id) higher end text")
                #expect(higherCell.text == higherPercent, "\(id) higher % text")
            }
            // Benchmarks: computed from the comparator sheet, equal to the published range and average.
            let range = try #require(sheet["L\(r)"]), average = try #require(sheet["M\(r)"])
            if expected["benchmark_range"] == "N/A" {
                #expect(range.text == "N/A" && range.formula == nil, "\(id) range")
                #expect(average.text == "N/A" && average.formula == nil, "\(id) average")
            } else {
                let bounds = expected["benchmark_range"].components(separatedBy: " - ")
                #expect(range.text == "£\(bounds[0]) - £\(bounds[1])", "\(id) range \(range.value ?? "")")
                #expect(range.formula?.contains("MIN('Benchmarking'!$C$") == true)
                #expect(average.number.map { Self.shown($0, places: 0) } == Self.decimal(expected["benchmark_average"]), "\(id) average")
                #expect(average.formula?.hasPrefix("IFERROR(AVERAGE('Benchmarking'!$C$") == true)
            }
        }
    }

    @Test func benchmarkFormulasCoverExactlyTheFeesComparators() throws {
        let workbook = try Self.build()
        let fees = try workbook.sheet(Self.sheetName)
        let bench = try workbook.sheet("Benchmarking")
        // Read the comparator CSV independently of the library.
        let csv = try String(contentsOf: TestFiles.root.appendingPathComponent("SampleData/registrar-fee-comparators-illustrative.csv"), encoding: .utf8)
        var byFee: [String: [Double]] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let parts = line.split(separator: ",")
            byFee[String(parts[0]), default: []].append(Double(parts[2])!)
        }
        let seed = try Self.seedRows()
        for (index, row) in seed.enumerated() {
            let r = Self.firstRow + index
            guard let formula = fees["M\(r)"]?.formula else {
                #expect(byFee[row["fee_id"]] == nil, "\(row["fee_id"]) has comparators but no formula")
                continue
            }
            let numbers = formula.split(whereSeparator: { !$0.isNumber && $0 != ":" }).joined()
            let rows = numbers.split(separator: ":").compactMap { Int($0) }
            #expect(rows.count == 2)
            let values = (rows[0]...rows[1]).compactMap { bench["C\($0)"]?.number }
            let expected = try #require(byFee[row["fee_id"]])
            #expect(values == expected, "\(row["fee_id"]) range rows \(rows)")
            #expect(fees["M\(r)"]?.number == expected.reduce(0, +) / Double(expected.count))
        }
        #expect(bench["C5"]?.numberFormat == "£#,##0.00")
    }

    @Test func formatsTitlesAndPrintSetUp() throws {
        let workbook = try Self.build()
        let sheet = try workbook.sheet(Self.sheetName)
        #expect(workbook.sheetNames == ["Fees 2019-20", "Benchmarking"])
        #expect(sheet["A1"]?.text == "Births, Deaths and Marriages Fees 2019/20")
        #expect(sheet["A1"]?.bold == true)
        #expect(sheet["A4"]?.text == "Fee/Charge Title" && sheet["A4"]?.bold == true && sheet["A4"]?.wrap == true)
        #expect(sheet["M4"]?.text == "Benchmarking (average)")
        #expect(sheet.mergedRanges == ["A1:M1", "A2:M2", "A37:M37", "A38:M38"])
        #expect(sheet["A37"]?.text?.hasPrefix("Prices listed do not include VAT") == true)
        for column in ["D", "E", "F", "H"] { #expect(sheet["\(column)6"]?.numberFormat == "£#,##0.00", "\(column)") }
        #expect(sheet["G6"]?.numberFormat == "0.00%")
        #expect(sheet["I6"]?.numberFormat == "0%")
        #expect(sheet["M6"]?.numberFormat == "£#,##0")
        #expect(sheet["C5"]?.wrap == true)
        // Labels only on the first row of each block; repeated when the area changes (row 14).
        #expect(sheet["A5"]?.text?.hasPrefix("Marriage, Renewal of Vows") == true)
        #expect(sheet["B5"]?.text == "Heritage Room")
        #expect(sheet["A6"]?.value == nil && sheet["B6"]?.value == nil)
        #expect(sheet["A14"]?.text == sheet["A5"]?.text && sheet["B14"]?.text == "Committee Room 182 (up to 100 guests)")
        #expect(sheet["A22"]?.value == nil && sheet["A21"]?.text?.contains("approved premise") == true)
        // Wrapped rows are tall enough for their text.
        // Three lines of 11-point Carlito at LibreOffice's 11.11-point pitch, plus a row's padding.
        #expect(sheet.rowHeight(5) == 37.5)
        #expect((sheet.rowHeight(4) ?? 15) >= 45)
        // Frozen header and first three columns; landscape A4, one page wide, header repeated.
        #expect(sheet.pane?["topLeftCell"] == "D5")
        #expect(sheet.pane?["state"] == "frozen")
        #expect(sheet.pageSetup["orientation"] == "landscape")
        #expect(sheet.pageSetup["paperSize"] == "9")
        #expect((sheet.pageSetup["fitToWidth"] ?? "1") == "1" && sheet.pageSetup["fitToHeight"] == "0") // 1 is the default, omitted
        #expect(sheet.fitToPage)
        #expect(workbook.definedNames["_xlnm.Print_Titles@0"] == "'Fees 2019-20'!$4:$4")
        #expect(sheet.footer == "&LBirths, Deaths and Marriages Fees 2019/20&RPage &P of &N")
    }

    @Test func documentTitleProperty() throws {
        let folder = try TestFiles.scratchFolder()
        let output = folder.appendingPathComponent("fees.xlsx")
        try ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/registrar-fees.yaml"),
                        dataDirectory: TestFiles.root.appendingPathComponent("SampleData")).run(output: output)
        let core = try XLSXPart.tree(output, "docProps/core.xml")
        #expect(core.descendants("title").first?.text == "Appendix D — Births, Deaths and Marriages Fees 2019/20")
    }

    @Test func publishedBenchmarkTemplateKeepsTheSeedFigures() throws {
        let folder = try TestFiles.scratchFolder()
        let output = folder.appendingPathComponent("published.xlsx")
        try ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/registrar-fees-published.yaml"),
                        dataDirectory: TestFiles.root.appendingPathComponent("SampleData")).run(output: output)
        let sheet = try XLSXFile(url: output).sheet("Fees 2019-20")
        #expect(sheet["L6"]?.text == "£130 - £200")
        #expect(sheet["M6"]?.number == 183)
        #expect(sheet["M5"]?.text == "N/A")
        #expect(sheet["F6"]?.formula != nil)
    }
}
