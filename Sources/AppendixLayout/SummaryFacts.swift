import AppendixData
import AppendixDefinition
import AppendixExpression

/// What one period sheet records for its summary: the summary, its shared labels, the period,
/// and which of the sheet's columns hold the label and the value.
package struct SummaryRecording {
    package let summary: PeriodSummary
    package let labels: SummaryLabels
    package let period: Period
    package let labelColumn: Int
    package let valueColumn: Int

    /// Empty facts for the sheet `name` laid out from `file`.
    func facts(sheet name: String, file: String) -> PeriodSheetFacts {
        PeriodSheetFacts(recording: self, name: name, file: file)
    }
}

/// The label and value cells of one period sheet's data rows, recorded as the sheet is laid
/// out, in 16 bytes a row (``SummaryCell``: the label's id, the sheet row and the value; a
/// value that is not a number, rarely, is kept by row beside them). Once the sheet is done they
/// go to a ``SummaryCellStore`` (``stored(in:)``).
package struct PeriodSheetFacts {
    let recording: SummaryRecording
    package let name: String
    /// The CSV file, for messages.
    package let file: String
    /// Each data row with a text label, in sheet order.
    private var cells: [SummaryCell] = []
    /// The values that are not numbers (text, blank), by sheet row.
    private var others: [Int32: ExcelValue] = [:]
    /// Each label's first CSV line on this sheet, by label id (0: none yet), while duplicates
    /// are refused.
    private var firstLines: [Int] = []

    init(recording: SummaryRecording, name: String, file: String) {
        self.recording = recording
        self.name = name
        self.file = file
    }

    /// Records one data row's cells; a row whose label is not text has no summary row.
    /// - Throws: ``/AppendixData/DataError`` naming both CSV lines when the label already has a row in this
    ///   period, unless the summary says `duplicates: sum`.
    package mutating func record(row: Int, line: Int, contents: [CellContent]) throws {
        guard let label = contents[recording.labelColumn].shownText else { return }
        let id = recording.labels.id(of: label)
        if recording.summary.duplicates == .error {
            let index = Int(id)
            if index >= firstLines.count { firstLines += [Int](repeating: 0, count: index + 1 - firstLines.count) }
            if firstLines[index] > 0 { throw duplicateError(label, first: firstLines[index], second: line) }
            firstLines[index] = line
        }
        // Sheet rows are below Excel's 1,048,576.
        let sheetRow = Int32(row)
        switch SummaryBuilder.value(contents[recording.valueColumn]) {
        case .number(let number):
            cells.append(SummaryCell(label: id, row: sheetRow, number: number))
        case let other:
            cells.append(SummaryCell(label: id, row: sheetRow, number: 0))
            others[sheetRow] = other
        }
    }

    /// The cells sorted by label (a label's rows stay in sheet order, as the summary reads
    /// labels in id order) and kept in `store`.
    consuming func stored(in store: SummaryCellStore) throws -> PeriodSheetCells {
        firstLines = []
        cells.sort { $0.label != $1.label ? $0.label < $1.label : $0.row < $1.row }
        return PeriodSheetCells(name: name, file: file, period: recording.period, valueColumn: recording.valueColumn,
                                stored: try store.keep(cells), others: others)
    }

    private func duplicateError(_ label: String, first: Int, second: Int) -> DataError {
        let period = recording.period.label, summary = recording.summary.name
        return DataError(file: file, line: second, message: "summary '\(summary)' would show only one of two rows for '\(label)' in \(period) (\(file):\(first) and \(file):\(second)): remove one, or add 'duplicates: sum' to the summary to add them up")
    }
}

/// A laid-out period sheet's summary cells, sorted by label and kept in a ``SummaryCellStore``.
package struct PeriodSheetCells {
    package let name: String
    /// The CSV file the sheet's rows came from, for messages.
    package let file: String
    package let period: Period
    package let valueColumn: Int
    let stored: SummaryCellStore.Stored
    /// The values that are not numbers (text, blank), by sheet row.
    let others: [Int32: ExcelValue]

    /// The value of a stored cell.
    func value(of cell: SummaryCell) -> ExcelValue {
        others[cell.row] ?? .number(cell.number)
    }
}
