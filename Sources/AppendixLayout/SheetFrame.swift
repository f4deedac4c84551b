import AppendixData
import AppendixDefinition
import AppendixExpression

/// The rows around a sheet's body: the opening rows (title, subtitle, header groups, header) and
/// the closing rows (notes), the column widths, and the settings applied after the rows
/// (frozen panes, repeated header rows, print set-up, status colours).
///
/// A class, though immutable: it is handed along with every row written, and copying the sheet
/// it holds retained a dozen references each time (callgrind: 14 copies a data row).
package final class SheetFrame {
    package let bound: BoundSheet
    /// Column widths in Excel character units.
    package let widths: [Double]

    package init(bound: BoundSheet, widths: [Double]) {
        self.bound = bound
        self.widths = widths
    }
    private var sheet: SheetDefinition { bound.sheet }

    package var columns: [ColumnLayout] {
        zip(widths, sheet.columns).map { ColumnLayout(width: $0.0, hidden: $0.1.hidden) }
    }

    /// The title, subtitle and header rows.
    func openingRows() -> [LayoutRow] {
        var rows: [LayoutRow] = []
        var row = 0
        for (text, style) in [(sheet.title, CellStyle.title), (sheet.subtitle, CellStyle.subtitle)] {
            guard let text else { continue }
            rows.append(.spanning(text, style: style, row: row, lastColumn: bound.lastColumn, height: style == .title ? 21 : nil))
            row += 1
        }
        return rows + headerRows()
    }

    /// One header row, or two under header groups: a group's title merged across its columns,
    /// and each ungrouped column's header merged down both rows.
    private func headerRows() -> [LayoutRow] {
        let top = bound.headerRows.lowerBound, bottom = bound.headerRows.upperBound
        let lines = sheet.columns.indices.map { TextMetrics.wrappedLines(sheet.columns[$0].header, width: widths[$0]) }.max() ?? 1
        var last = LayoutRow(index: bottom, height: lines > 1 ? Double(lines) * TextMetrics.lineHeight : nil)
        guard top != bottom else {
            last.cells = sheet.columns.enumerated().map { LayoutCell(row: bottom, column: $0.offset, content: .text($0.element.header), style: .header) }
            return [last]
        }
        var first = LayoutRow(index: top)
        var grouped: Set<Int> = []
        for group in sheet.headerGroups {
            let from = bound.positions.index(of: group.first), to = bound.positions.index(of: group.last)
            grouped.formUnion(from...to)
            if from == to {
                first.cells.append(LayoutCell(row: top, column: from, content: .text(group.title), style: .header))
            } else {
                first.merges.append(MergedRange(firstRow: top, firstColumn: from, lastRow: top, lastColumn: to, text: group.title, style: .header))
            }
        }
        for (index, column) in sheet.columns.enumerated() {
            if grouped.contains(index) {
                last.cells.append(LayoutCell(row: bottom, column: index, content: .text(column.header), style: .header))
            } else {
                first.merges.append(MergedRange(firstRow: top, firstColumn: index, lastRow: bottom, lastColumn: index, text: column.header, style: .header))
            }
        }
        first.cells.sort { $0.column < $1.column }
        return [first, last]
    }

    /// The notes, a blank row below the body's last row.
    func closingRows(lastBodyRow: Int) -> [LayoutRow] {
        let tableWidth = zip(widths, sheet.columns).filter { !$0.1.hidden }.map(\.0).reduce(0, +)
        return sheet.notes.enumerated().map { offset, note in
            let lines = TextMetrics.wrappedLines(note, width: tableWidth)
            return .spanning(note, style: .note, row: lastBodyRow + 2 + offset, lastColumn: bound.lastColumn,
                             height: lines > 1 ? Double(lines) * TextMetrics.lineHeight : nil)
        }
    }

    /// Panes, print set-up and status colours over the body rows.
    package func settings(lastBodyRow: Int) -> SheetSettings {
        var settings = SheetSettings(freeze: sheet.freeze.map { (row: $0.header ? bound.firstBodyRow : 0, column: $0.columns) },
                                     repeatedRows: sheet.print.repeatHeader ? bound.headerRows : nil, print: sheet.print)
        if lastBodyRow >= bound.firstBodyRow {
            for (index, column) in sheet.columns.enumerated() where column.statusColours {
                settings.conditionalFills += ConditionalFill.ragStatus(RangeReference(sheet: nil, column: index, firstRow: bound.firstBodyRow, lastRow: lastBodyRow))
            }
        }
        return settings
    }

    /// Widths: as defined, else sized from the header words and up to 1,000 data rows' cells.
    package static func widths(_ sheet: SheetDefinition, sample: [[CellContent]]) -> [Double] {
        sheet.columns.enumerated().map { index, column in
            if let width = column.width { return width }
            let texts = sample.compactMap { row -> String? in
                switch row[index] {
                case .text(let text): return text
                case .number(let number): return ExcelNumberText.general(number) + "£,."
                case .formula(_, .number(let number)): return ExcelNumberText.general(number) + "£,."
                case .formula(_, .text(let text)): return text
                case .blank: return nil
                }
            }
            let headerWords = column.header.split(separator: " ").map(String.init)
            return TextMetrics.width(for: texts + headerWords, wrap: column.wrap)
        }
    }
}
