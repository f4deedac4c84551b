import AppendixData
import AppendixExpression

extension ChartLayout {
    /// This chart with its cached name, values and category labels taken from `cells`, the
    /// laid-out cells of the sheet its ranges are on: what the cells hold, so the chart's cache
    /// and its cells agree in every reader.
    package func caching(_ cells: [LayoutCell]) -> ChartLayout {
        let contents = Dictionary(cells.map { (CellReference(row: $0.row, column: $0.column), $0.content) }) { first, _ in first }
        func held(_ range: RangeReference) -> [CellContent] {
            (range.firstRow...range.lastRow).flatMap { row in
                (range.firstColumn...range.lastColumn).map { contents[CellReference(row: row, column: $0)] ?? .blank }
            }
        }
        var chart = self
        chart.cachedCategories = held(categories).map(ChartLayout.label)
        chart.series = series.map { series in
            var cached = series
            cached.cachedName = held(series.name).first.flatMap(ChartLayout.label) ?? series.cachedName
            cached.cachedValues = held(series.values).map(ChartLayout.number)
            return cached
        }
        return chart
    }

    /// A cell's number; `nil` for a blank or text (a chart draws no point for it).
    static func number(_ content: CellContent) -> Double? {
        switch content {
        case .number(let number), .formula(_, .number(let number)): number
        case .text, .rich, .link, .formula(_, .text), .blank: nil
        }
    }

    /// A cell's text as a label (a number as General shows it); `nil` for a blank.
    static func label(_ content: CellContent) -> String? {
        switch content {
        case .text(let text), .formula(_, .text(let text)): text
        case .rich(let rich): rich.plainText
        case .link(let link): link.text
        case .number(let number), .formula(_, .number(let number)): ExcelNumberText.general(number)
        case .blank: nil
        }
    }
}
