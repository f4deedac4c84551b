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

@Suite("Periods")
struct PeriodTests {
    @Test(arguments: [
        ("2018-10", "Oct 2018", "2018-10"), ("Oct 2018", "Oct 2018", "2018-10"), ("October 2018", "Oct 2018", "2018-10"),
        ("2018/19 Q2", "Q2 2018-19", "2018-19-Q2"), ("Q2 2018/19", "Q2 2018-19", "2018-19-Q2"), ("Q2 2018-19", "Q2 2018-19", "2018-19-Q2"),
        ("2018-19 Q4", "Q4 2018-19", "2018-19-Q4"), ("2019/20 Q1", "Q1 2019-20", "2019-20-Q1"),
    ])
    func parses(_ text: String, _ label: String, _ code: String) throws {
        let period = try #require(Period(text))
        #expect(period.label == label && period.code == code)
    }

    @Test(arguments: ["", "2018", "2018-13", "Q5 2018/19", "Q2 2018/20", "Octember 2018", "18-10"])
    func rejects(_ text: String) {
        #expect(Period(text) == nil)
    }

    @Test func sortsChronologicallyNotAlphabetically() {
        let texts = ["Jan 2019", "Oct 2018", "Apr 2018", "Feb 2019", "Dec 2018"]
        #expect(texts.compactMap(Period.init).sorted().map(\.label) == ["Apr 2018", "Oct 2018", "Dec 2018", "Jan 2019", "Feb 2019"])
        #expect(["2018/19 Q1", "2017/18 Q4", "2017/18 Q3"].compactMap(Period.init).sorted().map(\.code) == ["2017-18-Q3", "2017-18-Q4", "2018-19-Q1"])
        #expect(Period(month: 3, year: 2019).financialYear == 2018 && Period(month: 4, year: 2019).financialYear == 2019)
        #expect(Period(month: 12, year: 2018).next == Period(month: 1, year: 2019))
        #expect(Period.inFileName("enforcement-2018-10.csv") == Period(month: 10, year: 2018))
    }
}

@Suite("Monthly workbooks: per-period sheets, summary, chart, RAG, batch", .serialized)
struct MonthlyWorkbookTests {
    static func build(_ template: String, data: URL = TestFiles.root.appendingPathComponent("SampleData")) throws -> (XLSXFile, URL) {
        let output = try TestFiles.scratchFolder().appendingPathComponent("\(template).xlsx")
        try ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/\(template).yaml"), dataDirectory: data).run(output: output)
        return (try XLSXFile(url: output), output)
    }

    /// The illustrative series read independently: counts by period code and measure.
    static func series() throws -> (months: [String], measures: [String], counts: [String: [String: Double]]) {
        let records = try CSVReader(url: TestFiles.root.appendingPathComponent("SampleData/enforcement-monthly-illustrative.csv")).readAll().dropFirst()
        var counts: [String: [String: Double]] = [:]
        var measures: [String] = []
        for record in records {
            counts[record.fields[0], default: [:]][record.fields[1]] = Double(record.fields[2])!
            if !measures.contains(record.fields[1]) { measures.append(record.fields[1]) }
        }
        return (counts.keys.sorted(), measures, counts)
    }

    @Test func onePerPeriodSheetChronologicallyAndAMissingMonthShownAsMissing() throws {
        let (workbook, _) = try Self.build("enforcement-monthly")
        let (months, measures, counts) = try Self.series()
        #expect(!months.contains("2018-12"))
        #expect(workbook.sheetNames == ["Summary"] + months.map { Period($0)!.label })
        let summary = try workbook.sheet("Summary")
        // Header: Apr 2018 … Mar 2019 with December present but marked, then the derived columns.
        let columns = (1...12).map { CellReference.columnLetters($0) } // B…M
        #expect(columns.map { summary["\($0)3"]?.text } == (0..<12).map { offset -> String? in
            let period = (0..<offset).reduce(Period(month: 4, year: 2018)) { p, _ in p.next }
            return period.label + (period.code == "2018-12" ? " (no data)" : "")
        })
        #expect(summary["N3"]?.text == "Year to date" && summary["O3"]?.text == "Change on previous month" && summary["P3"]?.text == "Change (%)")
        for (index, measure) in measures.enumerated() {
            let row = 4 + index
            #expect(summary["A\(row)"]?.text == measure)
            var period = Period(month: 4, year: 2018)
            for column in columns {
                let cell = summary["\(column)\(row)"]
                if let count = counts[period.code]?[measure] {
                    // A live cross-sheet reference to the month's sheet, with its value cached.
                    let sheet = try workbook.sheet(period.label)
                    let sheetRow = 4 + (try #require(measures.firstIndex(of: measure)))
                    #expect(sheet["B\(sheetRow)"]?.number == count)
                    #expect(cell?.formula == "'\(period.label)'!$B$\(sheetRow)", "\(column)\(row)")
                    #expect(cell?.number == count)
                } else {
                    #expect(cell?.value == nil && cell?.formula == nil, "missing \(period.label) must be empty, not 0")
                }
                period = period.next
            }
            let total = months.compactMap { counts[$0]?[measure] }.reduce(0, +)
            #expect(summary["N\(row)"]?.formula == "SUM(B\(row):M\(row))")
            #expect(summary["N\(row)"]?.number == total)
            let latest = counts["2019-03"]![measure]!, previous = counts["2019-02"]![measure]!
            #expect(summary["O\(row)"]?.formula == "IF(COUNT(M\(row),L\(row))<2,\"N/A\",M\(row)-L\(row))")
            #expect(summary["O\(row)"]?.number == latest - previous)
            #expect(summary["P\(row)"]?.number == (latest - previous) / previous)
            #expect(summary["P\(row)"]?.numberFormat == "+0.0%;-0.0%;0.0%")
        }
        // Each month's sheet totals its counts.
        let october = try workbook.sheet("Oct 2018")
        #expect(october["A1"]?.text == "Enforcement activity, Oct 2018")
        #expect(october["B10"]?.formula == "SUBTOTAL(9,B4:B9)" && october["B10"]?.number == counts["2018-10"]!.values.reduce(0, +))
    }

    @Test func summaryChartPlotsEachMeasureByMonth() throws {
        let (_, url) = try Self.build("enforcement-monthly")
        let chart = try XLSXPart.tree(url, "xl/charts/chart1.xml")
        #expect(chart.descendants("barChart").count == 1)
        let series = chart.descendants("ser")
        #expect(series.count == 6)
        let first = try #require(series.first)
        #expect(first.descendants("cat").first?.descendants("f").first?.text == "Summary!$B$3:$M$3")
        #expect(first.descendants("val").first?.descendants("f").first?.text == "Summary!$B$4:$M$4")
        #expect(first.child("tx")?.descendants("f").first?.text == "Summary!$A$4")
        #expect(chart.descendants("title").count == 3) // chart, x axis and y axis titles
        #expect(chart.descendants("legendPos").first?.attributes["val"] == "b")
        let drawing = try XLSXPart.tree(url, "xl/worksheets/_rels/sheet1.xml.rels")
        #expect(drawing.descendants("Relationship").contains { $0.attributes["Target"]?.contains("drawing") == true })
    }

    @Test func aFolderOfMonthlyFilesGivesTheSameSummary() throws {
        let folder = try TestFiles.scratchFolder()
        let long = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/enforcement-monthly.yaml"), encoding: .utf8)
        try TestFiles.write(long.replacingOccurrences(of: "file: enforcement-monthly-illustrative.csv", with: "folder: enforcement-monthly-illustrative"), to: "folder.yaml", in: folder)
        let output = folder.appendingPathComponent("folder.xlsx")
        try ReportBuild(definitionURL: folder.appendingPathComponent("folder.yaml"), dataDirectory: TestFiles.root.appendingPathComponent("SampleData")).run(output: output)
        let fromFolder = try XLSXFile(url: output).sheet("Summary")
        let fromLong = try Self.build("enforcement-monthly").0.sheet("Summary")
        #expect(fromFolder.cells == fromLong.cells)
    }

    @Test func ragAtTheExactBoundariesInBothPolarities() throws {
        let sheet = try Self.build("rag-boundaries").0.sheet("RAG rules")
        let expected = ["GREEN", "GREEN", "AMBER", "RED", "RED", "GREEN", "GREEN", "AMBER", "RED", "RED", "GREEN", "N/A"]
        let records = try CSVReader(url: TestFiles.root.appendingPathComponent("SampleData/rag-boundaries-illustrative.csv")).readAll().dropFirst()
        for (index, (record, status)) in zip(records, expected).enumerated() {
            let row = 5 + index
            #expect(sheet["A\(row)"]?.text == record.fields[0])
            #expect(sheet["F\(row)"]?.text == status, "\(record.fields[0])")
            #expect(sheet["F\(row)"]?.formula?.hasPrefix("IFERROR(IF(B\(row)=\"Smaller is Better\"") == true)
        }
        // The status keeps its text and gets green / amber / red fills by conditional format.
        let rules = sheet.tree.descendants("conditionalFormatting")
        #expect(rules.map { $0.attributes["sqref"] } == ["F5:F16"])
        #expect(rules.flatMap { $0.descendants("cfRule") }.map { $0.attributes["operator"] } == ["equal", "equal", "equal"])
        #expect(rules.flatMap { $0.descendants("formula") }.map(\.text) == ["\"GREEN\"", "\"AMBER\"", "\"RED\""])
        // Direction of travel by polarity.
        #expect(sheet["H5"]?.text == "↑ I +12.5%")   // bigger is better, up
        #expect(sheet["H10"]?.text == "↑ I -16.7%")  // smaller is better, down
        #expect(sheet["H12"]?.text == "↓ W +9.9%")   // smaller is better, up
        #expect(sheet["H6"]?.text == "→ S 0.0%")
    }

    @Test func compositeDisplaysMatchTheSeed() throws {
        let training = try Self.build("wrap-training").0.sheet("Table 7")
        #expect(training["G4"]?.text == "248/251 – 99%" && training["G5"]?.text == "152/210 – 72%")
        #expect(training["E4"]?.number == 248 && training["F4"]?.number == 251) // the numbers stay numbers
        #expect(training["I4"]?.text == "AMBER" && training["I5"]?.text == "RED")  // 87% and 45% against 90%
        let table6 = try Self.build("wrap-training").0.sheet("Table 6")
        #expect(table6["G4"]?.text == "RED" && table6["G5"]?.text == "AMBER")
        // Channel referrals: every printed "n (p%)" cell of Table 1 except the seed's own error.
        let fixture = try String(contentsOf: TestFiles.fixture("seed-monthly-tables.md"), encoding: .utf8)
        let block = fixture.components(separatedBy: "## channel_referrals_table_1")[1].components(separatedBy: "\n\n")[1]
        let printed = block.split(separator: "\n").dropFirst().map { $0.split(separator: "\t").map(String.init) }
        let sheet = try Self.build("channel-referrals").0.sheet("Table 1")
        var shown: [String: String] = [:]
        var quarter = ""
        for row in 4...23 {
            guard let label = sheet["A\(row)"]?.text else { continue }
            if sheet["D\(row)"] == nil || sheet["D\(row)"]?.value == nil { quarter = label; continue }
            shown["\(label)|\(quarter)"] = sheet["D\(row)"]?.text
        }
        var matched = 0
        for cells in printed {
            let value = shown["\(cells[0])|\(cells[1])"]
            if cells[2] == "4 (45%)" { #expect(value == "4 (44%)"); continue } // 4/9 is 44%: the seed misprints
            #expect(value == cells[2], "\(cells[0]) \(cells[1])")
            matched += 1
        }
        #expect(matched == 15)
    }

    @Test func directionOfTravelOnTheKPITable() throws {
        let sheet = try Self.build("community-safety-kpis").0.sheet("KPIs Q2 2018-19")
        #expect(sheet["H6"]?.text == "↓ W +6.6%")  // hate crime 711 vs 667, smaller is better: seed "↓ W +6.6%"
        #expect(sheet["F6"]?.text == "N/A")        // target "Monitor": no RAG
    }

    @Test func batchOfTwelveMonthsWithOneBrokenFile() throws {
        let data = try TestFiles.scratchFolder()
        let inputs = data.appendingPathComponent("months")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        let source = TestFiles.root.appendingPathComponent("SampleData/enforcement-monthly-illustrative")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: inputs.appendingPathComponent(name))
        }
        try TestFiles.write("measure,count\nFPN – littering,30\nFPN – residential flytipping,12,extra\n", to: "enforcement-2018-12.csv", in: inputs)
        let outputs = try TestFiles.scratchFolder()
        let build = ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/enforcement-month.yaml"), dataDirectory: data)
        let jobs = try BatchBuild(build: build).jobs(inputs: "months/*.csv", output: outputs.path + "/enforcement-{period}.xlsx")
        #expect(jobs.count == 12)
        let counter = Counter()
        let results = BatchBuild.run(jobs, parallelism: 2) { done, total, _ in counter.record(done, total) }
        #expect(counter.calls == 12 && counter.last == 12)
        let failures = zip(jobs, results).compactMap { job, result -> (String, Error)? in
            if case .failure(let error) = result { return (job.name, error) }
            return nil
        }
        #expect(failures.count == 1)
        #expect(failures.first?.0.hasSuffix("months/enforcement-2018-12.csv") == true)
        #expect((failures.first?.1 as? DataError)?.line == 3)
        let written = try FileManager.default.contentsOfDirectory(atPath: outputs.path).sorted()
        #expect(written.count == 11 && !written.contains("enforcement-2018-12.xlsx") && written.allSatisfy { $0.hasSuffix(".xlsx") })
        let october = try XLSXFile(url: outputs.appendingPathComponent("enforcement-2018-10.xlsx")).sheet("Enforcement")
        #expect(october["B4"]?.number == 53)
    }

    @Test func batchCommandReportsTheFailureAndExitsNonZero() throws {
        let data = try TestFiles.scratchFolder()
        try TestFiles.write("measure,count\nA,1\n", to: "good-2018-04.csv", in: data)
        try TestFiles.write("measure,count\nA,one\n", to: "bad-2018-05.csv", in: data)
        let out = try TestFiles.scratchFolder()
        let definition = try TestFiles.write("""
        sources: { s: { file: x.csv, fields: { count: integer } } }
        sheets:
          - name: S
            source: s
            columns: [ { field: measure }, { field: count } ]
        """, to: "month.yaml", in: data)
        let run = try CommandLineTests.appendix(["batch", definition.path, "--data", data.path, "--inputs", "*.csv", "--output", out.path + "/m-{period}.xlsx"])
        #expect(run.status == 1)
        #expect(run.output.hasSuffix("batch: 1 of 2 workbooks written, 1 failed\n"))
        #expect(run.error.contains("bad-2018-05.csv:2, column 'count': expected a whole number such as 42 or 1,234, found 'one'"))
        #expect(FileManager.default.fileExists(atPath: out.path + "/m-2018-04.xlsx"))
        #expect(!FileManager.default.fileExists(atPath: out.path + "/m-2018-05.xlsx"))
    }

    @Test func splitByAFieldWritesOneWorkbookPerValue() throws {
        let out = try TestFiles.scratchFolder()
        let build = ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/enforcement-monthly.yaml"),
                                dataDirectory: TestFiles.root.appendingPathComponent("SampleData"))
        let jobs = try BatchBuild(build: build).jobs(split: "period", output: out.path + "/enf-{period}.xlsx")
        #expect(jobs.count == 11)
        let results = BatchBuild.run(jobs)
        #expect(results.allSatisfy { if case .success = $0 { return true } else { return false } })
        let book = try XLSXFile(url: out.appendingPathComponent("enf-2018-10.xlsx"))
        #expect(book.sheetNames == ["Summary", "Oct 2018"])
        #expect(try book.sheet("Oct 2018")["B4"]?.number == 53)
    }
}

/// Counts progress calls from the batch runner.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var calls = 0
    private(set) var last = 0
    func record(_ done: Int, _ total: Int) {
        lock.lock(); defer { lock.unlock() }
        calls += 1
        last = max(last, done)
    }
}
