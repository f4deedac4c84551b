import AppendixData
import AppendixDefinition
import Foundation

/// A per-period sheet's source split by the period in its `per_period` field, in one pass over
/// every row (before the sheet's filter): the periods found, and each one's rows. Rows already
/// in memory are split into one table per period; streamed rows go to one partition per period
/// of a ``PartitionedSpill`` beside the output, so they are never held.
package struct PeriodSplit {
    /// The periods with rows and their rows, in date order.
    package let present: [PeriodPart]
    /// Every period from the first to the last (gaps filled when all are of one kind, months or
    /// quarters), for the summary's columns.
    package let all: [Period]

    /// One period with rows and its rows.
    package struct PeriodPart {
        package let period: Period
        package let rows: PeriodRows
    }

    /// The rows of one period: a table in memory, or passes over its spilled partition.
    package enum PeriodRows {
        case table(DataTable)
        case spilled(SpilledPeriodRows)
    }

    /// Splits a table held in memory.
    package init(_ table: DataTable, sheet: SheetDefinition, field: String) throws {
        var byPeriod: [Period: [DataRow]] = [:]
        let header = try Self.read(table, sheet: sheet, field: field) { row, period in byPeriod[period, default: []].append(row) }
        self.init(rows: byPeriod.mapValues { .table(DataTable(file: header.file, header: header.names, rows: $0)) })
    }

    /// Splits streamed rows into a spill file in `folder` (deleted when the last period's rows
    /// are released, when the split fails, and on SIGINT/SIGTERM).
    package init(streaming source: RowPasses, sheet: SheetDefinition, field: String, folder: URL, writeCall: @escaping WriteCall) throws {
        let spill = PartitionedSpill(folder: folder, writeCall: writeCall)
        var partitions: [Period: Int] = [:]
        let header = try Self.read(source, sheet: sheet, field: field) { row, period in
            let partition = try partitions[period] ?? spill.addPartition()
            partitions[period] = partition
            try spill.append(row, to: partition)
        }
        try spill.finishWriting()
        self.init(rows: partitions.mapValues { .spilled(SpilledPeriodRows(spill: spill, partition: $0, header: header)) })
    }

    private init(rows: [Period: PeriodRows]) {
        present = rows.map { PeriodPart(period: $0.key, rows: $0.value) }.sorted { $0.period < $1.period }
        var all: [Period] = []
        if var period = present.first?.period, let last = present.last?.period, present.allSatisfy({ $0.period.kind == period.kind }) {
            while period <= last { all.append(period); period = period.next }
        } else {
            all = present.map(\.period)
        }
        self.all = all
    }

    /// Reads every row once, handing `add` each with its period.
    /// - Throws: ``/AppendixData/DataError`` naming the row when the field holds no period.
    private static func read(_ source: RowPasses, sheet: SheetDefinition, field: String,
                             add: (DataRow, Period) throws -> Void) throws -> SplitHeader {
        var header = SplitHeader(names: [], file: "")
        var fieldIndex = 0
        try source.pass(header: { names, file in
            header = SplitHeader(names: names, file: file)
            let place = "\(sheet.location.path).per_period at \(sheet.location.file):\(sheet.location.line)"
            fieldIndex = try FieldBinding.index(of: field, in: names, file: file, neededBy: place)
        }, row: { row in
            let text = row.values[fieldIndex].displayText
            guard let period = Period(text) else {
                throw DataError(file: header.file, line: row.line, column: field,
                                message: "expected a period such as 2018-10, Oct 2018 or Q2 2018/19, found '\(text)'", value: text)
            }
            try add(row, period)
        })
        return header
    }
}

/// The header of split rows: the field names and the file name for messages.
package struct SplitHeader: Sendable {
    package var names: [String]
    package var file: String
}

/// One period's rows in a ``PartitionedSpill``, read back as often as the sheet needs.
package struct SpilledPeriodRows: RowPasses {
    let spill: PartitionedSpill
    let partition: Int
    let header: SplitHeader

    package func pass(header: (_ names: [String], _ file: String) throws -> Void, row: (DataRow) throws -> Void) throws {
        try header(self.header.names, self.header.file)
        try spill.read(partition, row)
    }
}
