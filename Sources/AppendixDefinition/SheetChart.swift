import AppendixExpression

/// A chart of a sheet's table (`sheets[i].charts[j]`): values from table columns against the
/// category labels of another column, over the sheet's data rows.
package struct SheetChart: Sendable, Equatable {
    /// The chart type.
    package enum Kind: String, Sendable, CaseIterable {
        case column, bar, line, pie
        /// A floating bar per row from `low` to `low + spread` (a stacked bar whose first part
        /// is drawn without fill or border).
        case range
    }

    /// Where the legend goes; `none` for no legend.
    package enum Legend: String, Sendable, CaseIterable { case bottom, top, left, right, none }

    /// Where the chart is placed.
    package enum Placement: Sendable, Equatable {
        /// Under the table (under its notes), left-aligned; charts placed below stack downwards.
        case below
        /// To the right of the table, one column clear, level with the header.
        case right
        /// With its top-left corner at a cell.
        case cell(CellReference)
    }

    /// Excel's default chart size in pixels (libxlsxwriter scales from it).
    package static let defaultWidth = 480
    package static let defaultHeight = 288

    package var kind: Kind
    package var title: String?
    /// The category axis title (down the side in a bar chart).
    package var xAxis: String?
    /// The value axis title.
    package var yAxis: String?
    /// The column id whose cells label the categories.
    package var categories: String
    /// The column ids whose cells are the values, one series each; for `range` the low and the
    /// spread columns, in that order.
    package var series: [String]
    package var legend: Legend
    /// The description readers such as screen readers give for the chart.
    package var altText: String?
    package var placement: Placement = .below
    /// Size in pixels.
    package var width = SheetChart.defaultWidth
    package var height = SheetChart.defaultHeight
    /// Where the chart is defined, for messages (its key path).
    package var location: DefinitionLocation
}

extension DefinitionLoader {
    static let chartKeys = ["type", "title", "categories", "series", "low", "spread", "x_axis", "y_axis", "legend", "alt_text",
                            "position", "width", "height"]

    /// One entry of a sheet's `charts:` list.
    static func sheetChart(_ node: YAMLNode) throws -> SheetChart {
        let keys = try node.mapping(allowed: chartKeys)
        let kind = try keys["type"]?.choice(SheetChart.Kind.self) ?? .column
        var series: [String]
        if kind == .range {
            if let extra = keys["series"] { throw extra.error("a range chart takes 'low' and 'spread' (column ids), not 'series'") }
            series = [try required("low", in: keys, of: node).string(), try required("spread", in: keys, of: node).string()]
        } else {
            if let extra = keys["low"] ?? keys["spread"] { throw extra.error("'low' and 'spread' belong to a range chart (type: range); use 'series' here") }
            series = try required("series", in: keys, of: node).strings()
        }
        var chart = SheetChart(kind: kind, title: try keys["title"]?.string(), xAxis: try keys["x_axis"]?.string(),
                               yAxis: try keys["y_axis"]?.string(), categories: try required("categories", in: keys, of: node).string(),
                               series: series, legend: try keys["legend"]?.choice(SheetChart.Legend.self) ?? (kind == .pie ? .right : .bottom),
                               altText: try keys["alt_text"]?.string(), location: node.location)
        if let position = keys["position"] { chart.placement = try placement(position) }
        if let width = keys["width"] { chart.width = try width.integer(in: 50...4000) }
        if let height = keys["height"] { chart.height = try height.integer(in: 50...4000) }
        return chart
    }

    /// `below`, `right` or a cell such as `H5`.
    private static func placement(_ node: YAMLNode) throws -> SheetChart.Placement {
        let text = try node.string()
        switch text.lowercased() {
        case "below": return .below
        case "right": return .right
        default:
            guard let cell = CellReference(a1: text) else { throw node.error("expected below, right or a cell such as H5, found '\(text)'") }
            return .cell(cell)
        }
    }
}

extension CellReference {
    /// The cell written in A1 style (`H5`, `$H$5`); `nil` when `text` is not one within Excel's grid.
    package init?(a1 text: String) {
        let plain = text.uppercased().filter { $0 != "$" }
        let letters = plain.prefix { $0 >= "A" && $0 <= "Z" }
        let digits = plain.dropFirst(letters.count)
        guard (1...3).contains(letters.count), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let row = Int(digits),
              (1...1_048_576).contains(row) else { return nil }
        let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        guard column < 16_384 else { return nil }
        self.init(row: row - 1, column: column)
    }
}
