import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixLayout
@testable import AppendixPipeline

/// Issue #15 item 3: page-aware groups. Manual page breaks from the computed row heights and
/// print scale, so no group heading ends a page and no page holds only the grand total; a page
/// that starts inside a group begins with a "(continued)" heading, a text row no total adds up.
@Suite("Page breaks", .serialized)
struct PageBreakTests {
    /// Clusters of `counts` rows each; row n's amount is n.
    static func csv(_ counts: [(String, Int)]) -> String {
        var lines = ["cluster,site,amount"], number = 0
        for (cluster, count) in counts {
            for site in 1...count {
                number += 1
                lines.append("\(cluster),Site \(site),\(number)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func yaml(print: String = "") -> String {
        """
        output: paged.xlsx
        sources:
          lines:
            file: lines.csv
            fields:
              amount: integer
        sheets:
          - name: Lines
            source: lines
            title: Lines by cluster
            group_by:
              - field: cluster
                heading: "{value} cluster"
                subtotal: "Total {value}"
            totals:
              columns: [amount]
              label: Total
              label_column: site
            columns:
              - field: site
                header: Site
              - field: amount
                header: Amount
                format: count
            notes:
              - "Illustrative lines."
        \(print)
        """
    }

    static func build(_ yaml: String, csv: String, mode: BuildMode = .memory) throws -> (sheet: XLSXSheet, summary: ReportBuild.Summary) {
        let folder = try TestFiles.scratchFolder()
        _ = try TestFiles.write(csv, to: "lines.csv", in: folder)
        let definition = try TestFiles.write(yaml, to: "paged.yaml", in: folder)
        let output = folder.appendingPathComponent("paged.xlsx")
        let summary = try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: output, mode: mode)
        return (try XLSXFile(url: output).sheet(summary.sheets[0].name), summary)
    }

    /// The A4 portrait page: 841.89 points less 0.75-inch margins above and below, less a
    /// 15-point row of slack; at 80 % the rows may take 100/80 as many points.
    @Test func pageRoomComesFromPaperMarginsScaleAndSlack() {
        #expect(abs(PagePlan(print: PrintSetup(), orientation: .portrait, scale: 100, repeated: 15, autoRow: 15).room - 718.89) < 1e-9)
        #expect(abs(PagePlan(print: PrintSetup(), orientation: .landscape, scale: 100, repeated: 15, autoRow: 15).room - 472.28) < 1e-9)
        #expect(abs(PagePlan(print: PrintSetup(), orientation: .portrait, scale: 80, repeated: 15, autoRow: 15).room - (733.89 * 1.25 - 15)) < 1e-9)
    }

    /// A house style's margins and larger fonts shrink the page: 1-inch margins above and below
    /// take 36 points more than the defaults, and a row left to LibreOffice is as tall as a line
    /// of the sheet's tallest font (also the page's slack).
    @Test func pageRoomFollowsTheHouseStylesMarginsAndRowHeight() {
        var print = PrintSetup()
        print.margins = PageMargins(left: 0.7, right: 0.7, top: 1.0, bottom: 1.0)
        let plan = PagePlan(print: print, orientation: .portrait, scale: 100, repeated: 0, autoRow: 16.5)
        #expect(abs(plan.room - (841.89 - 144 - 16.5)) < 1e-9)
        var grown = plan
        grown.add(height: nil, body: true)
        #expect(grown.used == 16.5)
    }

    /// Arial 12 in every role (Templates/styles/corporate.yaml's font) makes unset rows taller
    /// than the built-in 15 points; without a style they stay 15.
    @Test func unsetRowsAreAsTallAsTheSheetsTallestFont() throws {
        let plain = try DefinitionLoader.load(yaml: Self.styledYAML(style: ""), file: "plain.yaml")
        let styled = try DefinitionLoader.load(yaml: Self.styledYAML(style: "style: { font: { name: Arial, size: 12 } }\n"), file: "styled.yaml")
        let heights = try [plain, styled].map { definition in
            let bound = try BoundSheet(sheet: definition.sheets[0], header: ["group", "amount"], file: "lines.csv", definition: definition)
            return SheetFrame(bound: bound, widths: [10, 10]).autoRowHeight
        }
        #expect(heights[0] == 15)
        #expect(heights[1] > 15)
    }

    private static func styledYAML(style: String) -> String {
        style + """
        sources:
          lines: { file: lines.csv }
        sheets:
          - name: Paged
            source: lines
            group_by: [ { field: group } ]
            totals: { columns: [amount], label: Total }
            columns:
              - { field: group, header: Group }
              - { id: amount, field: amount, header: Amount, format: money }
        """
    }

    @Test func aBlockOverrunsOnlyAPageThatHoldsBodyRows() {
        var plan = PagePlan(print: PrintSetup(), orientation: .portrait, scale: 100, repeated: 30, autoRow: 15)
        plan.add(height: 700, body: false)
        #expect(!plan.overruns(100))
        plan.add(height: nil, body: true)
        #expect(plan.overruns(4) && !plan.overruns(3.89))
        let started = plan.breakPage(before: 50)
        #expect(started && plan.breaks == [50] && plan.used == 30)
        #expect(!plan.overruns(10_000))
    }

    @Test func pastTheBreakLimitPagesAreLeftToThePrinter() {
        var plan = PagePlan(print: PrintSetup(), orientation: .portrait, scale: 100, repeated: 0, autoRow: 15)
        for row in 1...1_023 {
            plan.add(height: nil, body: true)
            let started = plan.breakPage(before: row)
            #expect(started)
        }
        plan.add(height: nil, body: true)
        let past = plan.breakPage(before: 2_000)
        #expect(!past && plan.breaks.count == 1_023 && plan.unplannedFrom == 2_000 && !plan.isPlanning && !plan.overruns(10_000))
        let again = plan.breakPage(before: 2_001)
        #expect(!again && plan.unplannedFrom == 2_000)
    }

    /// Three pages of two clusters and a short third: each page after the first starts with a
    /// cluster heading, "(continued)" inside a cluster; subtotals and the grand total add up only
    /// the amounts (the continued headings are text); identical in both modes.
    @Test(arguments: [BuildMode.memory, .streaming])
    func continuationPagesStartWithTheirGroupHeading(mode: BuildMode) throws {
        let (sheet, _) = try Self.build(Self.yaml(), csv: Self.csv([("North", 50), ("South", 40), ("East", 3)]), mode: mode)
        let breaks = sheet.rowBreaks
        #expect(breaks.count == 2)
        for first in breaks {
            let heading = sheet["A\(first)"]?.text ?? ""
            #expect(heading.hasSuffix(" cluster") || heading.hasSuffix(" cluster (continued)"), "row \(first): \(heading)")
            #expect(sheet["A\(first - 1)"]?.text?.hasSuffix("cluster") != true, "a heading ends the page before row \(first)")
        }
        let continued = sheet.cells.values.compactMap(\XLSXCell.text).filter { $0.hasSuffix("(continued)") }
        #expect(!continued.isEmpty && continued.allSatisfy { $0 == "North cluster (continued)" || $0 == "South cluster (continued)" })
        #expect(sheet["A\(breaks[0])"]?.text == "North cluster (continued)")
        #expect(sheet.mergedRanges.contains("A\(breaks[0]):B\(breaks[0])"))
        var values: [String: Double] = [:]
        for (address, cell) in sheet.cells where address.hasPrefix("A") && cell.text?.hasPrefix("Total") == true {
            values[cell.text ?? ""] = sheet["B\(address.dropFirst())"]?.number
        }
        #expect(values["Total North"] == Double((1...50).reduce(0, +)))
        #expect(values["Total South"] == Double((51...90).reduce(0, +)))
        #expect(values["Total"] == Double((1...93).reduce(0, +)))
        // The last page holds data rows above the totals.
        let lastPage = breaks.last ?? 1
        #expect(sheet["A\(lastPage + 1)"]?.text?.hasPrefix("Site") == true || sheet["A\(lastPage)"]?.text?.hasPrefix("Site") == true)
    }

    @Test func bothModesBreakAlike() throws {
        let csv = Self.csv([("North", 50), ("South", 40), ("East", 3)])
        let memory = try Self.build(Self.yaml(), csv: csv, mode: BuildMode.memory).sheet
        let streaming = try Self.build(Self.yaml(), csv: csv, mode: BuildMode.streaming).sheet
        #expect(memory.rowBreaks == streaming.rowBreaks && memory.cells == streaming.cells)
    }

    /// Rows that would leave the grand total (and the notes) alone on a page take the last data
    /// row with them: with 40 rows in one cluster the total fell on page 2 by itself.
    @Test func theGrandTotalNeverPrintsAlone() throws {
        var broken = 0
        for count in 38...48 {
            let (sheet, _) = try Self.build(Self.yaml(), csv: Self.csv([("North", count)]))
            guard let last = sheet.rowBreaks.last else { continue }
            broken += 1
            #expect(sheet["A\(last)"]?.text == "North cluster (continued)", "\(count) rows")
            #expect(sheet["A\(last + 1)"]?.text?.hasPrefix("Site") == true, "\(count) rows: the page after row \(last) holds no data row")
        }
        #expect(broken >= 5)
    }

    /// `page_breaks: false` (a variant not meant for printing): no breaks, no continued headings.
    @Test func pageBreaksFalseLeavesThePagesToThePrinter() throws {
        let (sheet, _) = try Self.build(Self.yaml(print: "    print:\n      page_breaks: false"), csv: Self.csv([("North", 50), ("South", 40)]))
        #expect(sheet.rowBreaks.isEmpty)
        #expect(!sheet.cells.values.contains { $0.text?.contains("(continued)") == true })
        let on = try Self.build(Self.yaml(print: "    print:\n      page_breaks: true"), csv: Self.csv([("North", 50), ("South", 40)])).sheet
        #expect(!on.rowBreaks.isEmpty)
    }

    /// 1,030 rows (and a grand total) each taller than half a page need 1,029 breaks: the first 1,023 are placed and
    /// the build warns where the printer takes over.
    @Test func moreBreaksThanTheLimitWarn() throws {
        let tall = (1...35).map { "line \($0)" }.joined(separator: "\n")
        let csv = "note,n\n" + (1...1_030).map { _ in "\"\(tall)\",1" }.joined(separator: "\n") + "\n"
        let yaml = """
        output: paged.xlsx
        sources:
          lines:
            file: lines.csv
        sheets:
          - name: Tall
            source: lines
            totals: { columns: [n], label: Total }
            columns:
              - field: note
                header: Note
                wrap: true
                width: 12
              - { field: n, header: N }
        """
        let (sheet, summary) = try Self.build(yaml, csv: csv)
        #expect(sheet.rowBreaks.count == 1_023 && sheet["A1032"]?.text == "Total" && sheet["B1032"]?.number == 1_030)
        #expect(sheet.rowBreaks.first == 3 && sheet.rowBreaks.last == 1_025)
        let message = "sheet 'Tall' needs more than 1023 page breaks, the most a sheet keeps: from row 1026 on, pages break where the printer puts them, "
            + "without continued group headings"
        #expect(summary.warnings.contains { $0.message == "sheets[0] (line 6): " + message }, "\(summary.warnings.map(\BuildWarning.message))")
    }

    /// Templates/README.md's `page_breaks` example: three A4 landscape pages, the second and third
    /// starting inside a committee (and section) with their headings "(continued)".
    @Test(arguments: [BuildMode.memory, .streaming])
    func theReferenceExampleBreaksWithContinuedHeadings(mode: BuildMode) throws {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/README.md"), encoding: .utf8)
        let block = try #require(text.components(separatedBy: "```yaml\n").first { $0.contains("name: Savings by committee") })
        let folder = try TestFiles.scratchFolder()
        let definition = try TestFiles.write(block.components(separatedBy: "\n```")[0], to: "example.yaml", in: folder)
        let output = folder.appendingPathComponent("example.xlsx")
        try ReportBuild(definitionURL: definition, dataDirectory: TestFiles.root.appendingPathComponent("SampleData")).run(output: output, mode: mode)
        let sheet = try XLSXFile(url: output).sheet("Savings by committee")
        #expect(sheet.rowBreaks == [30, 57])
        #expect(sheet["A30"]?.text == "Environment (continued)" && sheet["A31"]?.text == "Efficiency (continued)")
        #expect(sheet["A57"]?.text == "Children, Education and Safeguarding (continued)")
        #expect(sheet.cells.values.filter { $0.text?.hasSuffix("(continued)") == true }.count == 3)
    }
}

extension PageBreakTests {
    /// A plain table (no groups, no grand total) gets no page model: its pages break where the printer puts them.
    @Test func aPlainTableHasNoManualBreaks() throws {
        let yaml = Self.yaml().replacingOccurrences(of: "    group_by:\n      - field: cluster\n        heading: \"{value} cluster\"\n        subtotal: \"Total {value}\"\n", with: "")
            .replacingOccurrences(of: "    totals:\n      columns: [amount]\n      label: Total\n      label_column: site\n", with: "")
        #expect(!yaml.contains("group_by") && !yaml.contains("totals"))
        let (sheet, _) = try Self.build(yaml, csv: Self.csv([("North", 120)]))
        #expect(sheet.rowBreaks.isEmpty)
        #expect(sheet["A123"]?.text == "Site 120")
    }

    /// The sheet showing a keyed source gets breaks but no continued headings: related lookups
    /// place its rows by a pass that adds none.
    @Test func aKeyedSourcesSheetBreaksWithoutContinuedHeadings() throws {
        let yaml = Self.yaml().replacingOccurrences(of: "    file: lines.csv\n", with: "    file: lines.csv\n    key: amount\n")
        #expect(yaml.contains("key: amount"))
        let (sheet, _) = try Self.build(yaml, csv: Self.csv([("North", 50), ("South", 40)]))
        #expect(!sheet.rowBreaks.isEmpty)
        #expect(!sheet.cells.values.contains { $0.text?.contains("(continued)") == true })
    }
}
