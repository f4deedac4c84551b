import AppendixData
import AppendixDefinition
import AppendixExpression

/// A summary's row labels, each kept once, in order of first appearance over its period sheets
/// (laid out in date order): the one place a label's text is held. The period sheets' facts
/// refer to labels by id, so what a summary keeps grows with its labels, not with its rows.
package final class SummaryLabels {
    package private(set) var texts: [String] = []
    private var ids: [String: Int32] = [:]
    /// The most characters in one label (the label column's width).
    package private(set) var longest = 0

    package init() {}

    package var count: Int { texts.count }

    /// The id of `label`, added when new.
    func id(of label: String) -> Int32 {
        if let id = ids[label] { return id }
        // Labels come from data rows: at most 1,048,576 per sheet, far below Int32.max over any number of periods Excel can hold.
        let id = Int32(texts.count)
        texts.append(label)
        ids[label] = id
        longest = max(longest, label.count)
        return id
    }
}

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
/// out, in 16 bytes a row: the label's id (``SummaryLabels``), the sheet row and the value
/// (a value that is not a number, rarely, is kept by row beside them).
package struct PeriodSheetFacts {
    package struct Cell: Sendable {
        package var label: Int32
        package var row: Int32
        /// The value, when it is a number (else it is in ``others``).
        package var number: Double
    }

    let recording: SummaryRecording
    package let name: String
    /// The CSV file, for messages.
    package let file: String
    /// Each data row with a text label; sorted by label by ``finish()``.
    package private(set) var cells: [Cell] = []
    /// The values that are not numbers (text, blank), by sheet row.
    private var others: [Int32: ExcelValue] = [:]
    /// Each label's first CSV line, while recording and duplicates are refused.
    private var firstLines: [Int32: Int] = [:]

    init(recording: SummaryRecording, name: String, file: String) {
        self.recording = recording
        self.name = name
        self.file = file
    }

    /// Records one data row's cells; a row whose label is not text has no summary row.
    /// - Throws: ``DataError`` naming both CSV lines when the label already has a row in this
    ///   period, unless the summary says `duplicates: sum`.
    package mutating func record(row: Int, line: Int, contents: [CellContent]) throws {
        guard case .text(let label) = contents[recording.labelColumn] else { return }
        let id = recording.labels.id(of: label)
        if recording.summary.duplicates == .error {
            if let first = firstLines[id] { throw duplicateError(label, first: first, second: line) }
            firstLines[id] = line
        }
        // Sheet rows are below Excel's 1,048,576.
        let sheetRow = Int32(row)
        switch SummaryBuilder.value(contents[recording.valueColumn]) {
        case .number(let number):
            cells.append(Cell(label: id, row: sheetRow, number: number))
        case let other:
            cells.append(Cell(label: id, row: sheetRow, number: 0))
            others[sheetRow] = other
        }
    }

    /// Orders the cells by label (a label's rows stay in sheet order) for the summary, which
    /// reads labels in id order; drops what only recording needed.
    package mutating func finish() {
        cells.sort { $0.label != $1.label ? $0.label < $1.label : $0.row < $1.row }
        firstLines = [:]
    }

    /// The value of a recorded cell.
    package func value(of cell: Cell) -> ExcelValue {
        others[cell.row] ?? .number(cell.number)
    }

    private func duplicateError(_ label: String, first: Int, second: Int) -> DataError {
        let period = recording.period.label, summary = recording.summary.name
        return DataError(file: file, line: second, message: "summary '\(summary)' would show only one of two rows for '\(label)' in \(period) (\(file):\(first) and \(file):\(second)): remove one, or add 'duplicates: sum' to the summary to add them up")
    }
}
