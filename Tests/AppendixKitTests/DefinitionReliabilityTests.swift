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

/// Issue #11, Definition and Layout stages: every definition reference to a CSV column is
/// checked against the header, summaries refuse duplicate rows, one-column sheets, Excel's row
/// limit counted exactly, sheet names counted as libxlsxwriter counts them, and `init` on very
/// wide CSVs. Every test goes through the public build call (both modes where both apply) or
/// the command line.
@Suite("Definition reliability")
struct DefinitionReliabilityTests {
    /// A scratch folder holding `t.yaml` and the CSV files given.
    static func folder(_ yaml: String, files: [String: String]) throws -> URL {
        let folder = try TestFiles.scratchFolder()
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try TestFiles.write(yaml, to: "t.yaml", in: folder)
        return folder
    }

    /// Why a build failed: the error text (folder path removed) and the limit it names.
    struct BuildFailure: Equatable {
        var message: String
        var limit: ExcelLimit?
    }

    /// Builds `t.yaml` in `folder`; how it failed, or `nil` on success.
    static func buildFailure(in folder: URL, mode: BuildMode) -> BuildFailure? {
        do {
            try ReportBuild(definitionURL: folder.appendingPathComponent("t.yaml"), dataDirectory: folder)
                .run(output: folder.appendingPathComponent("out.xlsx"), mode: mode)
            return nil
        } catch {
            return BuildFailure(message: "\(error)".replacingOccurrences(of: folder.path + "/", with: ""), limit: (error as? AppendixError)?.limit)
        }
    }

    /// Builds `t.yaml` in `folder`; the error text (folder path removed), or `nil` on success.
    static func buildError(in folder: URL, mode: BuildMode) -> String? {
        buildFailure(in: folder, mode: mode)?.message
    }

    static func buildError(_ yaml: String, files: [String: String], mode: BuildMode) throws -> String? {
        buildError(in: try folder(yaml, files: files), mode: mode)
    }

    static func buildFailure(_ yaml: String, files: [String: String], mode: BuildMode) throws -> BuildFailure? {
        buildFailure(in: try folder(yaml, files: files), mode: mode)
    }

    /// Builds and reads the workbook back.
    static func build(_ yaml: String, files: [String: String], mode: BuildMode) throws -> XLSXFile {
        let folder = try folder(yaml, files: files)
        if let error = buildError(in: folder, mode: mode) { throw XLSXReadError(message: error) }
        return try XLSXFile(url: folder.appendingPathComponent("out.xlsx"))
    }

    // MARK: 15. One-column sheets

    @Test(arguments: [BuildMode.memory, .streaming])
    func oneColumnSheetWithTitleSubtitleAndNotesBuilds(mode: BuildMode) throws {
        let yaml = """
        sources:
          d: { file: d.csv }
        sheets:
          - name: S
            source: d
            title: Fees
            subtitle: All services
            notes: ["Source: finance ledger"]
            columns: [ { field: a } ]

        """
        let book = try Self.build(yaml, files: ["d.csv": "a\nx\ny\n"], mode: mode)
        let sheet = try book.sheet("S")
        #expect(sheet.mergedRanges.isEmpty)
        #expect(sheet["A1"]?.text == "Fees")
        #expect(sheet["A2"]?.text == "All services")
        #expect(sheet["A4"]?.text == "a")
        #expect(sheet["A8"]?.text == "Source: finance ledger")
    }

    @Test func oneColumnGroupHeadingIsACellNotAMerge() throws {
        let yaml = """
        sources:
          d: { file: d.csv }
        sheets:
          - name: S
            source: d
            group_by: [ { field: a, subtotal: false } ]
            columns: [ { field: a } ]

        """
        let sheet = try Self.build(yaml, files: ["d.csv": "a\nx\ny\n"], mode: .memory).sheet("S")
        #expect(sheet.mergedRanges.isEmpty)
        #expect(sheet["A2"]?.text == "x")
    }

    // MARK: 21. Sheet names counted as libxlsxwriter and Excel count them

    static func namedSheet(_ name: String, perPeriod: Bool = false) -> String {
        """
        sources:
          d: { file: d.csv }
        sheets:
          - name: "\(name)"
            source: d\(perPeriod ? "\n    per_period: period" : "")
            columns: [ { field: a } ]

        """
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func decomposedAccentCountsAsTwoInASheetName(mode: BuildMode) throws {
        let name = String(repeating: "e", count: 30) + "e\u{301}"  // 31 characters on screen, 32 code points
        let failure = try Self.buildFailure(Self.namedSheet(name), files: ["d.csv": "a\n1\n"], mode: mode)
        #expect(failure?.limit == .sheetNameCharacters(found: 32, maximum: 31))
        #expect(failure?.message == "t.yaml:4:5: sheets[0].name: Excel allows at most 31 characters in a sheet name; '\(name)' has 32 (as Excel counts them: an emoji counts 2, an accent written as a separate mark 1)")
    }

    @Test func emojiCountsAsTwoInASheetName() throws {
        let name = String(repeating: "x", count: 29) + "🇬🇧"  // a flag: 1 character on screen, 2 code points, 4 UTF-16 units
        let failure = try Self.buildFailure(Self.namedSheet(name), files: ["d.csv": "a\n1\n"], mode: .memory)
        #expect(failure?.limit == .sheetNameCharacters(found: 33, maximum: 31))
        #expect(failure?.message == "t.yaml:4:5: sheets[0].name: Excel allows at most 31 characters in a sheet name; '\(name)' has 33 (as Excel counts them: an emoji counts 2, an accent written as a separate mark 1)")
        let fits = String(repeating: "x", count: 27) + "🇬🇧"
        let book = try Self.build(Self.namedSheet(fits), files: ["d.csv": "a\n1\n"], mode: .memory)
        #expect(book.sheetNames == [fits])
    }

    @Test func periodLabelsAreCountedTheSameWay() throws {
        // 11 decomposed é + " {period}": 31 code points; filled with "Q2 2018-19", 33.
        let name = String(repeating: "e\u{301}", count: 11) + " {period}"
        let failure = try Self.buildFailure(Self.namedSheet(name, perPeriod: true), files: ["d.csv": "period,a\nQ2 2018/19,1\n"], mode: .memory)
        let filled = name.replacingOccurrences(of: "{period}", with: "Q2 2018-19")
        #expect(failure?.limit == .sheetNameCharacters(found: 33, maximum: 31))
        #expect(failure?.message == "t.yaml:4:5: sheets[0].name: Excel allows at most 31 characters in a sheet name; '\(filled)' has 33 (as Excel counts them: an emoji counts 2, an accent written as a separate mark 1)")
    }

    // MARK: 21. init on a CSV wider than a sheet

    @Test func initRefusesACSVWiderThanASheet() throws {
        let folder = try TestFiles.scratchFolder()
        let header = (1...16_385).map { "c\($0)" }.joined(separator: ",")
        let row = (1...16_385).map { _ in "1" }.joined(separator: ",")
        try TestFiles.write(header + "\n" + row + "\n", to: "wide.csv", in: folder)
        let run = try CommandLineTests.appendix(["init", "wide.csv", "--templates", "."], in: folder)
        #expect(run.status == 1)
        #expect(run.error == "appendix: error: wide.csv:1: the CSV has 16385 columns; an Excel sheet holds at most 16,384, so init cannot write a definition that builds: split the columns over several CSV files\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("wide.yaml").path))
    }

    // MARK: 16. Excel's row limit, counted exactly

    static let fullSheet = """
    sources:
      d: { file: d.csv }
    sheets:
      - name: S
        source: d
        title: Fees
        subtitle: All services
        notes: [First note, Second note]
        totals: { columns: [n], label: Total }
        columns: [ { field: label }, { field: n } ]

    """

    static func rows(_ count: Int) -> String {
        "label,n\n" + (1...count).map { "r\($0),\($0)\n" }.joined()
    }

    @Test func rowBudgetCountsEveryRowAroundTheData() throws {
        let sheet = try DefinitionLoader.load(yaml: Self.fullSheet, file: "t.yaml").sheets[0]
        let budget = SheetRowBudget(sheet: sheet, limit: 1_048_576)
        #expect(budget.rowsAbove == 4)  // title, subtitle, blank, header
        #expect(budget.rowsBelow == 3)  // blank, two notes
        #expect(budget.bodyCapacity == 1_048_569)
        #expect(budget.fits(bodyLines: 1_048_569) && !budget.fits(bodyLines: 1_048_570))
        // 1,048,568 data rows and the grand total fill the sheet; one more data row does not fit.
        #expect(budget.firstDataRowOverLimit(isDataRow: Array(repeating: true, count: 1_048_568) + [false], trailing: 1) == nil)
        #expect(budget.firstDataRowOverLimit(isDataRow: Array(repeating: true, count: 1_048_569) + [false], trailing: 1) == 1_048_568)
        var bare = sheet
        bare.title = nil; bare.subtitle = nil; bare.notes = []; bare.totals = nil
        #expect(SheetRowBudget(sheet: bare, limit: 1_048_576).bodyCapacity == 1_048_575)
    }

    /// A header and 1,048,575 rows fill a sheet exactly (about 13 s in a debug build).
    @Test func headerAndAMillionRowsFitExactly() throws {
        let csv = "n\n" + String(repeating: "1\n", count: 1_048_575)
        let folder = try Self.folder("sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: n } ]\n", files: ["d.csv": csv])
        let summary = try ReportBuild(definitionURL: folder.appendingPathComponent("t.yaml"), dataDirectory: folder)
            .run(output: folder.appendingPathComponent("out.xlsx"), mode: .streaming)
        #expect(summary.sheets.map(\.rows) == [1_048_575])
    }

    /// The same arithmetic through both layouts, with the limit lowered to 20 rows: title,
    /// subtitle, blank and header above; grand total, blank and two notes below; 12 data rows.
    @Test(arguments: [BuildMode.memory, .streaming])
    func titleHeaderTotalsAndNotesCountAgainstTheLimit(mode: BuildMode) throws {
        try ExcelLimits.withRowLimit(20) {
            let book = try Self.build(Self.fullSheet, files: ["d.csv": Self.rows(12)], mode: mode)
            let sheet = try book.sheet("S")
            #expect(sheet["B17"]?.number == 78)  // the grand total, on row 17
            #expect(sheet["A20"]?.text == "Second note")
            let failure = try Self.buildFailure(Self.fullSheet, files: ["d.csv": Self.rows(13)], mode: mode)
            #expect(failure?.limit == .sheetRows(sheet: "S", dataRowsThatFit: 12, maximum: 20))
            #expect(failure?.message == "d.csv:14: sheet 'S' is full at this row: with its title, headers, totals and notes it holds 12 data rows (Excel allows 20 rows a sheet); split the data (e.g. appendix batch --split FIELD) or filter it")
        }
    }

    @Test func groupHeadingsAndSubtotalsCountAgainstTheLimit() throws {
        let yaml = """
        sources:
          d: { file: d.csv }
        sheets:
          - name: S
            source: d
            group_by: [label]
            totals: { columns: [n] }
            columns: [ { field: label }, { field: n } ]

        """
        try ExcelLimits.withRowLimit(10) {
            // Header, then heading + row + subtotal per group: three groups fit in 10 rows, four do not.
            #expect(try Self.buildError(yaml, files: ["d.csv": Self.rows(3)], mode: .memory) == nil)
            let failure = try Self.buildFailure(yaml, files: ["d.csv": Self.rows(4)], mode: .memory)
            #expect(failure?.limit == .sheetRows(sheet: "S", dataRowsThatFit: 3, maximum: 10))
            #expect(failure?.message == "d.csv:5: sheet 'S' is full at this row: with its title, headers, totals and notes it holds 3 data rows (Excel allows 10 rows a sheet); split the data (e.g. appendix batch --split FIELD) or filter it")
        }
    }

    // MARK: 21. Over-long subtotal labels name the CSV line

    @Test func overLongSubtotalLabelNamesTheCSVLineAndColumn() throws {
        let yaml = """
        sources:
          d: { file: d.csv }
        sheets:
          - name: S
            source: d
            group_by: [label]
            totals: { columns: [n] }
            columns: [ { field: n } ]

        """
        let value = String(repeating: "x", count: 32_762)  // fits a cell; "Total " + it does not
        let failure = try Self.buildFailure(yaml, files: ["d.csv": "label,n\nshort,1\n\(value),2\n"], mode: .memory)
        #expect(failure?.limit == .cellCharacters(found: 32_768, maximum: 32_767))
        #expect(failure?.message == "d.csv:3, column 'label': the text has 32768 characters; Excel allows at most 32767 in a cell (the subtotal label 'Total {value}' of sheet 'S', group_by[0])")
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func overLongFieldTextNamesTheCSVColumnInBothModes(mode: BuildMode) throws {
        let yaml = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: label, header: Label } ]\n"
        let failure = try Self.buildFailure(yaml, files: ["d.csv": "label\n\(String(repeating: "x", count: 32_768))\n"], mode: mode)
        #expect(failure?.limit == .cellCharacters(found: 32_768, maximum: 32_767))
        #expect(failure?.message == "d.csv:2, column 'label': the text has 32768 characters; Excel allows at most 32767 in a cell (sheet 'S', column 'Label')")
    }

    // MARK: 6. Every CSV column the definition names is checked against the header

    @Test(arguments: [BuildMode.memory, .streaming])
    func typoUnderFieldsIsAnErrorWithDidYouMean(mode: BuildMode) throws {
        let yaml = """
        sources:
          d:
            file: d.csv
            fields:
              ammount: money
        sheets:
          - name: S
            source: d
            columns: [ { field: label }, { field: amount } ]

        """
        let message = try Self.buildError(yaml, files: ["d.csv": "label,amount\nx,£1.00\n"], mode: mode)
        #expect(message == "t.yaml:5:7: sources.d.fields.ammount: the CSV d.csv has no column 'ammount' (did you mean 'amount'?)")
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func unknownColumnFieldAndFilterFieldAreNamedAtTheirKeys(mode: BuildMode) throws {
        let column = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: label }, { field: amout } ]\n"
        #expect(try Self.buildError(column, files: ["d.csv": "label,amount\nx,1\n"], mode: mode)
                == "t.yaml:6:43: sheets[0].columns[1].field: the CSV d.csv has no column 'amout' (did you mean 'amount'?)")
        let filter = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    filter: comittee = \"Env\"\n    columns: [ { field: label } ]\n"
        #expect(try Self.buildError(filter, files: ["d.csv": "label,committee\nx,Env\n"], mode: mode)
                == "t.yaml:6:13: sheets[0].filter: the CSV d.csv has no column 'comittee' (did you mean 'committee'?)")
    }

    @Test func groupSortAndRelatedKeyFieldsAreChecked() throws {
        let grouped = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    group_by: [ { field: sectoin, subtotal: false } ]\n    columns: [ { field: label } ]\n"
        #expect(try Self.buildError(grouped, files: ["d.csv": "label,section\nx,A\n"], mode: .memory)
                == "t.yaml:6:26: sheets[0].group_by[0].field: the CSV d.csv has no column 'sectoin' (did you mean 'section'?)")
        let sorted = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n    sort: [ { field: labl, descending: true } ]\n    columns: [ { field: label } ]\n"
        #expect(try Self.buildError(sorted, files: ["d.csv": "label\nx\n"], mode: .memory)
                == "t.yaml:6:22: sheets[0].sort[0].field: the CSV d.csv has no column 'labl' (did you mean 'label'?)")
        let related = """
        sources:
          d: { file: d.csv }
          b: { file: b.csv, key: fee_id }
        sheets:
          - name: B
            source: b
            columns: [ { field: fee_id }, { field: fee } ]
          - name: S
            source: d
            columns: [ { field: fee_ID }, { id: low, expression: "min(b.fee)" } ]

        """
        #expect(try Self.buildError(related, files: ["d.csv": "fee_ID\n1\n", "b.csv": "fee_id,fee\n1,2\n"], mode: .memory)
                == "t.yaml:10:58: sheets[1].columns[1].expression: the CSV d.csv has no column 'fee_id' (did you mean 'fee_ID'?)")
    }

    @Test func validateChecksFieldNamesToo() throws {
        let folder = try Self.folder("sources:\n  d: { file: d.csv, fields: { ammount: money } }\nsheets:\n  - name: S\n    source: d\n    columns: [ { field: amount } ]\n",
                                     files: ["d.csv": "amount\n1\n"])
        let run = try CommandLineTests.appendix(["validate", "t.yaml", "--data", "."], in: folder)
        #expect(run.status == 1)
        #expect(run.error == "appendix: error: t.yaml:2:31: sources.d.fields.ammount: the CSV d.csv has no column 'ammount' (did you mean 'amount'?)\n")
    }

    // MARK: 8. Summaries and duplicate rows

    static func monthlySummary(duplicates: String?) -> String {
        """
        sources:
          d: { file: d.csv }
        sheets:
          - name: "{period}"
            source: d
            per_period: period
            summary: { name: Summary, rows: measure, value: count\(duplicates.map { ", duplicates: \($0)" } ?? "") }
            columns: [ { field: measure }, { field: count } ]

        """
    }

    static let duplicateMonth = "period,measure,count\n2018-10,A,4\n2018-11,A,5\n2018-11,A,7\n"

    @Test func summaryRefusesTwoRowsForOneLabelAndPeriod() throws {
        let message = try Self.buildError(Self.monthlySummary(duplicates: nil), files: ["d.csv": Self.duplicateMonth], mode: .memory)
        #expect(message == "d.csv:4: summary 'Summary' would show only one of two rows for 'A' in Nov 2018 (d.csv:3 and d.csv:4): remove one, or add 'duplicates: sum' to the summary to add them up")
    }

    @Test func summaryAddsDuplicatesWhenAskedAndTheFormulaAgrees() throws {
        let folder = try Self.folder(Self.monthlySummary(duplicates: "sum"), files: ["d.csv": Self.duplicateMonth])
        #expect(Self.buildError(in: folder, mode: .memory) == nil)
        let sheet = try XLSXFile(url: folder.appendingPathComponent("out.xlsx")).sheet("Summary")
        #expect(sheet["C2"]?.number == 12)
        #expect(sheet["C2"]?.formula == "SUM('Nov 2018'!$B$2:$B$3)")  // rows next to one another: one range
        #expect(sheet["D2"]?.number == 16)  // year to date
        #expect(sheet["B2"]?.formula == "'Oct 2018'!$B$2")
    }

    /// November with `count` rows each of labels A and B, alternating (so A's rows are never
    /// next to one another), A's values 1, 2, 3, … and B's 1000.
    static func alternatingMonth(count: Int) -> String {
        var csv = "period,measure,count\n2018-10,A,4\n"
        for index in 1...count { csv += "2018-11,A,\(index)\n2018-11,B,1000\n" }
        return csv
    }

    @Test func summedDuplicatesApartAreListedOneByOne() throws {
        let folder = try Self.folder(Self.monthlySummary(duplicates: "sum"), files: ["d.csv": Self.alternatingMonth(count: 2)])
        #expect(Self.buildError(in: folder, mode: .memory) == nil)
        let sheet = try XLSXFile(url: folder.appendingPathComponent("out.xlsx")).sheet("Summary")
        #expect(sheet["C2"]?.formula == "SUM('Nov 2018'!$B$2,'Nov 2018'!$B$4)")
        #expect(sheet["C2"]?.number == 3)
    }

    /// Regression: 300 duplicates made one SUM of 300 arguments, over Excel's 255.
    @Test(arguments: BuildMode.allCases)
    func overTwoHundredFiftyFiveDuplicatesAreSummedInParts(mode: BuildMode) throws {
        let folder = try Self.folder(Self.monthlySummary(duplicates: "sum"), files: ["d.csv": Self.alternatingMonth(count: 300)])
        #expect(Self.buildError(in: folder, mode: mode) == nil)
        let sheet = try XLSXFile(url: folder.appendingPathComponent("out.xlsx")).sheet("Summary")
        let formula = try #require(sheet["C2"]?.formula)
        let firstPart = (0..<255).map { "'Nov 2018'!$B$\(2 + 2 * $0)" }.joined(separator: ",")
        let secondPart = (255..<300).map { "'Nov 2018'!$B$\(2 + 2 * $0)" }.joined(separator: ",")
        #expect(formula == "SUM(SUM(\(firstPart)),SUM(\(secondPart)))")
        #expect(sheet["C2"]?.number == 45_150)  // 1 + 2 + … + 300
        #expect(sheet["C3"]?.number == 300_000)
    }

    @Test(arguments: BuildMode.allCases)
    func duplicatesTooManyForOneFormulaAreRefused(mode: BuildMode) throws {
        let folder = try Self.folder(Self.monthlySummary(duplicates: "sum"), files: ["d.csv": Self.alternatingMonth(count: 600)])
        #expect(Self.buildError(in: folder, mode: mode)
                == "d.csv: summary 'Summary' would add up 600 rows for 'A' in Nov 2018 in a formula 10,867 characters long; Excel allows at most 8,192: total those rows in the CSV first")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.xlsx").path))
    }

    @Test func duplicatesTakesErrorOrSum() throws {
        let message = try Self.buildError(Self.monthlySummary(duplicates: "add"), files: ["d.csv": Self.duplicateMonth], mode: .memory)
        #expect(message == "t.yaml:7:72: sheets[0].summary.duplicates: expected one of error, sum, found 'add'")
    }
}
