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

    /// This frame with each column that does not wrap as wide as `measured` says (never narrower):
    /// the widths of every data row, where this frame's came from the first rows.
    func widened(to measured: [Double]) -> SheetFrame {
        let widths = sheet.columns.indices.map { sheet.columns[$0].wrap ? self.widths[$0] : max(self.widths[$0], measured[$0]) }
        return SheetFrame(bound: bound, widths: widths)
    }

    /// The title, subtitle and header rows; the title and subtitle wrap across the table and
    /// get the height their lines need (the title at least its customary 21 points).
    func openingRows() -> [LayoutRow] {
        var rows: [LayoutRow] = []
        var row = 0
        for (text, isTitle) in [(sheet.title, true), (sheet.subtitle, false)] {
            guard let text else { continue }
            let style = isTitle ? bound.roles.title : bound.roles.subtitle
            if bound.accessible {
                rows.append(Self.singleCell(text, style: style, row: row, height: isTitle ? 21 : nil))
                row += 1
                continue
            }
            var height = spanningHeight(text, style: style)
            if isTitle { height = max(21, height ?? 0) }
            rows.append(.spanning(text, style: style, row: row, lastColumn: bound.lastColumn, height: height))
            row += 1
        }
        return rows + headerRows()
    }

    /// A title or subtitle of the accessible variant: text in column A alone, not wrapped (it
    /// reads on across the empty cells to its right), not merged.
    static func singleCell(_ text: String, style: CellStyle, row: Int, height: Double? = nil) -> LayoutRow {
        var style = style
        style.wrap = false
        return LayoutRow(index: row, cells: [LayoutCell(row: row, column: 0, content: .text(text), style: style)], height: height)
    }

    /// The height of a row holding `text` wrapped across the table; `nil` for a default row.
    private func spanningHeight(_ text: String, style: CellStyle) -> Double? {
        bound.metrics.spanningHeight(text, style: style, widths: zip(widths, sheet.columns).filter { !$0.1.hidden }.map(\.0))
    }

    /// One header row, or two under header groups: a group's title merged across its columns,
    /// and each ungrouped column's header merged down both rows.
    private func headerRows() -> [LayoutRow] {
        let top = bound.headerRows.lowerBound, bottom = bound.headerRows.upperBound
        let header = bound.metrics.style(bound.roles.header)
        let lines = sheet.columns.indices.map {
            bound.metrics.wrappedLines(sheet.columns[$0].header, header, room: bound.metrics.wrapPoints(widths: [widths[$0]]))
        }.max() ?? 1
        var last = LayoutRow(index: bottom, height: bound.metrics.rowHeight(lines: lines, size: header.size, linePitch: header.linePitch))
        guard top != bottom else {
            last.cells = sheet.columns.enumerated().map { LayoutCell(row: bottom, column: $0.offset, content: .text($0.element.header), style: bound.roles.header) }
            return [last]
        }
        var first = LayoutRow(index: top)
        var grouped: Set<Int> = []
        for group in sheet.headerGroups {
            let from = bound.positions.index(of: group.first), to = bound.positions.index(of: group.last)
            grouped.formUnion(from...to)
            if from == to {
                first.cells.append(LayoutCell(row: top, column: from, content: .text(group.title), style: bound.roles.header))
            } else {
                first.merges.append(MergedRange(firstRow: top, firstColumn: from, lastRow: top, lastColumn: to, text: group.title, style: bound.roles.header))
            }
        }
        for (index, column) in sheet.columns.enumerated() {
            if grouped.contains(index) {
                last.cells.append(LayoutCell(row: bottom, column: index, content: .text(column.header), style: bound.roles.header))
            } else {
                first.merges.append(MergedRange(firstRow: top, firstColumn: index, lastRow: bottom, lastColumn: index, text: column.header, style: bound.roles.header))
            }
        }
        first.cells.sort { $0.column < $1.column }
        return [first, last]
    }

    /// The notes, a blank row below the body's last row.
    func closingRows(lastBodyRow: Int) -> [LayoutRow] {
        let filter = autofilterRow(lastBodyRow: lastBodyRow).map { [$0] } ?? []
        return filter + sheet.notes.enumerated().map { offset, note in
            .spanning(note, style: bound.roles.note, row: lastBodyRow + 2 + offset, lastColumn: bound.lastColumn,
                      height: spanningHeight(note, style: bound.roles.note))
        }
    }

    /// The accessible variant's table: the header row and the data rows down to `lastDataRow`
    /// (one blank row when there is none: an Excel table has at least one).
    func table(lastDataRow: Int) -> TableLayout {
        TableLayout(firstRow: bound.headerRows.upperBound, lastRow: max(lastDataRow, bound.headerRows.upperBound + 1), headers: sheet.columns.map(\.header))
    }

    /// Panes, print set-up (with the manual `pageBreaks`) and status colours over the body rows.
    /// A sheet set to fit one page wide keeps fit-to-pages when it needs no breaks (LibreOffice
    /// then fits charts beside the table too); with breaks it gets the computed scale instead.
    package func settings(lastBodyRow: Int, pageBreaks: [Int] = []) -> SheetSettings {
        var settings = SheetSettings(freeze: sheet.freeze.map { (row: $0.header ? bound.firstBodyRow : 0, column: $0.columns) },
                                     repeatedRows: sheet.print.repeatHeader ? bound.headerRows : nil, print: sheet.print)
        settings.pageBreaks = pageBreaks
        if let fit = pageFit, sheet.print.fitWidth == 0 || !pageBreaks.isEmpty {
            settings.print.orientation = fit.orientation
            settings.print.fitWidth = 0
            settings.printScale = fit.scale
        }
        if lastBodyRow >= bound.firstBodyRow {
            for (index, column) in sheet.columns.enumerated() where column.statusColours {
                settings.conditionalFills += ConditionalFill.ragStatus(RangeReference(sheet: nil, column: index, firstRow: bound.firstBodyRow, lastRow: lastBodyRow), roles: bound.roles)
            }
        }
        settings.editing = editingSettings(lastBodyRow: lastBodyRow)
        return settings
    }

    /// The printed width of the visible columns, in points (``TextMetrics/printedPoints(width:)``).
    var tablePoints: Double {
        zip(widths, sheet.columns).filter { !$0.1.hidden }.map { bound.metrics.printedPoints(width: $0.0) }.reduce(0, +)
    }

    /// How the table fits the page; `nil` when the definition asks for fit-to-pages (`fit_width`),
    /// except one page wide with page breaks on: then the scale that fits the width is computed
    /// (fit-to-pages would override the manual page breaks).
    var pageFit: PageFit? {
        if sheet.print.fitWidth == 0 { return PageFit(tableWidth: tablePoints, print: sheet.print) }
        guard sheet.print.fitWidth == 1, sheet.print.pageBreaks else { return nil }
        return PageFit(fittingWidth: tablePoints, print: sheet.print)
    }

    /// The page model of the body (``PagePlan``) of a sheet with groups or a grand total (a
    /// plain table's pages break where the printer puts them); `nil` with `page_breaks: false`,
    /// or when fit-to-pages sets the scale (several pages wide).
    func pagePlan() -> PagePlan? {
        // The accessible variant is not laid out for print: no page breaks, no "(continued)" rows.
        guard !bound.accessible, sheet.print.pageBreaks, !sheet.groupBy.isEmpty || sheet.totals?.label != nil, let fit = pageFit else { return nil }
        let header = openingRows().filter { bound.headerRows.contains($0.index) }
        let autoRow = autoRowHeight
        let repeated = sheet.print.repeatHeader ? header.map { $0.height ?? autoRow }.reduce(0, +) : 0
        return PagePlan(print: sheet.print, orientation: fit.orientation, scale: fit.scale, repeated: repeated, autoRow: autoRow)
    }

    /// The height LibreOffice gives a row whose height the build leaves unset: one line of the
    /// tallest font among the header, body, group heading, total and note roles (15 points with
    /// the built-in 11-point fonts; more with a house style's larger ones).
    var autoRowHeight: Double {
        let roles = bound.roles
        var styles = [roles.header, roles.plainBody, roles.groupHeading, roles.note]
        if let column = sheet.columns.first {
            styles += [roles.total(column, grand: false), roles.total(column, grand: true)]
        }
        let metrics = bound.metrics
        let heights = styles.map { cell -> Double in
            let text = metrics.style(cell)
            return metrics.rowHeight(lines: 1, size: text.size, linePitch: text.linePitch) ?? TextMetrics.defaultRowHeight
        }
        return heights.max() ?? TextMetrics.defaultRowHeight
    }

    /// The height of the rows after the body: a blank row and the notes; 0 without notes.
    var closingHeight: Double {
        let notes = closingRows(lastBodyRow: bound.firstBodyRow)
        let autoRow = autoRowHeight
        return notes.isEmpty ? 0 : autoRow + notes.map { $0.height ?? autoRow }.reduce(0, +)
    }

    /// What `validate` and a build warn about the printed sheet: a table too wide for landscape
    /// paper at 70 %, and a header word wider than a column whose `width:` the definition sets.
    func warnings() -> [BuildWarning] {
        var warnings: [BuildWarning] = []
        if let fit = pageFit, fit.excessPoints > 0 {
            warnings.append(Self.warning(at: sheet.location, "sheet '\(sheet.name)' is \(Int(tablePoints.rounded(.up))) points wide: at \(fit.scale) % "
                + "on \(fit.orientation.rawValue) \(sheet.print.paper.rawValue.uppercased()) it is \(Int(fit.excessPoints.rounded(.up))) points wider "
                + "than the printable width, so columns print on a second page"))
        }
        let header = bound.metrics.style(bound.roles.header)
        for (index, column) in sheet.columns.enumerated() where column.width != nil && !column.hidden {
            let word = header.points(TextRuns.measure(column.header, header.face).word)
            guard word > TextMetrics.textPoints(width: widths[index]) else { continue }
            warnings.append(Self.warning(at: column.location, "column '\(column.header)' has width \(ExcelNumberText.general(widths[index])), "
                + "which breaks a word of its header; it needs width \(ExcelNumberText.general(TextMetrics.columnWidth(forTextPoints: word)))"))
        }
        return warnings
    }

    /// A warning about the definition element at `location`: its key path and line, then `message`.
    static func warning(at location: DefinitionLocation, _ message: String) -> BuildWarning {
        let place = location.isInCode ? location.path : "\(location.path) (line \(location.line))"
        return BuildWarning(file: location.file, column: nil, lines: [location.line], count: 1, message: "\(place): \(message)")
    }
}
