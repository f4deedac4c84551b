import AppendixData
import AppendixDefinition

/// A column whose cells' format depends on their row: it takes each row's unit from a field
/// (`format_from:`), shows the decimal places each row's CSV text wrote (`decimals: as_written`),
/// or both.
package struct RowFormatColumn: Sendable {
    /// The column's position in the sheet.
    let column: Int
    /// The CSV field index of the unit (`format_from:`), if the column has one.
    let unitField: Int?
    /// The CSV field index whose written decimals the cells show (`decimals: as_written`), if any.
    let writtenField: Int?

    /// The sheet's per-row format columns bound to the CSV header (`fieldIndex`: each column's
    /// field index): empty for a plain sheet.
    static func bind(_ sheet: SheetDefinition, header: [String], fieldIndex: [Int?], file: String) throws -> [RowFormatColumn] {
        try sheet.columns.indices.compactMap { column in
            let definition = sheet.columns[column]
            let writtenField = definition.decimals == .asWritten ? fieldIndex[column] : nil
            guard definition.formatFrom != nil || writtenField != nil else { return nil }
            let unitField = try definition.formatFrom.map { field in
                let place = (definition.keyLocations["format_from"] ?? definition.location).described
                return try FieldBinding.index(of: field, in: header, file: file, neededBy: place)
            }
            return RowFormatColumn(column: column, unitField: unitField, writtenField: writtenField)
        }
    }
}

/// What fixes a per-row format column's format on one row: the unit it names (`nil`: none, or
/// a blank unit field) and the places its text wrote (`nil`: not `as_written`, or no number).
struct RowFormatChoice: Hashable {
    var unit: RowUnit?
    var places: Int?
}

/// The body styles of rows whose per-row format columns differ, one ``ColumnStyles`` per set of
/// choices met, so the writer meets few distinct lists and each format is made and resolved
/// once. A sheet without such columns gets its one list back with no work per row.
package struct RowStyleCache {
    private var byChoices: [[RowFormatChoice]: ColumnStyles] = [:]

    package init() {}

    /// The styles of `dataRow`'s cells.
    /// - Throws: ``/AppendixData/DataError`` naming the file, line and unit field when a unit is not one of ``RowUnit``.
    package mutating func styles(for dataRow: DataRow, in bound: BoundSheet) throws -> ColumnStyles {
        guard !bound.rowFormatColumns.isEmpty else { return bound.styles }
        let choices = try bound.rowFormatColumns.map { try bound.choice(of: $0, in: dataRow) }
        if let styles = byChoices[choices] { return styles }
        var styles = bound.styles.styles
        for (rowFormat, choice) in zip(bound.rowFormatColumns, choices) {
            styles[rowFormat.column].numberFormat = bound.format(of: rowFormat, for: choice)
            styles[rowFormat.column].alignment = bound.sheet.columns[rowFormat.column].alignment ?? .right
        }
        let made = ColumnStyles(styles)
        byChoices[choices] = made
        return made
    }
}

extension BoundSheet {
    /// The unit `dataRow` names for a per-row format column and the places its text wrote.
    func choice(of rowFormat: RowFormatColumn, in dataRow: DataRow) throws -> RowFormatChoice {
        let unit = try rowFormat.unitField.flatMap { try self.unit(field: $0, column: rowFormat.column, in: dataRow) }
        return RowFormatChoice(unit: unit, places: rowFormat.writtenField.flatMap(dataRow.writtenDecimals(ofField:)))
    }

    /// The format a choice gives a per-row format column: its unit's (or the column's own
    /// `format` without one), with the column's `decimals`: a fixed number of places, or the
    /// places the row's text wrote (the format unchanged when the cell is no number).
    func format(of rowFormat: RowFormatColumn, for choice: RowFormatChoice) -> NumberFormat {
        let column = sheet.columns[rowFormat.column]
        let base = choice.unit?.format ?? column.format
        switch column.decimals {
        case .places(let places): return base.withDecimals(places)
        case .asWritten: return choice.places.map(base.withWrittenDecimals) ?? base
        case nil: return base
        }
    }

    /// The unit `dataRow` names in field `field`, or `nil` when the field is blank.
    private func unit(field: Int, column: Int, in dataRow: DataRow) throws -> RowUnit? {
        let value = dataRow.values[field]
        if case .missing(let text) = value, text.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        guard let found = RowUnit(fieldText: value.displayText) else {
            throw DataError(file: file, line: dataRow.line, column: header[field],
                            message: "'\(value.displayText)' is not a unit column '\(sheet.columns[column].header)' can be shown in; use \(RowUnit.accepted)",
                            value: value.displayText)
        }
        return found
    }
}
