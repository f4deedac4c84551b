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
        let context = PeriodColumnsContext(row: row, columns: [
            "latest": latest.flatMap { periods.firstIndex(of: $0) }.map { $0 + columns.firstPeriod },
            "previous": previous.flatMap { periods.firstIndex(of: $0) }.map { $0 + columns.firstPeriod },
        ], values: values)
        let comparable = context.columns.values.allSatisfy { $0 != nil }
        let change = ColumnExpression.binary(.subtract, .field("latest"), .field("previous"))
        for expression in [change, .binary(.divide, change, .field("previous"))] {
            guard comparable else {
                contents.append(.text("N/A"))
                continue
            }
            let formula = FormulaCompiler(missingText: "N/A").compile(expression, in: context)
            contents.append(CellContent.of(formula, formula.evaluate()))
        }
        return contents
    }

    /// The period columns of the latest period's financial year, up to it.
    var yearColumns: [Int] {
        guard let latest else { return [] }
        return periods.indices.filter { periods[$0].financialYear == latest.financialYear && periods[$0] <= latest }.map { $0 + columns.firstPeriod }
    }
}

/// `latest` and `previous` as cells of a summary row; a missing period reads as blank.
private struct PeriodColumnsContext: FormulaContext {
    package let row: Int
    package let columns: [String: Int?]
    package let values: [Int: ExcelValue]

    package func cell(for id: String) -> (CellReference, ExcelValue) {
        // swift-format-ignore: NeverForceUnwrap
        let column = (columns[id] ?? nil)!
        return (CellReference(row: row, column: column), values[column] ?? .blank)
    }

    package func cells(from first: String, to last: String) -> (RangeReference, [ExcelValue]) {
        preconditionFailure("summary formulas use no column ranges")
    }

    package func related(source: String, field: String) -> (RangeReference, [ExcelValue])? { nil }
}
