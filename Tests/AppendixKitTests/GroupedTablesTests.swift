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

/// Grouped finance tables: section headings, SUBTOTAL rows, grand totals and multi-row headers,
/// checked against sums computed here from the CSV (not by the library).
@Suite("Grouped tables: savings and budgets", .serialized)
struct GroupedTablesTests {
    /// £,000 as a finance export writes it: "(120)" → −120, "-" or blank → 0.
    static func amount(_ text: Substring) -> Double {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t == "-" { return 0 }
        if t.hasPrefix("(") { return -Double(t.dropFirst().dropLast().replacingOccurrences(of: ",", with: ""))! }
        return Double(t.replacingOccurrences(of: ",", with: ""))!
    }

    struct SavingsLine {
        var committee: String, section: String, ref: String
        var years: [Double]
        var fte: Double
    }

    static func savingsLines(_ csv: URL) throws -> [SavingsLine] {
        // Fields come from the CSV reader (tested on its own); amounts are summed here.
        try CSVReader(url: csv).readAll().dropFirst().map { record in
            let f = record.fields.map { Substring($0) }
            return SavingsLine(committee: String(f[0]), section: String(f[1]), ref: String(f[2]),
                               years: f[4...8].map(amount), fte: amount(f[9]))
        }
    }

    /// `checks` is `.warnOnly` for data changed on purpose, whose totals no longer match the template's control totals.
    static func build(_ template: String, data: URL = TestFiles.root.appendingPathComponent("SampleData"), checks: CheckMode = .enforce) throws -> XLSXFile {
        let output = try TestFiles.scratchFolder().appendingPathComponent("\(template).xlsx")
        var build = ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/\(template).yaml"), dataDirectory: data)
        build.checkMode = checks
        try build.run(output: output)
        return try XLSXFile(url: output)
    }

    /// Walks the sheet from the first body row, checking every heading, line, subtotal and
    /// the grand total against `lines`.
    static func checkSavingsSheet(_ sheet: XLSXSheet, lines: [SavingsLine]) throws {
        let columns = ["C", "D", "E", "F", "G", "H", "I"] // five years, total, FTE
        func expected(_ subset: [SavingsLine]) -> [Double] {
            var sums: [Double] = []
            for year in 0..<5 { sums.append(subset.map { $0.years[year] }.reduce(0, +)) }
            let allYears: Double = subset.flatMap(\.years).reduce(0, +)
            let fte: Double = subset.map(\.fte).reduce(0, +)
            return sums + [allYears, fte]
        }
        func checkTotal(row: Int, label: String, labelColumn: String, first: Int, last: Int, subset: [SavingsLine]) {
            #expect(sheet["\(labelColumn)\(row)"]?.text == label, "row \(row) label")
            #expect(sheet["\(labelColumn)\(row)"]?.bold == true)
            for (column, value) in zip(columns, expected(subset)) {
                let cell = sheet["\(column)\(row)"]
                #expect(cell?.formula == "SUBTOTAL(9,\(column)\(first):\(column)\(last))", "\(column)\(row) formula")
                #expect(abs((cell?.number ?? .nan) - value) < 1e-9, "\(column)\(row): \(cell?.number ?? .nan) ≠ \(value)")
            }
        }
        var row = 6
        var index = 0
        // A page that starts inside a committee (and section) begins with their headings
        // "(continued)" (text rows the subtotals' ranges pass over), right after a page break.
        func skipContinued(_ groups: [String]) {
            let first = row
            for group in groups where sheet["A\(row)"]?.text == "\(group) (continued)" { row += 1 }
            #expect(first == row || sheet.rowBreaks.contains(first), "continued headings at \(first) start no page")
            #expect(sheet["A\(row)"]?.text?.hasSuffix(" (continued)") != true, "an unexpected continued heading at \(row)")
        }
        for committee in lines.map(\.committee).uniqued() {
            let committeeLines = lines.filter { $0.committee == committee }
            #expect(sheet["A\(row)"]?.text == committee, "committee heading at \(row)")
            let committeeFirst = row + 1
            row += 1
            for section in committeeLines.map(\.section).uniqued() {
                let sectionLines = committeeLines.filter { $0.section == section }
                skipContinued([committee])
                #expect(sheet["A\(row)"]?.text == section, "section heading at \(row)")
                let first = row + 1
                row += 1
                for line in sectionLines {
                    skipContinued([committee, section])
                    #expect(sheet["A\(row)"]?.text == line.ref, "line at \(row)")
                    #expect(sheet["H\(row)"]?.formula == "IF(COUNT(C\(row):G\(row))=0,\"N/A\",SUM(C\(row):G\(row)))")
                    #expect(abs((sheet["H\(row)"]?.number ?? .nan) - line.years.reduce(0, +)) < 1e-9)
                    row += 1; index += 1
                }
                checkTotal(row: row, label: "Total", labelColumn: "B", first: first, last: row - 1, subset: sectionLines)
                row += 1
            }
            checkTotal(row: row, label: "Total \(committee)", labelColumn: "B", first: committeeFirst, last: row - 1, subset: committeeLines)
            row += 1
        }
        #expect(index == lines.count)
        checkTotal(row: row, label: "Overall Savings", labelColumn: "B", first: 6, last: row - 1, subset: lines)
    }

    @Test func illustrativeProgrammeHasEverySubtotalAndTotal() throws {
        let lines = try Self.savingsLines(TestFiles.root.appendingPathComponent("SampleData/savings-illustrative-multi-year.csv"))
        #expect(lines.count >= 20)
        let sheet = try Self.build("savings-multi-year").sheet("Savings 2019-24")
        try Self.checkSavingsSheet(sheet, lines: lines)
        // Two-row header: the year block under one merged title, other headers merged down.
        #expect(sheet.mergedRanges.contains("C4:H4") && sheet.mergedRanges.contains("A4:A5") && sheet.mergedRanges.contains("I4:I5"))
        #expect(sheet["C4"]?.text == "Savings £,000" && sheet["C5"]?.text == "2019/20" && sheet["G5"]?.text == "2023/24")
        #expect(sheet["C8"]?.numberFormat == "#,##0;(#,##0);\"–\"")
        #expect(sheet["I8"]?.numberFormat == "#,##0.0;(#,##0.0);\"–\"")
        #expect(sheet.pane?["topLeftCell"] == "C6")
    }

    @Test func aRowAddedToTheCSVChangesTheTotals() throws {
        let data = try TestFiles.scratchFolder()
        let original = TestFiles.root.appendingPathComponent("SampleData/savings-illustrative-multi-year.csv")
        var text = try String(contentsOf: original, encoding: .utf8)
        let first = try #require(Self.savingsLines(original).first)
        text += "\(first.committee),\(first.section),NEW-1,Added line,(7),(3),-,,1,(0.5)\n"
        try TestFiles.write(text, to: "savings-illustrative-multi-year.csv", in: data)
        let lines = try Self.savingsLines(data.appendingPathComponent("savings-illustrative-multi-year.csv"))
        let changed = try Self.build("savings-multi-year", data: data, checks: .warnOnly)
        #expect(changed.sheetNames == ["Savings 2019-24", "Checks"])  // the added row breaks the control totals
        let sheet = try changed.sheet("Savings 2019-24")
        try Self.checkSavingsSheet(sheet, lines: lines)
        let before = try Self.build("savings-multi-year").sheet("Savings 2019-24")
        func grandTotalRow(_ sheet: XLSXSheet) -> Int? {
            sheet.cells.first { $0.key.hasPrefix("B") && $0.value.text == "Overall Savings" }.flatMap { Int($0.key.dropFirst()) }
        }
        let lastRow = try #require(grandTotalRow(sheet)), beforeLast = try #require(grandTotalRow(before))
        func continuedRows(_ sheet: XLSXSheet) -> Int { sheet.cells.values.filter { $0.text?.hasSuffix(" (continued)") == true }.count }
        #expect(lastRow - continuedRows(sheet) == beforeLast - continuedRows(before) + 1)
        let after = try #require(sheet["H\(lastRow)"]?.number), previous = try #require(before["H\(beforeLast)"]?.number)
        #expect(abs(after - previous - (-9)) < 1e-9)
    }

    @Test func appendixCMatchesThePublishedTotals() throws {
        let sheet = try Self.build("savings-proposals").sheet("Appendix C Savings")
        #expect(sheet.mergedRanges.contains("F3:H3") && sheet["F3"]?.text == "Impact Assessment")
        #expect(sheet.mergedRanges.contains("J3:K3") && sheet["J3"]?.text == "Savings")
        #expect(sheet["J4"]?.text == "2019/20 £,000" && sheet["K4"]?.text == "FTE")
        #expect(sheet.mergedRanges.contains("A3:A4") && sheet.mergedRanges.contains("L3:L4"))
        #expect(sheet["A5"]?.text == "Service Redesign" && sheet.mergedRanges.contains("A5:L5"))
        #expect(sheet["A6"]?.text == "S1" && sheet["I6"]?.number == 817_350 && sheet["J6"]?.number == -243)
        #expect(sheet["J6"]?.numberFormat == "#,##0;(#,##0);\"–\"")
        // Published: Total (243) (243); Overall Savings (243) (243).
        for (row, label) in [(7, "Total"), (8, "Overall Savings")] {
            #expect(sheet["A\(row)"]?.text == label)
            #expect(sheet["J\(row)"]?.number == -243 && sheet["L\(row)"]?.number == -243)
            #expect(sheet["J\(row)"]?.formula == (row == 7 ? "SUBTOTAL(9,J6)" : "SUBTOTAL(9,J5:J7)"))
        }
    }

    @Test func themeCommitteeAndRevenueForecastMatchThePublishedFigures() throws {
        let theme = try Self.build("theme-committee-savings").sheet("Theme Committee Savings")
        #expect(theme["B6"]?.text == "Total" && theme["C6"]?.number == -243 && theme["D6"]?.number == -243)
        #expect(theme["D5"]?.formula == "IF(COUNT(C5)=0,\"N/A\",SUM(C5))")
        let revenue = try Self.build("revenue-forecast").sheet("Revenue forecast Q2")
        // Published: variance (4) and 0; after reserves 1,935 and 3,474; variance after (4) and 0.
        #expect(revenue["D4"]?.number == -4 && revenue["D5"]?.number == 0)
        #expect(revenue["F4"]?.number == 1935 && revenue["F5"]?.number == 3474)
        #expect(revenue["G4"]?.number == -4 && revenue["G5"]?.number == 0)
        #expect(revenue["H4"]?.formula == "IFERROR(IF(COUNT(G4,B4)<2,\"N/A\",G4/B4),\"N/A\")")
        #expect(abs(revenue["H4"]!.number! - (-4.0 / 1939.0)) < 1e-15)
        #expect(revenue["H5"]?.number == 0 && revenue["H5"]?.numberFormat == "0.0%;(0.0%)")
    }

    @Test func totalRowsRecomputeRatiosOfTotals() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("service,budget,spend\nA,100,90\nB,300,330\n", to: "b.csv", in: folder)
        try TestFiles.write("""
        sources: { b: { file: b.csv } }
        sheets:
          - name: Budget
            source: b
            totals: { columns: [budget, spend, variance], label: Total }
            columns:
              - field: service
              - field: budget
              - field: spend
              - id: variance
                expression: spend - budget
              - id: pct
                expression: variance / budget
                format: signed_percent1
        """, to: "b.yaml", in: folder)
        let output = folder.appendingPathComponent("b.xlsx")
        try ReportBuild(definitionURL: folder.appendingPathComponent("b.yaml"), dataDirectory: folder).run(output: output)
        let sheet = try XLSXFile(url: output).sheet("Budget")
        #expect(sheet["A4"]?.text == "Total" && sheet["B4"]?.number == 400 && sheet["D4"]?.number == 20)
        #expect(sheet["E4"]?.formula == "IFERROR(IF(COUNT(D4,B4)<2,\"N/A\",D4/B4),\"N/A\")")
        #expect(sheet["E4"]?.number == 0.05 && sheet["E4"]?.numberFormat == "+0.0%;-0.0%;0.0%")
    }

    @Test func sortAndFilterRows() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("committee,ref,saving\nEnv,E2,(5)\nCLL,C1,(3)\nEnv,E1,(7)\n", to: "s.csv", in: folder)
        try TestFiles.write("""
        sources: { s: { file: s.csv, fields: { saving: money } } }
        sheets:
          - name: Env
            source: s
            filter: committee = "Env"
            sort: [ref]
            totals: { columns: [saving], label: Total }
            columns: [ { field: ref }, { field: saving } ]
        """, to: "s.yaml", in: folder)
        let output = folder.appendingPathComponent("s.xlsx")
        try ReportBuild(definitionURL: folder.appendingPathComponent("s.yaml"), dataDirectory: folder).run(output: output)
        let sheet = try XLSXFile(url: output).sheet("Env")
        #expect(sheet["A2"]?.text == "E1" && sheet["A3"]?.text == "E2" && sheet["A4"]?.text == "Total")
        #expect(sheet["B4"]?.number == -12)
    }

    // MARK: Errors

    private func expectDataError(_ template: String, csvName: String, csv: String, _ check: (DataError) -> Bool) throws {
        let data = try TestFiles.scratchFolder()
        try TestFiles.write(csv, to: csvName, in: data)
        #expect {
            _ = try Self.build(template, data: data)
        } throws: { error in
            guard let error = error as? DataError else { return false }
            return check(error)
        }
    }

    /// A CSV column the definition names is checked when the header is read (a definition error
    /// at the name, with a "did you mean").
    private func expectMissingField(_ template: String, csvName: String, csv: String, _ check: (DefinitionError) -> Bool) throws {
        let data = try TestFiles.scratchFolder()
        try TestFiles.write(csv, to: csvName, in: data)
        #expect {
            _ = try Self.build(template, data: data)
        } throws: { error in
            guard let error = error as? DefinitionError else { return false }
            return check(error)
        }
    }

    @Test func groupFieldMissingFromTheCSV() throws {
        try expectMissingField("savings-multi-year", csvName: "savings-illustrative-multi-year.csv",
                               csv: "committee,sectn,line_ref,description,savings_2019_20,savings_2020_21,savings_2021_22,savings_2022_23,savings_2023_24,fte\n") { error in
            error.location.path == "sheets[0].group_by[1].field"
                && error.message.hasPrefix("the CSV ") && error.message.hasSuffix("savings-illustrative-multi-year.csv has no column 'section' (did you mean 'sectn'?)")
        }
    }

    @Test func yearColumnAbsent() throws {
        try expectMissingField("savings-multi-year", csvName: "savings-illustrative-multi-year.csv",
                               csv: "committee,section,line_ref,description,savings_2019_20,savings_2020_21,savings_2021_22,savings_2022_23,fte\n") { error in
            // The first place naming it is the source's `fields:`.
            error.location.path == "sources.savings.fields.savings_2023_24"
                && error.message.hasSuffix("has no column 'savings_2023_24' (did you mean 'savings_2020_21'?)")
        }
    }

    @Test func nonNumericMoneyNamesFileLineAndColumn() throws {
        try expectDataError("savings-multi-year", csvName: "savings-illustrative-multi-year.csv",
                            csv: "committee,section,line_ref,description,savings_2019_20,savings_2020_21,savings_2021_22,savings_2022_23,savings_2023_24,fte\nA,B,X1,d,(10),twenty,-,-,-,1\n") { error in
            error.line == 2 && error.column == "savings_2020_21" && error.message.contains("found 'twenty'")
        }
    }

    @Test func subtotalsWithoutTotalsIsADefinitionError() {
        #expect {
            try DefinitionLoader.load(yaml: "sources: { s: { file: s.csv } }\nsheets:\n  - name: S\n    source: s\n    group_by: [area]\n    columns: [ { field: x } ]\n", file: "t.yaml")
        } throws: { error in
            (error as? DefinitionError)?.message.contains("subtotal rows need 'totals") == true
        }
    }
}

extension Sequence where Element: Hashable {
    /// Elements in order of first appearance, without repeats.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
