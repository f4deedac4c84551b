/// A place where a definition names a column of a source's CSV file.
package struct FieldReference: Equatable {
    /// The CSV header name.
    package var field: String
    /// Where it is written.
    package var location: DefinitionLocation
}

extension ReportDefinition {
    /// Every CSV column the definition names in source `name`'s file, in definition order: the
    /// source's `fields:` and `key:`, and on each sheet showing it: column `field:`s, `group_by`,
    /// `sort`, `filter` fields, `per_period`, `format_from`, and the keys of related sources its expressions
    /// aggregate over (matched against this CSV's rows).
    func fieldReferences(inSource name: String) -> [FieldReference] {
        guard let source = source(named: name) else { return [] }
        var references = source.fieldTypes.keys.sorted().map { field in
            FieldReference(field: field, location: source.location(ofField: field))
        }
        if let key = source.key { references.append(FieldReference(field: key, location: source.location(of: "key"))) }
        for sheet in sheets where sheet.source == name {
            references += fieldReferences(of: sheet)
        }
        return references
    }

    private func fieldReferences(of sheet: SheetDefinition) -> [FieldReference] {
        var references: [FieldReference] = []
        for column in sheet.columns {
            switch column.content {
            case .field(let field):
                references.append(FieldReference(field: field, location: column.contentLocation))
            case .expression(let expression, _):
                for (related, _) in expression.relatedFields {
                    guard let key = source(named: related)?.key else { continue }
                    references.append(FieldReference(field: key, location: column.contentLocation))
                }
            case .written:
                break  // only before checking, and fields are checked on checked definitions
            }
            if let unit = column.formatFrom {
                references.append(FieldReference(field: unit, location: column.keyLocations["format_from"] ?? column.location))
            }
        }
        references += sheet.groupBy.map { FieldReference(field: $0.field, location: $0.location) }
        references += sheet.sort.map { FieldReference(field: $0.field, location: $0.location) }
        if let filter = sheet.filter {
            references += filter.fields.map { FieldReference(field: $0, location: sheet.location(of: "filter")) }
        }
        if let field = sheet.perPeriod {
            references.append(FieldReference(field: field, location: sheet.location(of: "per_period")))
        }
        return references
    }

    /// Checks every column the definition names in source `name` against the CSV's `header`,
    /// as soon as the header is read (before any row), both when loading and when streaming.
    /// - Throws: ``DefinitionError`` at the first name the header lacks, with a "did you mean".
    package func checkFieldReferences(inSource name: String, header: [String], csvFile: String) throws {
        let columns = Set(header)
        for reference in fieldReferences(inSource: name) where !columns.contains(reference.field) {
            var hint = didYouMean(reference.field, among: header)
            if hint.isEmpty {
                hint = "; its columns are: " + header.prefix(10).joined(separator: ", ") + (header.count > 10 ? ", …" : "")
            }
            throw DefinitionError(reference.location, "the CSV \(csvFile) has no column '\(reference.field)'\(hint)")
        }
    }
}
