import AppendixData
import AppendixDefinition
import AppendixExpression

/// A sheet's `filter`: evaluated per row in Swift (never written as a formula); it reads CSV
/// fields by header name.
package struct RowFilter: Sendable {
    package let expression: ColumnExpression
    package let fields: [(name: String, index: Int)]

    package init(_ expression: ColumnExpression, header: [String], file: String, sheet: SheetDefinition) throws {
        self.expression = expression
        let place = "\(sheet.location.path).filter at \(sheet.location.file):\(sheet.location.line)"
        fields = try expression.fields.map { ($0, try FieldBinding.index(of: $0, in: header, file: file, neededBy: place)) }
    }

    /// Whether `row` is shown.
    package func keeps(_ row: DataRow) -> Bool {
        let context = FieldContext(fields: fields.map { ($0.name, ExcelValue(row.values[$0.index])) })
        switch FormulaCompiler(missingText: "").compile(expression, in: context).evaluate() {
        case .bool(let flag): return flag
        case .number(let number): return number != 0
        default: return false
        }
    }
}

/// CSV field names resolved to positions in a header, with the message for a missing one.
package enum FieldBinding {
    package static func index(of field: String, in header: [String], file: String, neededBy place: String) throws -> Int {
        guard let index = header.firstIndex(of: field) else {
            throw DataError(file: file, line: 1, message: "no column '\(field)' (needed by \(place)); the header has: \(header.joined(separator: ", "))")
        }
        return index
    }
}

extension DefinitionLocation {
    /// `path at file:line` (`path at file` for a definition built in code), for messages that
    /// point into the definition.
    var described: String {
        isInCode ? "\(path) at \(file)" : "\(path) at \(file):\(line)"
    }
}
