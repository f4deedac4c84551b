import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixPipeline

/// Issue #15 item 4: charts of a table from the definition (`charts:`), whose cached points are
/// what the cells hold (a blank cell is no point, never 0) in both build modes.
@Suite("Table charts", .serialized)
struct TableChartTests {

    /// Every shipped template's and reference example's charts cache what their cells hold.
    @Test(arguments: [BuildMode.memory, .streaming])
    func everyChartCachesItsCells(_ mode: BuildMode) throws {
        var definitions = ModeParityTests.templates.map { TestFiles.root.appendingPathComponent("Templates/\($0).yaml") }
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/README.md"), encoding: .utf8)
        let blocks = text.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
        let folder = try TestFiles.scratchFolder()
        for (index, yaml) in blocks.enumerated() where yaml.contains("charts:") && yaml.contains("sources:") {
            definitions.append(try TestFiles.write(yaml, to: "chart-example-\(index).yaml", in: folder))
        }
        var series = 0
        for definition in definitions {
            series += try Self.expectCachesEqualCells(try TestFiles.built(definition, mode: mode), label: "\(definition.lastPathComponent) \(mode)")
        }
        // enforcement-monthly 6, revenue-forecast 2, registrar-fees 2, and the reference examples.
        #expect(series >= 12)
    }

    /// The floating bar: a stacked bar whose first series (the low end) has no fill or border and
    /// no legend entry, the category axis reversed so the bars read down as the rows do.
    @Test(arguments: [BuildMode.memory, .streaming])
    func rangeChartIsAStackedBarWithAnInvisibleBase(_ mode: BuildMode) throws {
        let url = try TestFiles.built(TestFiles.root.appendingPathComponent("Templates/registrar-fee-benchmarks.yaml"), mode: mode)
        let chart = try XLSXPart.tree(url, "xl/charts/chart1.xml")
        #expect(chart.descendants("barDir").first?.attributes["val"] == "bar")
        #expect(chart.descendants("grouping").first?.attributes["val"] == "stacked")
        let series = chart.descendants("ser")
        #expect(series.map { $0.child("val")?.descendants("f").first?.text } == ["'Benchmark chart'!$D$5:$D$17", "'Benchmark chart'!$G$5:$G$17"])
        #expect(series[0].child("spPr")?.descendants("noFill").count == 2)  // the fill and the border
        #expect(series[1].child("spPr") == nil)
        #expect(chart.descendants("legend").isEmpty)
        // Hidden helper columns (often the spread) are drawn too: libxlsxwriter then leaves out
        // the default <c:plotVisOnly val="1"/>.
        #expect(chart.descendants("plotVisOnly").isEmpty)
        #expect(chart.descendants("orientation").map { $0.attributes["val"] } .contains("maxMin"))
        let drawing = try XLSXPart.paths(url, under: "xl/drawings/").filter { $0.hasSuffix(".xml") }
        let described = try drawing.map { try XLSXPart.tree(url, $0) }.flatMap { $0.descendants("cNvPr") }.compactMap { $0.attributes["descr"] }
        #expect(described.contains { $0.hasPrefix("Horizontal bars showing, for each registration fee") })
    }

    /// A blank cell in a series is no point (a gap), never 0; a text cell is no point either;
    /// `ptCount` still counts every row. Same in both modes.
    @Test(arguments: [BuildMode.memory, .streaming])
    func blankCellIsAGapNotZero(_ mode: BuildMode) throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("area,spend,income\nNorth,10,4\nSouth,,5\nEast,0,n/a\nWest,2.5,\n", to: "spend.csv", in: folder)
        let definition = try TestFiles.write("""
        sources:
          spend: { file: spend.csv, fields: { income: auto } }
        sheets:
          - name: Spend
            source: spend
            columns:
              - field: area
              - field: spend
              - field: income
              - id: net
                expression: spend - income
                missing: ""
            charts:
              - { type: line, categories: area, series: [spend, income, net], position: right }
        """, to: "gaps.yaml", in: folder)
        let url = try TestFiles.built(definition, mode: mode, data: folder)
        try Self.expectCachesEqualCells(url, label: "gaps \(mode)")
        let series = try XLSXPart.tree(url, "xl/charts/chart1.xml").descendants("ser")
        func points(_ index: Int) -> [Int: String] {
            let cache = series[index].child("val")?.descendants("numCache").first
            #expect(cache?.child("ptCount")?.attributes["val"] == "4")
            return Dictionary(uniqueKeysWithValues: (cache?.children("pt") ?? []).map { (Int($0.attributes["idx"] ?? "") ?? -1, $0.child("v")?.text ?? "") })
        }
        #expect(points(0) == [0: "10", 2: "0", 3: "2.5"])
        #expect(points(1) == [0: "4", 1: "5"])
        #expect(points(2) == [0: "6"])
        let anchor = try XLSXPart.tree(url, "xl/drawings/drawing1.xml").descendants("from").first
        #expect(anchor?.child("col")?.text == "5" && anchor?.child("row")?.text == "0")
    }

    /// Charts on a per-period sheet: one per period sheet, over that sheet's own cells.
    @Test(arguments: [BuildMode.memory, .streaming])
    func perPeriodSheetsEachGetTheirChart(_ mode: BuildMode) throws {
        let template = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/enforcement-monthly.yaml"), encoding: .utf8)
        let yaml = template.replacingOccurrences(of: "    summary:\n", with: "    charts:\n      - { type: bar, categories: measure, series: count }\n    summary:\n")
        #expect(yaml != template)
        let definition = try TestFiles.write(yaml, to: "monthly-charts.yaml", in: try TestFiles.scratchFolder())
        let url = try TestFiles.built(definition, mode: mode)
        #expect(try Self.expectCachesEqualCells(url, label: "monthly \(mode)") == 11 + 6)
        let formulas = try XLSXPart.paths(url, under: "xl/charts/").filter { $0.hasSuffix(".xml") }
            .flatMap { try XLSXPart.tree(url, $0).descendants("val").compactMap { $0.descendants("f").first?.text } }
        #expect(formulas.contains("'Oct 2018'!$B$4:$B$9") && formulas.contains("'Apr 2018'!$B$4:$B$9"))
    }

    /// `right` stacks down from the header row one column clear of the table; `below` starts
    /// under the notes or under the charts on the right, whichever is lower; a cell is the corner.
    @Test func chartsArePlacedRightBelowOrAtACell() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write("area,spend\nNorth,10\nSouth,5\n", to: "s.csv", in: folder)
        let definition = try TestFiles.write("""
        sources:
          s: { file: s.csv }
        sheets:
          - name: S
            source: s
            title: Spend
            columns: [ { field: area }, { field: spend } ]
            notes: [One note.]
            charts:
              - { categories: area, series: spend, position: below, height: 100 }
              - { categories: area, series: spend, position: right, height: 300 }
              - { categories: area, series: spend, position: right }
              - { categories: area, series: spend, position: $H$40 }
        """, to: "p.yaml", in: folder)
        let url = try TestFiles.built(definition, mode: .memory, data: folder)
        let anchors = try XLSXPart.tree(url, "xl/drawings/drawing1.xml").descendants("from").map { from in
            "\(from.child("col")?.text ?? "")/\(from.child("row")?.text ?? "")"
        }
        // Header row 3 (index 2); right charts at column D (index 3): 300 px is 15 rows + 1 blank;
        // they end at row index 2 + 16 + 16 = 34, below the notes (index 7), so the below chart starts there.
        #expect(anchors == ["0/34", "3/2", "3/18", "7/39"])
    }

    static func loadError(_ chart: String, extraColumns: String = "", sheetKeys: String = "") -> String {
        let yaml = """
        sources:
          s: { file: s.csv, fields: { code: text } }
        sheets:
          - name: S
            source: s
        \(sheetKeys)    columns:
              - field: area
              - field: code
              - field: spend
              - { id: label, display: "{area}: {spend}" }
        \(extraColumns)    charts:
              - \(chart)
        """
        do {
            _ = try DefinitionLoader.load(yaml: yaml, file: "c.yaml")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func chartErrorsNameTheKeyPath() {
        #expect(Self.loadError("{ categories: area, series: [spend, spnd] }")
                == "c.yaml:12:9: sheets[0].charts[0].series[1]: 'spnd' is not a column id of sheet 'S' (did you mean 'spend'?)")
        #expect(Self.loadError("{ categories: aera, series: spend }")
                == "c.yaml:12:9: sheets[0].charts[0].categories: 'aera' is not a column id of sheet 'S' (did you mean 'area'?)")
        #expect(Self.loadError("{ categories: area, series: code }")
                == "c.yaml:12:9: sheets[0].charts[0].series: 'code' is read as text (fields: code: text), so it has no numbers to draw; chart a column of numbers")
        #expect(Self.loadError("{ categories: area, series: label }")
                == "c.yaml:12:9: sheets[0].charts[0].series: 'label' is a text (a display pattern, a quoted text, & or text()), so it has no numbers to draw; chart a column of numbers")
        #expect(Self.loadError("{ type: pie, categories: area, series: [spend, spend] }")
                == "c.yaml:12:9: sheets[0].charts[0].series: a pie chart draws one series; found 2 (spend, spend): use a column or bar chart for several")
        #expect(Self.loadError("{ type: range, categories: area, series: spend }")
                == "c.yaml:12:50: sheets[0].charts[0].series: a range chart takes 'low' and 'spread' (column ids), not 'series'")
        #expect(Self.loadError("{ type: range, categories: area, low: spend }")
                == "c.yaml:12:9: sheets[0].charts[0]: missing required key 'spread'")
        #expect(Self.loadError("{ type: donut, categories: area, series: spend }")
                == "c.yaml:12:17: sheets[0].charts[0].type: expected one of column, bar, line, pie, range, found 'donut'")
        #expect(Self.loadError("{ categories: area, series: spend, position: ZZZZ1 }")
                == "c.yaml:12:54: sheets[0].charts[0].position: expected below, right or a cell such as H5, found 'ZZZZ1'")
        #expect(Self.loadError("{ categories: area, series: spend }", sheetKeys: "    group_by: [area]\n    totals: { columns: [spend] }\n")
                == ("c.yaml:14:9: sheets[0].charts[0]: a chart draws the data rows of a table as one block; this sheet has group_by, whose heading and subtotal rows come between them: chart a sheet without group_by (e.g. a second sheet of the same source)"))
        #expect(Self.loadError("{ categories: area, series: spend, title: \"=S!A1\" }")
                == "c.yaml:12:9: sheets[0].charts[0].title: a chart text cannot begin with '=' (it would be read as a cell reference); start it with something else")
        #expect(Self.loadError("{ categories: area, series: spend, legend: none, alt_text: Spend, position: H5, width: 600, height: 300 }") == "no error")
    }

    /// A chart draws at most 4,000 rows: one more is refused in both modes, naming the chart, and
    /// nothing is written.
    @Test(arguments: [BuildMode.memory, .streaming])
    func chartOfTooManyRowsIsRefusedInBothModes(_ mode: BuildMode) throws {
        let folder = try TestFiles.scratchFolder()
        let rows = (1...4_001).map { "r\($0),\($0)" }.joined(separator: "\n")
        try TestFiles.write("area,spend\n\(rows)\n", to: "s.csv", in: folder)
        let definition = try TestFiles.write("""
        sources:
          s: { file: s.csv }
        sheets:
          - name: S
            source: s
            columns:
              - field: area
              - field: spend
            charts:
              - { categories: area, series: spend }
        """, to: "c.yaml", in: folder)
        let output = folder.appendingPathComponent("c.xlsx")
        #expect(throws: (any Error).self) { try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: output, mode: mode) }
        do {
            try ReportBuild(definitionURL: definition, dataDirectory: folder).run(output: output, mode: mode)
        } catch {
            #expect("\(error)".hasSuffix("c.yaml:10:9: sheets[0].charts[0]: sheet 'S' has more than 4,000 data rows, the most a chart draws; chart a filtered or summary sheet instead"))
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    /// Every series of every chart in `url`: its cached values, categories and name equal the
    /// cells its formulas name (`ptCount` the range's size; a point for each cell with a value).
    /// Returns how many series were checked.
    @discardableResult
    static func expectCachesEqualCells(_ url: URL, label: String) throws -> Int {
        let workbook = try XLSXFile(url: url)
        var checked = 0
        for part in try XLSXPart.paths(url, under: "xl/charts/") where part.hasSuffix(".xml") && !part.contains("_rels") {
            for series in try XLSXPart.tree(url, part).descendants("ser") {
                for (element, numeric) in [(series.child("val"), true), (series.child("cat"), false), (series.child("tx"), false)] {
                    guard let element, let formula = element.descendants("f").first?.text else { continue }
                    let cells = try Self.cells(formula, in: workbook)
                    let cache = try #require(element.descendants(numeric ? "numCache" : "strCache").first, "\(label) \(part) \(formula): no cache")
                    #expect(cache.child("ptCount")?.attributes["val"] == String(cells.count), "\(label) \(part) \(formula)")
                    let points = Dictionary(cache.children("pt").map { (Int($0.attributes["idx"] ?? "") ?? -1, $0.child("v")?.text ?? "") }) { a, _ in a }
                    for (index, cell) in cells.enumerated() {
                        if numeric { #expect(points[index].flatMap(Double.init) == cell?.number, "\(label) \(part) \(formula) point \(index)") }
                        else { #expect(points[index] == (cell?.text ?? cell?.number.map(ExcelNumberText.general)), "\(label) \(part) \(formula) point \(index)") }
                    }
                }
                checked += 1
            }
        }
        return checked
    }

    /// The cells of `'Sheet'!$A$1:$B$2` in row order (`nil` for an empty cell).
    static func cells(_ formula: String, in workbook: XLSXFile) throws -> [XLSXCell?] {
        let bang = try #require(formula.lastIndex(of: "!"))
        var sheetName = String(formula[..<bang])
        if sheetName.hasPrefix("'") { sheetName = String(sheetName.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'") }
        let ends = formula[formula.index(after: bang)...].replacingOccurrences(of: "$", with: "").split(separator: ":").map(String.init)
        let first = try #require(CellReference(a1: ends[0])), last = try #require(CellReference(a1: ends.last ?? ends[0]))
        let sheet = try workbook.sheet(sheetName)
        return (first.row...last.row).flatMap { row in
            (first.column...last.column).map { sheet["\(CellReference.columnLetters($0))\(row + 1)"] }
        }
    }
}
