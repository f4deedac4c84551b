import AppendixData
import AppendixDefinition
import AppendixExpression
import Foundation

/// Where the rows of each keyed source sit on the first sheet that shows them, so other sheets'
/// formulas can refer to a key's rows as one range, and the numbers those formulas read there.
///
/// Only what formulas need is kept: each key's sheet rows, and for each field some expression
/// reads as `source.field`, its numbers in sheet-row order, in a temporary file beside the output
/// (``RelatedNumbers``), so memory grows with the keys, not the rows. Text and blanks are left
/// out because `source.field` is only ever an argument of `min`, `max`, `sum` or `avg` (the
/// definition is refused otherwise), and MIN, MAX, SUM, AVERAGE and the `COUNT(range)=0` guard
/// all skip them.
package struct RelatedRowIndex {
    /// A keyed source's rows on the first sheet showing it.
    package struct Placement {
        package var sheet: String
        /// Each key value's rows: contiguous sheet rows, and the key's position among the keys.
        package var keys: [String: KeyRows] = [:]
        /// Each field expressions read that the sheet shows: its column and numbers.
        package var fields: [String: FieldNumbers] = [:]
    }

    /// The sheet rows of one key value.
    package struct KeyRows {
        package var rows: ClosedRange<Int>
        /// The key's position in sheet order, which indexes ``FieldNumbers/starts``.
        package var ordinal: Int
    }

    /// One field's numbers, every key's after the other in sheet-row order.
    package struct FieldNumbers {
        /// The sheet column showing the field.
        package var column: Int
        /// The numbers among the field's cells, as the cells hold them; text and blanks left out.
        package var numbers: RelatedNumbers
        /// Where each key's numbers start in ``numbers``, by ``KeyRows/ordinal``.
        package var starts: [Int] = []

        /// The numbers in the rows of `key`, in sheet-row order, as values of their range.
        /// - Throws: ``ExternalSortError`` when the temporary file cannot be read.
        package func values(of key: KeyRows) throws -> [ExcelValue] {
            let end = key.ordinal + 1 < starts.count ? starts[key.ordinal + 1] : numbers.count
            return try numbers.numbers(starts[key.ordinal]..<end).map { .number($0) }
        }
    }

    /// A key's rows of one field, and their numbers.
    package struct KeyRange {
        package var reference: RangeReference
        package var values: [ExcelValue]
    }

    /// The first sheet showing each keyed source.
    private(set) var placements: [String: Placement] = [:]
    /// For each source, the fields expressions read from it as `source.field`.
    private let readFields: [String: Set<String>]
    /// Where the numbers' temporary files go (`nil`: kept in memory) and how they are written.
    private let spillFolder: URL?
    private let writeCall: WriteCall

    /// An empty index that keeps the fields `definition`'s expressions read, their numbers in
    /// temporary files in `spillFolder` (in memory without one).
    package init(definition: ReportDefinition, spillFolder: URL?, writeCall: @escaping WriteCall = SpillFile.systemWrite) {
        self.spillFolder = spillFolder
        self.writeCall = writeCall
        var fields: [String: Set<String>] = [:]
        for sheet in definition.sheets {
            for column in sheet.columns {
                guard case .expression(let expression, _) = column.content else { continue }
                for (source, field) in expression.relatedFields { fields[source, default: []].insert(field) }
            }
        }
        readFields = fields
    }

    /// Places the rows of `sheet`'s keyed source as the sheet will, in one pass over `rows`: the
    /// sheet's own row source and selection (filter, sort, group_by and its headings), so the
    /// rows land where the sheet writes them. Does nothing for a source without a key or
    /// already placed.
    /// - Throws: ``DataError`` when the sheet's group_by splits the rows of one key; the errors
    ///   of reading and binding the sheet.
    package mutating func place(_ sheet: SheetDefinition, source: SourceDefinition, from rows: SheetRowSource, definition: ReportDefinition) throws {
        guard let key = source.key, placements[source.name] == nil else { return }
        var pass: PlacementPass?
        try rows.read(start: { header, file in
            let bound = try BoundSheet(sheet: sheet, header: header, file: file, definition: definition)
            let selection = try SheetRowSelection(sheet: sheet, source: source, header: header, file: file)
            let fields = readFields[source.name] ?? []
            pass = PlacementPass(bound: bound, selection: selection, key: key, readFields: fields) { [spillFolder, writeCall] in
                RelatedNumbers(spillFolder: spillFolder, writeCall: writeCall)
            }
            return selection
        }, row: { dataRow in
            guard pass != nil else { preconditionFailure("a row source calls start before the first row") }
            try pass?.add(dataRow)
        })
        guard let placement = try pass?.finish() else { return }
        placements[source.name] = placement
    }

    /// The rows of `field` on the sheet showing `source` that hold key value `key`, with their
    /// numbers; `nil` when no such rows are shown.
    /// - Throws: ``ExternalSortError`` when the temporary file cannot be read.
    package func range(source: String, field: String, key: String) throws -> KeyRange? {
        guard let placement = placements[source], let rows = placement.keys[key], let numbers = placement.fields[field] else { return nil }
        let reference = RangeReference(sheet: placement.sheet, column: numbers.column, firstRow: rows.rows.lowerBound, lastRow: rows.rows.upperBound)
        return KeyRange(reference: reference, values: try numbers.values(of: rows))
    }
}

/// One pass over a keyed sheet's rows in sheet order, placing each as the sheet will (headings
/// and subtotals between groups take rows too) and keeping its numbers of the fields read.
private struct PlacementPass {
    /// A read field the sheet shows: its name, CSV index and numbers so far.
    private struct ReadField {
        let name: String
        let index: Int
        var found: RelatedRowIndex.FieldNumbers
    }

    private let bound: BoundSheet
    private let key: String
    private let keyField: Int
    private var body: GroupedBody
    private var fields: [ReadField] = []
    private var keys: [String: RelatedRowIndex.KeyRows] = [:]

    init(bound: BoundSheet, selection: SheetRowSelection, key: String, readFields: Set<String>, numbers: () -> RelatedNumbers) {
        // A keyed source's selection binds its key field (or throws when the CSV lacks it).
        guard let keyField = selection.keyField else { preconditionFailure("a keyed source's selection has its key field") }
        self.bound = bound
        self.key = key
        self.keyField = keyField
        body = GroupedBody(sheet: bound.sheet, groupFields: selection.groupFields, groupDates: bound.groupDates, file: bound.file, firstBodyRow: bound.firstBodyRow, totalled: [])
        for (columnIndex, column) in bound.sheet.columns.enumerated() {
            guard case .field(let field) = column.content, readFields.contains(field), let index = bound.fieldIndex[columnIndex] else { continue }
            // The last column showing a field is the one formulas refer to.
            fields.removeAll { $0.name == field }
            fields.append(ReadField(name: field, index: index, found: RelatedRowIndex.FieldNumbers(column: columnIndex, numbers: numbers())))
        }
    }

    /// The rows placed, once the last is: the numbers are written out.
    func finish() throws -> RelatedRowIndex.Placement {
        for field in fields { try field.found.numbers.finishWriting() }
        return RelatedRowIndex.Placement(sheet: bound.sheet.name, keys: keys,
                                         fields: Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.found) }))
    }

    /// Places `row`, the next in sheet order.
    /// - Throws: ``DataError`` when a row of its key was placed before, but not just above it.
    mutating func add(_ row: DataRow) throws {
        _ = try body.lines(before: row)
        let sheetRow = body.place([])
        let keyValue = row.values[keyField].displayText
        if let existing = keys[keyValue] {
            guard existing.rows.upperBound + 1 == sheetRow else {
                throw DataError(file: bound.file, line: row.line, message: "rows with \(key) '\(keyValue)' are not together on sheet '\(bound.sheet.name)' (its group_by splits them), so formulas cannot refer to them as one range")
            }
            keys[keyValue]?.rows = existing.rows.lowerBound...sheetRow
        } else {
            keys[keyValue] = RelatedRowIndex.KeyRows(rows: sheetRow...sheetRow, ordinal: keys.count)
            for position in fields.indices { fields[position].found.starts.append(fields[position].found.numbers.count) }
        }
        for position in fields.indices {
            // Converted as the cell's value is (ExcelValue), so these are the numbers formulas read.
            if case .number(let number) = ExcelValue(row.values[fields[position].index]) { try fields[position].found.numbers.append(number) }
        }
    }
}
