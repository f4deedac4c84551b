import AppendixData

/// Excel's limits on one formula, checked on the definition before anything is built.
package enum FormulaLimits {
    /// Characters in a formula (without the leading `=`).
    package static let characters = 8_192
    /// Functions nested inside one another.
    package static let functionNesting = 64

    /// A formula over one of the limits: which, and the message saying so.
    package struct Breach: Sendable, Equatable {
        package let limit: ExcelLimit
        package let message: String

        package init(limit: ExcelLimit, message: String) {
            self.limit = limit
            self.message = message
        }
    }

    /// Which of Excel's limits `formula` breaks, or `nil` when it fits.
    package static func problem(with formula: Formula) -> Breach? {
        let length = formula.text.utf16.count
        if length > characters {
            return Breach(limit: .formulaCharacters(found: length, maximum: characters),
                          message: "the formula Excel would get is \(length.groupedDigits) characters long; Excel allows at most \(characters.groupedDigits) (split the expression over several columns)")
        }
        let depth = formula.functionNesting
        if depth > functionNesting {
            return Breach(limit: .formulaNesting(found: depth, maximum: functionNesting),
                          message: "the formula Excel would get nests functions \(depth) deep; Excel allows at most \(functionNesting) levels (split the expression over several columns)")
        }
        return nil
    }
}

extension Formula {
    /// Levels of functions inside one another (`IF(COUNT(A1)<1,…)` is 2).
    var functionNesting: Int {
        switch self {
        case .number, .string, .cell, .range: return 0
        case .negate(let operand): return operand.functionNesting
        case .binary(_, let left, let right): return Swift.max(left.functionNesting, right.functionNesting)
        case .function(_, let arguments): return 1 + (arguments.map(\.functionNesting).max() ?? 0)
        }
    }
}

extension Int {
    /// The number with commas between thousands: `8,192`.
    package var groupedDigits: String {
        let digits = String(Swift.abs(self))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (self < 0 ? "-" : "") + grouped
    }
}

extension ColumnExpression {
    /// Where ``shortestFormulaLength`` stops counting.
    package static let lengthCeiling = 100_000

    /// A lower bound on the length of the compiled formula (at most ``lengthCeiling``): every
    /// value and operator is written at least once, and `rag`/`dot` write theirs several times.
    package var shortestFormulaLength: Int {
        func sum(_ parts: [Int]) -> Int { parts.reduce(0) { Swift.min($0 + $1, Self.lengthCeiling) } }
        func times(_ count: Int, _ length: Int) -> Int { Swift.min(count * length, Self.lengthCeiling) }
        switch self {
        case .number: return 1
        case .field, .related: return 2
        case .string(let text): return 2 + text.utf16.count
        case .columnRange: return 5
        case .negate(let operand): return sum([1, operand.shortestFormulaLength])
        case .binary(let op, let left, let right):
            return sum([left.shortestFormulaLength, op.rawValue.count, right.shortestFormulaLength])
        case .call(let function, let arguments):
            let lengths = arguments.map(\.shortestFormulaLength)
            guard let excel = function.excelFunction else {
                // `rag`, `dot` and `days` have no Excel function: they write their expansion.
                if function == .days { return sum(lengths + [1]) }
                if function == .rag { return sum([times(4, lengths[0]), times(6, lengths[1]), times(2, lengths[2])]) }
                return sum([times(4, lengths[0]), times(5, lengths[1]), times(2, lengths[2])])
            }
            return sum([excel.name.count + 1 + arguments.count] + lengths)
        }
    }
}

extension FormulaLimits {
    /// The end of an overflow message: what Excel can hold.
    static let largestNumber = "Excel's numbers go up to about 1.8E+308"

    /// The message for a row whose result of `expression` (as written) does not fit a cell.
    package static func resultTooLarge(_ expression: String, sheet: String) -> String {
        "the result of '\(ExpressionError.quoted(expression))' is too large for Excel (sheet '\(sheet)'; \(largestNumber))"
    }

    /// The message for a total row whose value does not fit a cell.
    package static func totalTooLarge(_ label: String, sheet: String) -> String {
        "the '\(label)' row of sheet '\(sheet)' adds up to more than Excel can hold (\(largestNumber))"
    }
}

extension Formula {
    /// Whether `result`, this formula's value (with this sheet's cells from `row`), comes from
    /// a number too large for Excel: `#NUM!` itself, or the missing text that the top-level
    /// `IFERROR` put in its place. Evaluates again only in that second, rare case.
    package func overflowed(_ result: ExcelValue, in row: [ExcelValue]? = nil) -> Bool {
        if case .error(.number) = result { return true }
        guard case .text(let text) = result, case .function(.iferror, let parts) = self,
              parts.count == 2, parts[1] == .string(text) else { return false }
        if case .error(.number) = parts[0].evaluate(in: row) { return true }
        return false
    }
}
