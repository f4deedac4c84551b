import AppendixData
import AppendixDefinition
import AppendixExpression

/// What one sheet's checks record as its data rows pass the layout, from the cells as the
/// workbook caches them: running aggregates of the columns `expect:` reads, the rows that break
/// an `each:` condition (the first ``CheckOutcome/rowsListed`` of them, and a count), and which
/// keys of a `keys_in:` reference the sheet has shown. Memory: a few numbers per aggregated
/// column, at most ten rows per condition, and the reference's keys not yet seen.
package struct SheetCheckTally {
    /// One check's running state.
    struct Progress {
        let check: CheckDefinition
        /// `each:` tests, compiled over the row's cells.
        var tests: [Formula] = []
        /// `keys_in:`: the sheet column holding the keys, and the reference keys not yet seen.
        var keyColumn = 0
        var unseenKeys: ReferenceKeys?
        var brokenRows: [CheckRow] = []
        var brokenCount = 0
    }

    private(set) var progress: [Progress]
    /// Running aggregates by column id, and where each of those columns is.
    private(set) var columns: [String: ColumnAggregates] = [:]
    private var columnIndex: [String: Int] = [:]
    private(set) var rows = 0
    private(set) var file = ""
    private var bound = false

    /// The `checks` of one sheet; `keys` holds each `keys_in:` reference's keys, by check name.
    init(checks: [CheckDefinition], keys: [String: ReferenceKeys]) {
        progress = checks.map { Progress(check: $0, unseenKeys: keys[$0.name]) }
    }

    /// Compiles the checks against the sheet bound to its CSV (once, before the first row).
    mutating func bind(_ sheet: BoundSheet) {
        guard !bound else { return }
        bound = true
        file = sheet.file
        let context = TemplateRowContext(columns: sheet.positions, row: sheet.firstBodyRow)
        for index in progress.indices {
            let check = progress[index].check
            for id in check.expectation?.columns ?? [] {
                columnIndex[id] = sheet.positions.index(of: id)
                columns[id] = ColumnAggregates()
            }
            progress[index].tests = (check.condition?.tests ?? []).map { FormulaCompiler().compile($0, in: context) }
            if let column = check.column, check.rule == .keysIn { progress[index].keyColumn = sheet.positions.index(of: column) }
        }
    }

    /// Records one data row's cells (CSV line `line`).
    mutating func record(line: Int, contents: [CellContent]) {
        rows += 1
        for (id, column) in columnIndex { columns[id]?.add(contents[column]) }
        for index in progress.indices {
            switch progress[index].check.rule {
            case .each: recordCondition(index, line: line, contents: contents)
            case .keysIn:
                let column = progress[index].keyColumn
                progress[index].unseenKeys?.see(contents[column])
            case .expect: break
            }
        }
    }

    private mutating func recordCondition(_ index: Int, line: Int, contents: [CellContent]) {
        guard let condition = progress[index].check.condition else { return }
        let values = contents.map(ExcelValue.cached)
        var results = progress[index].tests.map { $0.evaluate(in: values) }.makeIterator()
        guard condition.holds(results: &results) != true else { return }
        progress[index].brokenCount += 1
        if progress[index].brokenRows.count < CheckOutcome.rowsListed { progress[index].brokenRows.append(CheckRow(file: file, line: line)) }
    }
}

extension CheckCondition {
    /// TRUE, FALSE or unknown (`nil`, a missing input), taking each test's result from `results`
    /// in ``tests`` order.
    func holds(results: inout IndexingIterator<[ExcelValue]>) -> Bool? {
        switch self {
        case .test:
            switch results.next() {
            case .bool(let value): return value
            case .number(let number): return number != 0
            default: return nil
            }
        case .and(let left, let right):
            let (a, b) = (left.holds(results: &results), right.holds(results: &results))
            if a == false || b == false { return false }
            return a == true && b == true ? true : nil
        case .or(let left, let right):
            let (a, b) = (left.holds(results: &results), right.holds(results: &results))
            if a == true || b == true { return true }
            return a == false && b == false ? false : nil
        case .not(let operand):
            return operand.holds(results: &results).map { !$0 }
        }
    }
}

extension ExcelValue {
    /// The value a cell holds as the workbook caches it (a formula's cached result).
    static func cached(_ content: CellContent) -> ExcelValue {
        switch content {
        case .number(let number), .formula(_, .number(let number)): return .number(ExcelNumberText.stored(number))
        case .text(let text), .formula(_, .text(let text)): return text.isEmpty ? .blank : .text(text)
        case .rich(let rich): return rich.plainText.isEmpty ? .blank : .text(rich.plainText)
        case .link(let link): return .text(link.text)
        case .blank: return .blank
        }
    }
}

/// The running sum, count, smallest and largest of one column's cells.
struct ColumnAggregates {
    private(set) var sum = NeumaierSum()
    /// Cells that are not blank (numbers and text).
    private(set) var filled = 0
    private(set) var numbers = 0
    private(set) var smallest = Double.infinity
    private(set) var largest = -Double.infinity

    mutating func add(_ content: CellContent) {
        switch ExcelValue.cached(content) {
        case .number(let number):
            filled += 1
            numbers += 1
            sum.add(number)
            smallest = Swift.min(smallest, number)
            largest = Swift.max(largest, number)
        case .blank: break
        default: filled += 1
        }
    }

    /// The aggregate's value; `nil` for the smallest, largest or mean of no numbers.
    func value(_ aggregate: CheckAggregate) -> Double? {
        switch aggregate {
        case .sum: return sum.total
        case .count: return Double(filled)
        case .min: return numbers > 0 ? smallest : nil
        case .max: return numbers > 0 ? largest : nil
        case .avg: return numbers > 0 ? sum.total / Double(numbers) : nil
        }
    }
}
