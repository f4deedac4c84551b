/// Lays out a workbook from a definition and its data: rows placed, labels suppressed, formulas
/// compiled with cached values, styles and sizes chosen. Pure: no files are read or written.
public struct WorkbookLayoutBuilder {
    public var definition: ReportDefinition
    /// The data of each source, by source name.
    public var tables: [String: DataTable]

    public init(definition: ReportDefinition, tables: [String: DataTable]) {
        self.definition = definition
        self.tables = tables
    }

    /// The laid-out workbook.
    /// - Throws: ``DataError`` when a CSV lacks a field the definition names.
    public func build() throws -> WorkbookLayout {
        let expansion = try PeriodExpansion(definition: definition, tables: tables)
        let plans = try expansion.definition.sheets.map { try SheetPlan(sheet: $0, definition: expansion.definition, tables: expansion.tables) }
        let index = try RelatedRowIndex(plans: plans)
        var layouts = try plans.map { try SheetGridBuilder(plan: $0, related: index).layout() }
        for summary in expansion.summaries {
            var sheets: [Period: (plan: SheetPlan, layout: SheetLayout)] = [:]
            for (period, name) in summary.sheetNames {
                let position = plans.firstIndex { $0.sheet.name == name }!
                sheets[period] = (plans[position], layouts[position])
            }
            let layout = try SummaryBuilder(summary: summary.summary, template: summary.template, periods: summary.periods, sheets: sheets).layout()
            let position = layouts.firstIndex { $0.name == summary.insertBefore }!
            layouts.insert(layout, at: position)
        }
        return WorkbookLayout(sheets: layouts, title: definition.title)
    }
}

/// Where the rows of each keyed source sit on the sheets that show them.
struct RelatedRowIndex {
    struct Placement {
        var sheet: String
        /// Sheet column of each source field shown on the sheet.
        var columns: [String: Int]
        /// Sheet rows of each key value: contiguous, first and last.
        var rows: [String: ClosedRange<Int>]
        /// The values of each shown field, by sheet row.
        var values: [String: [Int: ExcelValue]]
    }

    /// The first sheet showing each keyed source.
    var placements: [String: Placement] = [:]

    init(plans: [SheetPlan]) throws {
        for plan in plans {
            guard let key = plan.source.key, placements[plan.source.name] == nil,
                  let keyIndex = plan.table.index(of: key) else { continue }
            var placement = Placement(sheet: plan.sheet.name, columns: [:], rows: [:], values: [:])
            for (position, row) in plan.rows.enumerated() {
                let sheetRow = plan.detailRows[position]
                let keyValue = row.values[keyIndex].displayText
                let existing = placement.rows[keyValue]
                if let existing, existing.upperBound + 1 != sheetRow {
                    throw DataError(file: plan.table.file, line: row.line, message: "rows with \(key) '\(keyValue)' are not together on sheet '\(plan.sheet.name)' (its group_by splits them), so formulas cannot refer to them as one range")
                }
                placement.rows[keyValue] = (existing?.lowerBound ?? sheetRow)...sheetRow
            }
            for (columnIndex, column) in plan.sheet.columns.enumerated() {
                guard case .field(let field) = column.content, let fieldIndex = plan.table.index(of: field) else { continue }
                placement.columns[field] = columnIndex
                var values: [Int: ExcelValue] = [:]
                for (position, row) in plan.rows.enumerated() {
                    values[plan.detailRows[position]] = ExcelValue(row.values[fieldIndex])
                }
                placement.values[field] = values
            }
            placements[plan.source.name] = placement
        }
    }
}
