import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixExpression
@testable import AppendixLayout
@testable import AppendixPipeline
@testable import AppendixRender

/// Issue #12 item 2 and issue #15: a chart's cached values (what readers that do not read the
/// cells draw) are what the cells hold, in both modes. libxlsxwriter 1.1.4 left alone caches 0 for
/// every formula cell in memory mode and nothing in constant-memory mode.
@Suite("Chart caches", .serialized)
struct ChartCacheTests {
    /// One `<c:strCache>` or `<c:numCache>`: the point count and the points by index.
    struct Cache: Equatable {
        var count: Int
        var points: [Int: String]
    }

    /// The first `kind` cache under `element`.
    static func cache(_ element: XMLTree?, _ kind: String) -> Cache? {
        guard let cache = element?.descendants(kind).first else { return nil }
        let points = cache.children("pt").map { (Int($0.attributes["idx"] ?? "") ?? -1, $0.child("v")?.text ?? "") }
        return Cache(count: Int(cache.child("ptCount")?.attributes["val"] ?? "") ?? -1,
                     points: Dictionary(points) { first, _ in first })
    }

    static func build(_ mode: BuildMode) throws -> URL {
        let output = try TestFiles.scratchFolder().appendingPathComponent("enforcement-monthly-\(mode).xlsx")
        try ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/enforcement-monthly.yaml"),
                        dataDirectory: TestFiles.root.appendingPathComponent("SampleData")).run(output: output, mode: mode)
        return output
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func summaryChartCachesWhatTheSummaryCellsHold(_ mode: BuildMode) throws {
        let url = try Self.build(mode)
        let summary = try XLSXFile(url: url).sheet("Summary")
        let series = try XLSXPart.tree(url, "xl/charts/chart1.xml").descendants("ser")
        #expect(series.count == 6)
        let columns = (1...12).map { CellReference.columnLetters($0) }  // B…M: Apr 2018 … Mar 2019
        for (index, element) in series.enumerated() {
            let row = 4 + index
            let name = Self.cache(element.child("tx"), "strCache")
            #expect(name == Cache(count: 1, points: [0: try #require(summary["A\(row)"]?.text)]), "series \(index)")
            let categories = Self.cache(element.child("cat"), "strCache")
            let labels = columns.compactMap { summary["\($0)3"]?.text }
            #expect(categories == Cache(count: 12, points: Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($0.offset, $0.element) })))
            let values = try #require(Self.cache(element.child("val"), "numCache"), "series \(index) has no cached values")
            #expect(values.count == 12)
            for (offset, column) in columns.enumerated() {
                let cell = summary["\(column)\(row)"]
                #expect(values.points[offset].flatMap(Double.init) == cell?.number, "\(column)\(row)")
            }
            #expect(values.points[8] == nil, "Dec 2018 has no data: a gap, not 0")
            #expect(values.points.count == 11 && values.points.values.contains { Double($0) != 0 })
        }
    }

    @Test func summaryChartIsTheSameInBothModes() throws {
        let memory = try XLSXPart.tree(try Self.build(.memory), "xl/charts/chart1.xml")
        let streaming = try XLSXPart.tree(try Self.build(.streaming), "xl/charts/chart1.xml")
        #expect(memory.canonical == streaming.canonical)
        #expect(memory.descendants("numCache").count == 6 && memory.descendants("strCache").count == 12)
    }

    /// The writer on its own: a formula cell's cached result (not 0), a gap for a formatted blank,
    /// text escaped as cells' text is (libxlsxwriter's own memory-mode cache copied a control
    /// character raw, and the chart part did not parse), and no second copy of the points when
    /// libxlsxwriter fills its own cache at close in memory mode.
    @Test(arguments: [false, true])
    func writerCachesTheLayoutsValues(constantMemory: Bool) throws {
        let url = try TestFiles.scratchFolder().appendingPathComponent("chart.xlsx")
        var shaded = CellStyle()
        shaded.fill = 0xEDEDED
        let cells = [
            LayoutCell(row: 0, column: 1, content: .text("Q1 _x0041_"), style: CellStyle()),
            LayoutCell(row: 0, column: 2, content: .text("Q2\u{1}"), style: CellStyle()),
            LayoutCell(row: 0, column: 3, content: .text("Q3"), style: CellStyle()),
            LayoutCell(row: 1, column: 0, content: .text("Arrests & <cautions>"), style: CellStyle()),
            LayoutCell(row: 1, column: 1, content: .formula("1+6", cached: .number(7)), style: CellStyle()),
            LayoutCell(row: 1, column: 2, content: .blank, style: shaded),
            LayoutCell(row: 1, column: 3, content: .number(-2.5), style: CellStyle()),
        ]
        let bare = ChartLayout(kind: .line, title: nil, xAxis: nil, yAxis: nil,
                               categories: RangeReference(sheet: "C", firstRow: 0, lastRow: 0, firstColumn: 1, lastColumn: 3),
                               series: [ChartLayout.Series(name: RangeReference(sheet: "C", column: 0, firstRow: 1, lastRow: 1),
                                                           values: RangeReference(sheet: "C", firstRow: 1, lastRow: 1, firstColumn: 1, lastColumn: 3))],
                               anchor: CellReference(row: 3, column: 0))
        let writer = try WorkbookWriter(url: url, constantMemory: constantMemory)
        let sheet = try writer.addSheet(name: "C")
        try writer.write(LayoutRow.rows(cells: cells, merges: [], heights: [:]), to: sheet)
        try writer.finish(sheet, settings: SheetSettings(charts: [bare.caching(cells), bare]))
        try writer.close()

        let cached = try XLSXPart.tree(url, "xl/charts/chart1.xml")
        #expect(Self.cache(cached.descendants("val").first, "numCache")
                == Cache(count: 3, points: [0: "7", 2: "-2.5"]))
        #expect(Self.cache(cached.descendants("cat").first, "strCache") == Cache(count: 3, points: [0: "Q1 _x005F_x0041_", 1: "Q2_x0001_", 2: "Q3"]))
        #expect(Self.cache(cached.descendants("tx").first, "strCache") == Cache(count: 1, points: [0: "Arrests & <cautions>"]))
        let read = try XLSXFile(url: url).sheet("C")
        #expect(XLSXFile.unescape("Q1 _x005F_x0041_") == read["B1"]?.text && XLSXFile.unescape("Q2_x0001_") == read["C1"]?.text)
        // A chart the layout gives no caches has none, in either mode.
        let uncached = try XLSXPart.tree(url, "xl/charts/chart2.xml")
        #expect(uncached.descendants("numCache").isEmpty && uncached.descendants("strCache").isEmpty)
        #expect(uncached.descendants("f").map(\.text) == ["C!$A$2", "C!$B$1:$D$1", "C!$B$2:$D$2"])
    }
}
