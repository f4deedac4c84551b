import AppendixData
import AppendixDefinition
import AppendixExpression

/// What a build does when a check fails.
public enum CheckMode: Sendable {
    /// Stop: nothing is written (``CheckFailures``).
    case enforce
    /// Write the workbook anyway, with a Checks sheet listing every check, and warn.
    case warnOnly
}

/// A workbook's checks, from before the first sheet to after the last: the control values and
/// reference keys read first, a ``SheetCheckTally`` per checked sheet while it is laid out,
/// and each check's ``CheckOutcome`` at the end.
struct WorkbookChecks {
    let definition: ReportDefinition
    private let values: [SourceField: Double]
    private var keys: [String: ReferenceKeys]
    /// Each checked sheet's tally once laid out, by the definition's sheet index.
    private var tallies: [Int: SheetCheckTally] = [:]

    init(definition: ReportDefinition, passes: @escaping (SourceDefinition) -> RowPasses) throws {
        self.definition = definition
        let sources = ControlSources(passes: passes, definition: definition)
        values = try sources.values()
        keys = try sources.referenceKeys()
    }

    /// A new tally for the sheet called `name`, when a check reads it.
    func tally(forSheet name: String) -> SheetCheckTally? {
        guard let index = definition.sheets.firstIndex(where: { $0.name == name }) else { return nil }
        let checks = definition.checks.filter { $0.sheetIndex == index }
        guard !checks.isEmpty else { return nil }
        return SheetCheckTally(checks: checks, keys: keys.filter { name, _ in checks.contains { $0.name == name } })
    }

    /// Keeps a laid-out sheet's tally.
    mutating func keep(_ tally: SheetCheckTally?, forSheet name: String) {
        guard let tally, let index = definition.sheets.firstIndex(where: { $0.name == name }) else { return }
        tallies[index] = tally
    }

    /// Every check's outcome, in definition order.
    func outcomes() -> [CheckOutcome] {
        definition.checks.map { check in
            let progress = tallies[check.sheetIndex]?.progress.first { $0.check.name == check.name }
            var outcome = CheckOutcome(name: check.name, sheet: definition.sheets[check.sheetIndex].name, passed: true, expected: "", found: "", location: check.location)
            let tally = tallies[check.sheetIndex]
            switch check.rule {
            case .expect: judge(check, columns: tally?.columns ?? [:], into: &outcome)
            case .each: judgeRows(check, progress: progress, rows: tally?.rows ?? 0, into: &outcome)
            case .keysIn: judgeKeys(check, progress: progress, into: &outcome)
            }
            return outcome
        }
    }

    private func judge(_ check: CheckDefinition, columns: [String: ColumnAggregates], into outcome: inout CheckOutcome) {
        guard let expectation = check.expectation else { return }
        let left = expectation.left.value(columns: columns, sources: values), right = expectation.right.value(columns: columns, sources: values)
        let within = check.tolerance.map { " (within \(ExcelNumberText.general($0)))" } ?? ""
        outcome.expected = "\(expectation.left.text) \(expectation.comparison.rawValue) \(expectation.right.text)\(within)"
        let sides = [(expectation.left, left), (expectation.right, right)].filter { if case .number = $0.0 { return false } else { return true } }
        outcome.found = sides.map { figure, value in "\(figure.text) is \(value.map(ExcelNumberText.general) ?? "missing (no numbers)")" }.joined(separator: " and ")
        guard let left, let right else { return outcome.passed = false }
        outcome.passed = expectation.comparison.holds(left, right, tolerance: check.tolerance)
    }

    private func judgeRows(_ check: CheckDefinition, progress: SheetCheckTally.Progress?, rows: Int, into outcome: inout CheckOutcome) {
        let broken = progress?.brokenCount ?? 0
        outcome.passed = broken == 0
        outcome.expected = "every row to meet \(check.text)"
        outcome.found = broken == 0 ? "all \(rows) rows do" : "\(broken) of \(rows) rows do not"
        outcome.rows = progress?.brokenRows ?? []
        outcome.rowCount = broken
    }

    private func judgeKeys(_ check: CheckDefinition, progress: SheetCheckTally.Progress?, into outcome: inout CheckOutcome) {
        guard let reference = check.reference, let keys = progress?.unseenKeys ?? self.keys[check.name] else { return }
        let missing = keys.unseen.sorted { $0.value < $1.value }
        outcome.passed = missing.isEmpty
        outcome.expected = "every \(reference) (\(keys.total) keys) in column '\(check.column ?? reference.field)'"
        outcome.found = missing.isEmpty ? "all \(keys.total) keys" : "\(missing.count) of \(keys.total) keys missing"
        outcome.rows = missing.prefix(CheckOutcome.rowsListed).map { CheckRow(file: keys.file, line: $0.value, key: $0.key) }
        outcome.rowCount = missing.count
    }
}

extension BinaryOperator {
    /// Whether `left op right` holds, numbers compared as spreadsheets compare them; with a
    /// `tolerance`, `=` means at most that far apart (and `<>` further).
    func holds(_ left: Double, _ right: Double, tolerance: Double?) -> Bool {
        let equal = tolerance.map { Swift.abs(left - right) <= $0 } ?? SpreadsheetMath.approximatelyEqual(left, right)
        switch self {
        case .equal: return equal
        case .notEqual: return !equal
        case .less: return left < right && !equal
        case .lessOrEqual: return left < right || equal
        case .greater: return left > right && !equal
        case .greaterOrEqual: return left > right || equal
        default: return false
        }
    }
}

extension CheckFigure {
    /// The figure worked out; `nil` when a part has no value (the smallest of no numbers, a
    /// division by zero).
    func value(columns: [String: ColumnAggregates], sources: [SourceField: Double]) -> Double? {
        switch self {
        case .number(let number): return number
        case .aggregate(let aggregate, let column): return columns[column]?.value(aggregate)
        case .sourceValue(let source, let field): return sources[SourceField(source: source, field: field)]
        case .negate(let operand): return operand.value(columns: columns, sources: sources).map { -$0 }
        case .binary(let op, let left, let right):
            guard let a = left.value(columns: columns, sources: sources), let b = right.value(columns: columns, sources: sources) else { return nil }
            switch op {
            case .add: return SpreadsheetMath.add(a, b)
            case .subtract: return SpreadsheetMath.subtract(a, b)
            case .multiply: return a * b
            case .divide: return b == 0 ? nil : a / b
            default: return nil
            }
        }
    }

    /// The figure as written (brackets around inner sums).
    var text: String {
        switch self {
        case .number(let number): return ExcelNumberText.general(number)
        case .aggregate(let aggregate, let column): return "\(aggregate.rawValue)(\(column))"
        case .sourceValue(let source, let field): return "\(source).\(field)"
        case .negate(let operand): return "-\(operand.bracketed)"
        case .binary(let op, let left, let right): return "\(left.bracketed) \(op.rawValue) \(right.bracketed)"
        }
    }

    private var bracketed: String {
        if case .binary = self { return "(\(text))" }
        return text
    }
}
