import AppendixData
import AppendixDefinition
import AppendixExpression

extension SummaryBuilder {
    /// The year-to-date total (the latest period's financial year, up to it) and the change on
    /// the previous period, in numbers and %: the last three cells of a label's row.
    func yearToDateAndChange(row: Int, values: [Int: ExcelValue]) -> [CellContent] {
        var contents: [CellContent] = []
        if let first = yearColumns.first, let last = yearColumns.last {
            let range = RangeReference(sheet: nil, firstRow: row, lastRow: row, firstColumn: first, lastColumn: last)
            let formula = Formula.function(.sum, [.range(range, (first...last).map { values[$0] ?? .blank })])
            contents.append(CellContent.of(formula, formula.evaluate()))
        } else {
            contents.append(.blank)  // no period has data, so there is no label row to fill
        }
        let previous = latest.flatMap { latest in periods.last { $0 < latest } }
        guard let latestColumn = latest.flatMap(periodColumn), let previousColumn = previous.flatMap(periodColumn) else {
            return contents + [.text("N/A"), .text("N/A")]
        }
        let context = PeriodColumnsContext(row: row, latest: latestColumn, previous: previousColumn, values: values)
        let change = ColumnExpression.binary(.subtract, .field(PeriodColumnsContext.latestName), .field(PeriodColumnsContext.previousName))
        for expression in [change, .binary(.divide, change, .field(PeriodColumnsContext.previousName))] {
            let formula = FormulaCompiler(missingText: "N/A").compile(expression, in: context)
            contents.append(CellContent.of(formula, formula.evaluate()))
        }
        return contents
    }

    /// The summary column of `period`, one of ``periods``.
    private func periodColumn(_ period: Period) -> Int? {
        periods.firstIndex(of: period).map { $0 + columns.firstPeriod }
    }

    /// The period columns of the latest period's financial year, up to it.
    var yearColumns: [Int] {
        guard let latest else { return [] }
        return periods.indices.filter { periods[$0].financialYear == latest.financialYear && periods[$0] <= latest }.map { $0 + columns.firstPeriod }
    }
}

/// `latest` and `previous` as cells of a summary row, the only names the change formulas
/// read; a period without data reads as blank.
private struct PeriodColumnsContext: FormulaContext {
    static let latestName = "latest", previousName = "previous"
    let row: Int
    let latest: Int
    let previous: Int
    let values: [Int: ExcelValue]

    func cell(for id: String) -> (CellReference, ExcelValue) {
        let column = id == Self.latestName ? latest : previous
        return (CellReference(row: row, column: column), values[column] ?? .blank)
    }

    func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        preconditionFailure("summary formulas use no column ranges")
    }

    func related(source: String, field: String) -> (RangeReference, [ExcelValue])? { nil }
}
