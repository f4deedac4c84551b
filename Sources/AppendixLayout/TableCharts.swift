import AppendixData
import AppendixDefinition
import AppendixExpression

/// The charts of a table sheet (`charts:`): the cells of the columns they read, gathered as the
/// data rows are written (in either mode), and the chart layouts made from them once the table's
/// last row is known, each with its cache taken from those cells.
package struct TableCharts {
    /// The most rows a chart draws (points per series): a chart is a picture of a table a
    /// committee reads, and the chart cache counts points in 16 bits.
    package static let maximumRows = 4_000
    /// Rows a chart's height takes, at the default row height of 15 points (20 pixels).
    static let pixelsPerRow = 20

    let bound: BoundSheet
    /// The columns the charts read, by position.
    private let columns: [Int]
    private(set) var cells: [LayoutCell] = []
    private var rows = 0

    package init(bound: BoundSheet) {
        self.bound = bound
        let ids = Set(bound.sheet.charts.flatMap { [$0.categories] + $0.series })
        columns = ids.compactMap(bound.sheet.columnIndex).sorted()
    }

    var isEmpty: Bool { bound.sheet.charts.isEmpty }

    /// Keeps the charted columns' cells of `row` when it is a data row.
    /// - Throws: ``DefinitionError`` at the first chart when the table has more than ``maximumRows`` data rows.
    mutating func record(_ row: LayoutRow) throws {
        guard !isEmpty, let body = row.body else { return }
        rows += 1
        guard rows <= Self.maximumRows else {
            // `isEmpty` is false here, so the sheet has a first chart.
            throw DefinitionError(bound.sheet.charts[0].location, "sheet '\(bound.sheet.name)' has more than \(Self.maximumRows.groupedDigits) data rows, the most a chart draws; chart a filtered or summary sheet instead")
        }
        for column in columns { cells.append(LayoutCell(row: row.index, column: column, content: body.contents[column], style: CellStyle())) }
    }

    /// The charts over the data rows (none when the table has no data row), with their caches.
    /// `lastBodyRow` is the table's last row (the grand total when there is one).
    /// Charts placed `right` stack down from the header; charts placed `below` stack down from
    /// under the notes, or from under the charts on the right when those reach further.
    func layouts(lastBodyRow: Int) -> [ChartLayout] {
        guard rows > 0 else { return [] }
        let charts = bound.sheet.charts
        let rightTop = bound.headerRows.lowerBound
        let rightRows = charts.filter { $0.placement == .right }.map(Self.rowsTaken).reduce(0, +)
        var below = max(lastBodyRow + 2 + (bound.sheet.notes.isEmpty ? 0 : bound.sheet.notes.count + 1), rightTop + rightRows)
        var right = rightTop
        return charts.map { chart in
            let anchor: CellReference
            switch chart.placement {
            case .below: anchor = CellReference(row: below, column: 0); below += Self.rowsTaken(chart)
            case .right: anchor = CellReference(row: right, column: bound.lastColumn + 2); right += Self.rowsTaken(chart)
            case .cell(let cell): anchor = cell
            }
            return layout(chart, anchor: anchor).caching(cells)
        }
    }

    /// The rows a chart covers at the default row height, and one blank row after it.
    static func rowsTaken(_ chart: SheetChart) -> Int {
        (chart.height + pixelsPerRow - 1) / pixelsPerRow + 1
    }

    private func layout(_ chart: SheetChart, anchor: CellReference) -> ChartLayout {
        let name = bound.sheet.name, first = bound.firstBodyRow, last = bound.firstBodyRow + rows - 1
        func range(_ id: String) -> RangeReference {
            RangeReference(sheet: name, column: bound.sheet.columnIndex(id) ?? 0, firstRow: first, lastRow: last)
        }
        let series = chart.series.enumerated().map { index, id in
            let column = bound.sheet.columnIndex(id) ?? 0
            return ChartLayout.Series(name: RangeReference(sheet: name, column: column, firstRow: headerRow(of: column), lastRow: headerRow(of: column)),
                                      invisible: chart.kind == .range && index == 0, values: range(id),
                                      cachedName: bound.sheet.columns[column].header)
        }
        var layout = ChartLayout(kind: chart.kind, title: chart.title, xAxis: chart.xAxis, yAxis: chart.yAxis,
                                 categories: range(chart.categories), series: series, anchor: anchor)
        layout.legend = chart.legend
        layout.altText = chart.altText
        layout.scale = ChartScale(x: Double(chart.width) / Double(SheetChart.defaultWidth), y: Double(chart.height) / Double(SheetChart.defaultHeight))
        return layout
    }

    /// The row holding column `column`'s header text: the last header row, or the first when the
    /// column is outside every header group (its header is merged down both rows from there).
    private func headerRow(of column: Int) -> Int {
        let sheet = bound.sheet
        let grouped = sheet.headerGroups.contains { group in
            guard let from = sheet.columnIndex(group.first), let to = sheet.columnIndex(group.last) else { return false }
            return (from...to).contains(column)
        }
        return sheet.headerGroups.isEmpty || grouped ? bound.headerRows.upperBound : bound.headerRows.lowerBound
    }
}
