/// A fee sheet's `fee_import:` — the columns `appendix fees import` reads back from the built
/// workbook: each row's fee key, the amount an officer may retype, and optionally its
/// description. A build of a sheet with it adds a hidden sheet (``/AppendixLayout/FeeKeySheet``)
/// holding each key, the amount as built, every formula of the row and a hash of them all.
package struct FeeImportColumns: Sendable, Equatable {
    /// The id of the column showing the fee key (a field column, so each row's key is visible
    /// and rows can be matched after they are reordered).
    package var key: String
    /// The id of the column holding the amount officers type (a field column).
    package var amount: String
    /// The id of the column describing each fee, for the change log.
    package var description: String?
    /// Where `fee_import` is written.
    package var location: DefinitionLocation
    /// Where each of its keys is written (`fee_import.key`).
    package var keyLocations: [String: DefinitionLocation] = [:]
}

extension DefinitionLoader {
    /// `fee_import: { key: COLUMN, amount: COLUMN, description: COLUMN }`.
    static func feeImport(_ node: YAMLNode) throws -> FeeImportColumns {
        let keys = try node.mapping(allowed: ["key", "amount", "description"])
        return FeeImportColumns(key: try required("key", in: keys, of: node).string(),
                                amount: try required("amount", in: keys, of: node).string(),
                                description: try keys["description"]?.string(), location: node.location,
                                keyLocations: keys.mapValues(\.location))
    }
}

extension DefinitionValidator {
    /// At most one sheet imports fees; it is not per-period, and names field columns of its own
    /// for the key and the amount (a `money`, `number`, `integer` or `auto` field), and any column for the
    /// description.
    static func validateFeeImport(_ definition: ReportDefinition) throws {
        let importing = definition.sheets.filter { $0.feeImport != nil }
        guard let sheet = importing.first, let columns = sheet.feeImport else { return }
        if importing.count > 1, let second = importing[1].feeImport {
            throw DefinitionError(second.location, "only one sheet may have fee_import; '\(sheet.name)' already has it")
        }
        if sheet.perPeriod != nil {
            throw DefinitionError(columns.location, "fee_import cannot be used on a per_period sheet (one table of fees is read back)")
        }
        for (key, id, needsField) in [("key", columns.key, true), ("amount", columns.amount, true), ("description", columns.description, false)] {
            guard let id else { continue }
            let location = columns.keyLocations[key] ?? {
                var location = columns.location
                location.path += ".\(key)"
                return location
            }()
            guard let column = sheet.column(id) else {
                throw DefinitionError(location, "no column with id '\(id)' on sheet '\(sheet.name)'\(didYouMean(id, among: sheet.columns.map(\.id)))", value: id)
            }
            if needsField && column.field == nil {
                throw DefinitionError(location, "column '\(id)' is computed; fee_import.\(key) must be a column showing a CSV field", value: id)
            }
        }
        if let field = sheet.column(columns.amount)?.field, let type = definition.source(named: sheet.source)?.fieldTypes[field], ![.auto, .number, .money, .integer].contains(type) {
            throw DefinitionError(columns.keyLocations["amount"] ?? columns.location,
                                  "the amount column shows the field '\(field)', read as \(type.rawValue); fee_import.amount needs an amount: make it money, number, integer or auto")
        }
        if columns.key == columns.amount {
            throw DefinitionError(columns.location, "fee_import.key and fee_import.amount must be different columns")
        }
    }
}
