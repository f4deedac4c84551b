import AppendixData
import AppendixDefinition

/// A column whose cells take each row's unit from a field (`format_from:`).
package struct UnitColumn: Sendable {
    /// The column's position in the sheet.
    let column: Int
    /// The CSV field index of the unit.
    let field: Int

    /// The sheet's `format_from` columns bound to the CSV header: empty for a plain sheet.
    static func bind(_ sheet: SheetDefinition, header: [String], file: String) throws -> [UnitColumn] {
        try sheet.columns.indices.compactMap { column in
            guard let field = sheet.columns[column].formatFrom else { return nil }
            let place = (sheet.columns[column].keyLocations["format_from"] ?? sheet.columns[column].location).described
            return UnitColumn(column: column, field: try FieldBinding.index(of: field, in: header, file: file, neededBy: place))
        }
    }
}

/// The body styles of rows whose `format_from` columns differ, one ``ColumnStyles`` per set of
/// formats used, so the writer meets few distinct lists and resolves each format once. A sheet
/// without `format_from` columns gets its one list back with no work per row.
package struct RowStyleCache {
    private var byFormats: [[NumberFormat]: ColumnStyles] = [:]

    package init() {}

    /// The styles of `dataRow`'s cells.
    /// - Throws: ``/AppendixData/DataError`` naming the file, line and unit field when a unit is not one of ``RowUnit``.
    package mutating func styles(for dataRow: DataRow, in bound: BoundSheet) throws -> ColumnStyles {
        guard !bound.unitColumns.isEmpty else { return bound.styles }
        let formats = try bound.unitColumns.map { try bound.format(of: $0, in: dataRow) }
        if let styles = byFormats[formats] { return styles }
        var styles = bound.styles.styles
        for (unit, format) in zip(bound.unitColumns, formats) {
            styles[unit.column].numberFormat = bound.sheet.columns[unit.column].decimals.map { format.withDecimals($0) } ?? format
            styles[unit.column].alignment = bound.sheet.columns[unit.column].alignment ?? .right
        }
        let made = ColumnStyles(styles)
        byFormats[formats] = made
        return made
    }
}

extension BoundSheet {
    /// The format `dataRow` gives a `format_from` column: its unit's, or the column's own
    /// `format` when the unit field is blank.
    func format(of unit: UnitColumn, in dataRow: DataRow) throws -> NumberFormat {
        let value = dataRow.values[unit.field]
        if case .missing(let text) = value, text.trimmingCharacters(in: .whitespaces).isEmpty {
            return sheet.columns[unit.column].format
        }
        guard let found = RowUnit(fieldText: value.displayText) else {
            throw DataError(file: file, line: dataRow.line, column: header[unit.field],
                            message: "'\(value.displayText)' is not a unit column '\(sheet.columns[unit.column].header)' can be shown in; use \(RowUnit.accepted)",
                            value: value.displayText)
        }
        return found.format
    }
}
