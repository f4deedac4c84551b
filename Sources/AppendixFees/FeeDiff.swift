import AppendixData
import AppendixDefinition
import AppendixLayout
import Foundation

/// Compares two fee tables line by line, matched by a stable fee key (not by row position):
/// lines added, removed, changed in amount, and renamed (same key, new description).
public struct FeeDiff: Sendable {
    /// What happened to a fee key between the two tables.
    public enum Status: String, Sendable {
        /// Only in the later table.
        case added
        /// Only in the earlier table.
        case removed
        /// In both, with a different amount.
        case changed
        /// In both, same amount, different description.
        case renamed
        /// In both, the same.
        case unchanged
    }

    /// One fee key's comparison.
    public struct Entry: Sendable, Equatable {
        /// What happened to the key.
        public var status: Status
        /// The fee key.
        public var key: String
        /// The description (the later table's, else the earlier one's).
        public var description: String
        /// The old description, when it differs.
        public var previousDescription: String?
        /// The amount in the earlier table; `nil` when added.
        public var old: Decimal?
        /// The amount in the later table; `nil` when removed.
        public var new: Decimal?

        /// New minus old, when both exist.
        public var change: Decimal? { old.flatMap { old in new.map { $0 - old } } }
        /// The change as a percentage of the old amount, when both exist and the old is not 0.
        public var changePercent: Decimal? { old.flatMap { old in old == 0 ? nil : change.map { $0 / old * 100 } } }
    }

    /// The fee key column (default `fee_id`).
    public var key = "fee_id"
    /// The description column (default `description`).
    public var description = "description"
    /// The amount column of the earlier table.
    public var oldAmount: String
    /// The amount column of the later table.
    public var newAmount: String

    /// A comparison by the `key` column, reading `oldAmount` from the earlier table and `newAmount` from the later one.
    public init(key: String = "fee_id", description: String = "description", oldAmount: String, newAmount: String) {
        self.key = key
        self.description = description
        self.oldAmount = oldAmount
        self.newAmount = newAmount
    }

    /// The entries: every line of `new` in its order, then the lines only in `old`.
    public func compare(old: CSVReader, new: CSVReader) throws -> [Entry] {
        let before = try lines(old, amount: oldAmount)
        let after = try lines(new, amount: newAmount)
        let beforeByKey = Dictionary(before.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let afterKeys = Set(after.map(\.key))
        var entries: [Entry] = []
        for line in after {
            guard let previous = beforeByKey[line.key] else {
                entries.append(Entry(status: .added, key: line.key, description: line.description, old: nil, new: line.amount))
                continue
            }
            let renamed = previous.description != line.description
            let status: Status = renamed ? .renamed : (previous.amount != line.amount ? .changed : .unchanged)
            entries.append(Entry(status: status, key: line.key, description: line.description,
                                 previousDescription: renamed ? previous.description : nil, old: previous.amount, new: line.amount))
        }
        for line in before where !afterKeys.contains(line.key) {
            entries.append(Entry(status: .removed, key: line.key, description: line.description, old: line.amount, new: nil))
        }
        return entries
    }

    private func lines(_ reader: CSVReader, amount: String) throws -> [(key: String, description: String, amount: Decimal?)] {
        let table = try FeeCSV(reader)
        let keyIndex = try table.column(key, neededBy: "--key"), amountIndex = try table.column(amount, neededBy: "the amount column")
        let descriptionIndex = table.header.firstIndex(of: description)
        try table.checkUniqueKeys(at: keyIndex, named: key)
        return try table.rows.map { record in
            let key = record.fields[keyIndex]
            let text = record.fields[amountIndex]
            let value = Money.parse(text)
            if value == nil, !FieldParser.defaultMissingMarkers.contains(text.trimmingSpaces().lowercased()) {
                throw DataError(file: reader.displayName, line: record.line, column: amount, message: "expected an amount such as £20.00, found '\(text)'", value: text)
            }
            return (key, descriptionIndex.map { record.fields[$0] } ?? "", value)
        }
    }

    /// The entries as a workbook layout: status, key, descriptions, old and new amounts and
    /// the change in £ and % as live formulas.
    package static func layout(_ entries: [Entry], title: String) throws -> WorkbookLayout {
        let definition = try DefinitionLoader.load(yaml: """
            sources: { diff: { file: diff.csv } }
            sheets:
              - name: Fee changes
                source: diff
                title: \(title.debugDescription)
                columns:
                  - { field: status, header: Status, width: 10 }
                  - { field: key, header: Fee key, width: 9 }
                  - { field: description, header: Description, width: 40, wrap: true }
                  - { field: previous_description, header: Previous description, width: 30, wrap: true }
                  - { id: old, field: old, header: Old fee, format: money, width: 11 }
                  - { id: new, field: new, header: New fee, format: money, width: 11 }
                  - { id: change, expression: new - old, header: Change (£), format: money, width: 11 }
                  - { id: change_pct, expression: change / old, header: Change (%), format: signed_percent, width: 11 }
                freeze: { header: true, columns: 2 }
                print: { orientation: landscape, fit_width: 1 }
            """, file: "fee diff")
        let rows = entries.enumerated().map { index, entry in
            DataRow(line: index + 2, values: [
                .text(entry.status.rawValue), .text(entry.key), .text(entry.description),
                entry.previousDescription.map(CellValue.text) ?? .missing(""),
                entry.old.map { .number(Money.double($0)) } ?? .missing(""),
                entry.new.map { .number(Money.double($0)) } ?? .missing(""),
            ])
        }
        let table = DataTable(file: "fee diff", header: ["status", "key", "description", "previous_description", "old", "new"], rows: rows)
        return try WorkbookLayoutBuilder(definition: definition, tables: ["diff": table]).build()
    }
}
