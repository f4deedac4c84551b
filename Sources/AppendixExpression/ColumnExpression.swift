import AppendixData

/// A computed-column expression, as written in a report definition.
///
/// The language: numbers (`12`, `0.5`, `10%`), strings in double quotes, column ids
/// (`recommended`), related-source fields inside aggregates (`min(comparators.fee)`), the
/// operators `+ - * /` (also `−`, `×`, `÷`), `&` (join text), comparisons `= <> < <= > >=`,
/// parentheses and the functions in ``ExpressionFunction``.
package indirect enum ColumnExpression: Sendable, Equatable {
    case number(Double)
    case string(String)
    /// A column of the same sheet, by id.
    case field(String)
    /// A field of another source whose rows relate to this row by key, e.g. `comparators.fee`.
    case related(source: String, field: String)
    /// The columns from `first` to `last` of this row, e.g. `savings_2019_20:savings_2023_24`;
    /// only inside aggregates.
    case columnRange(String, String)
    case negate(ColumnExpression)
    case binary(BinaryOperator, ColumnExpression, ColumnExpression)
    case call(ExpressionFunction, [ColumnExpression])

    /// Parses `text`.
    /// - Throws: ``ExpressionError`` with the offset of the problem.
    package static func parse(_ text: String) throws -> ColumnExpression {
        var parser = ExpressionParser(text)
        return try parser.parseAll()
    }

    /// Every column id the expression names, in order of first use (range ends included).
    package var fields: [String] {
        var names: [String] = []
        visit {
            switch $0 {
            case .field(let name) where !names.contains(name): names.append(name)
            case .columnRange(let first, let last):
                for name in [first, last] where !names.contains(name) { names.append(name) }
            default: break
            }
        }
        return names
    }

    /// The `first:last` column ranges the expression reads.
    package var columnRanges: [(String, String)] {
        var ranges: [(String, String)] = []
        visit { if case .columnRange(let first, let last) = $0 { ranges.append((first, last)) } }
        return ranges
    }

    /// Every `source.field` pair the expression reads.
    package var relatedFields: [(source: String, field: String)] {
        var pairs: [(String, String)] = []
        visit { if case .related(let source, let field) = $0 { pairs.append((source, field)) } }
        return pairs
    }

    /// Whether the expression's result is TRUE/FALSE rather than a number or text.
    package var isLogical: Bool {
        switch self {
        case .binary(let op, _, _): return op.isComparison
        case .call(.isnumber, _): return true
        default: return false
        }
    }

    /// Calls `body` for this node and every node below it, depth first.
    package func visit(_ body: (ColumnExpression) -> Void) {
        body(self)
        switch self {
        case .number, .string, .field, .related, .columnRange: break
        case .negate(let operand): operand.visit(body)
        case .binary(_, let left, let right): left.visit(body); right.visit(body)
        case .call(_, let arguments): arguments.forEach { $0.visit(body) }
        }
    }
}

/// The binary operators of the expression language, with their Excel spelling.
package enum BinaryOperator: String, Sendable, Equatable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", concatenate = "&"
    case equal = "=", notEqual = "<>", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    /// Binding strength: higher binds tighter (as in Excel).
    var precedence: Int {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return 1
        case .concatenate: return 2
        case .add, .subtract: return 3
        case .multiply, .divide: return 4
        }
    }

    var isComparison: Bool { precedence == 1 }
}

/// The functions of the expression language.
package enum ExpressionFunction: String, Sendable, CaseIterable {
    /// Smallest / largest / total / mean of numbers; text and blanks in columns are ignored.
    case min, max, sum, avg
    /// `if(condition, then, else)`.
    case `if`
    /// `round(x, digits)`: half away from zero, as Excel.
    case round
    case abs
    /// `isnumber(x)`: whether a column holds a number in this row.
    case isnumber
    /// `text(x, "0.00")`: a number as text under a number format (see ``TextFormat``).
    case text
    /// `iferror(x, fallback)`.
    case iferror
    /// `rag(result, target, polarity)`: "GREEN" on target, "AMBER" up to 9.9% off, "RED" 10%
    /// or more off; polarity "Smaller is Better" reverses the direction (anything else is
    /// bigger-is-better).
    case rag
    /// `dot(current, previous, polarity)`: direction of travel, "↑ I" improving, "↓ W"
    /// worsening or "→ S" same, then the signed % change: "↓ W +5.3%".
    case dot
    /// `year(d)`, `month(d)`, `day(d)`: the year, month (1–12) or day of a date.
    case year, month, day
    /// `days(end, start)`: the days from `start` to `end` (`end - start`; negative when `end`
    /// is earlier).
    case days

    /// The Excel function the language function compiles to; `nil` for `rag` and `dot`, which
    /// expand to other expressions first (``expansion(_:)``).
    var excelFunction: ExcelFunction? {
        switch self {
        case .min: return .min
        case .max: return .max
        case .sum: return .sum
        case .avg: return .average
        case .if: return .if
        case .round: return .round
        case .abs: return .abs
        case .isnumber: return .isnumber
        case .text: return .text
        case .iferror: return .iferror
        case .year: return .year
        case .month: return .month
        case .day: return .day
        case .rag, .dot, .days: return nil
        }
    }

    /// Allowed argument counts.
    var arity: ClosedRange<Int> {
        switch self {
        case .min, .max, .sum, .avg: return 1...255
        case .if: return 3...3
        case .round: return 1...2
        case .abs, .isnumber, .year, .month, .day: return 1...1
        case .days: return 2...2
        case .text, .iferror: return 2...2
        case .rag, .dot: return 3...3
        }
    }

    package var isAggregate: Bool { [.min, .max, .sum, .avg].contains(self) }

    /// The expression a macro function stands for, in the language's own terms.
    package func expansion(_ arguments: [ColumnExpression]) -> ColumnExpression? {
        if self == .days { return .binary(.subtract, arguments[0], arguments[1]) }
        guard self == .rag || self == .dot else { return nil }
        let smaller = ColumnExpression.binary(.equal, arguments[2], .string("Smaller is Better"))
        switch self {
        case .rag:
            let (result, target) = (arguments[0], arguments[1])
            func offBy(_ a: ColumnExpression, _ b: ColumnExpression) -> ColumnExpression {
                .binary(.less, .binary(.divide, .binary(.subtract, a, b), target), .number(0.1))
            }
            let smallerIsBetter = ColumnExpression.call(.if, [.binary(.lessOrEqual, result, target), .string("GREEN"),
                                                         .call(.if, [offBy(result, target), .string("AMBER"), .string("RED")])])
            let biggerIsBetter = ColumnExpression.call(.if, [.binary(.greaterOrEqual, result, target), .string("GREEN"),
                                                        .call(.if, [offBy(target, result), .string("AMBER"), .string("RED")])])
            return .call(.if, [smaller, smallerIsBetter, biggerIsBetter])
        case .dot:
            let (current, previous) = (arguments[0], arguments[1])
            let improving = ColumnExpression.call(.if, [smaller, .binary(.less, current, previous), .binary(.greater, current, previous)])
            let status = ColumnExpression.call(.if, [.binary(.equal, current, previous), .string("→ S"),
                                               .call(.if, [improving, .string("↑ I"), .string("↓ W")])])
            let change = ColumnExpression.call(.text, [.binary(.divide, .binary(.subtract, current, previous), previous), .string("+0.0%;-0.0%;0.0%")])
            return .binary(.concatenate, .binary(.concatenate, status, .string(" ")), change)
        default:
            return nil
        }
    }
}

/// A syntax error in an expression, at a character offset.
package struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 0-based character offset into the expression text.
    package var offset: Int
    package var message: String
    /// The limit the expression goes over, when that is the problem.
    package var limit: ExcelLimit? = nil

    package var description: String { "\(message) (at character \(offset + 1))" }

    /// `text` for quoting in a one-line message: up to 60 characters, then `…`.
    package static func quoted(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(60)) + "…"
    }
}
