/// The language of a definition's `checks:` (control totals). It is never written to a
/// workbook: `appendix` works checks out as the rows are laid out, so the words it adds to the
/// expression language (`and`, `or`, `not`, `count`, whole-column aggregates) exist only here.

/// An `each:` condition: comparisons of the expression language joined by `and`, `or` and `not`.
/// A row holds when the whole is TRUE; a comparison with a missing input (`N/A`, text where a
/// number is needed) is neither TRUE nor FALSE, so `and` and `or` follow three-valued logic:
/// `x and y` is TRUE only when both are, `x or y` when either is, `not x` when `x` is FALSE.
package indirect enum CheckCondition: Sendable, Equatable {
    /// An expression of the language over the row's column ids: TRUE, or a number other than 0.
    case test(ColumnExpression)
    case and(CheckCondition, CheckCondition)
    case or(CheckCondition, CheckCondition)
    case not(CheckCondition)

    /// Parses `text`.
    /// - Throws: ``ExpressionError`` with the offset of the problem.
    package static func parse(_ text: String) throws -> CheckCondition {
        var parser = ExpressionParser(text)
        let condition = try parser.checkCondition()
        parser.skipSpaces()
        if parser.position < parser.characters.count { throw parser.error("unexpected '\(parser.characters[parser.position])'") }
        return condition
    }

    /// Every expression the condition tests, left to right.
    package var tests: [ColumnExpression] {
        switch self {
        case .test(let expression): return [expression]
        case .and(let left, let right), .or(let left, let right): return left.tests + right.tests
        case .not(let operand): return operand.tests
        }
    }
}

/// A whole-column aggregate of a check: over the values a sheet's data rows show in a column.
package enum CheckAggregate: String, Sendable, CaseIterable {
    /// The total, the number of non-blank cells, the smallest, the largest and the mean.
    case sum, count, min, max, avg
}

/// One side of an `expect:` comparison: figures, whole-column aggregates and values of
/// one-row sources, with `+ - * /` and brackets.
package indirect enum CheckFigure: Sendable, Equatable {
    case number(Double)
    /// `sum(amount)`: an aggregate of a column id of the checked sheet.
    case aggregate(CheckAggregate, column: String)
    /// `ledger.total`: the field `total` of the one row of source `ledger`.
    case sourceValue(source: String, field: String)
    case negate(CheckFigure)
    case binary(BinaryOperator, CheckFigure, CheckFigure)

    /// The column ids it aggregates.
    package var columns: [String] {
        switch self {
        case .number, .sourceValue: return []
        case .aggregate(_, let column): return [column]
        case .negate(let operand): return operand.columns
        case .binary(_, let left, let right): return left.columns + right.columns
        }
    }

    /// The `source.field` values it reads.
    package var sourceValues: [SourceField] {
        switch self {
        case .number, .aggregate: return []
        case .sourceValue(let source, let field): return [SourceField(source: source, field: field)]
        case .negate(let operand): return operand.sourceValues
        case .binary(_, let left, let right): return left.sourceValues + right.sourceValues
        }
    }
}

/// A field of a named source, as `source.field` is written.
package struct SourceField: Sendable, Hashable, CustomStringConvertible {
    package var source: String
    package var field: String

    package init(source: String, field: String) {
        self.source = source
        self.field = field
    }

    package var description: String { "\(source).\(field)" }
}

/// An `expect:` check: two figures compared with `=`, `<>`, `<`, `<=`, `>` or `>=`.
package struct CheckExpectation: Sendable, Equatable {
    package var left: CheckFigure
    package var comparison: BinaryOperator
    package var right: CheckFigure

    /// Parses `text`.
    /// - Throws: ``ExpressionError`` with the offset of the problem.
    package static func parse(_ text: String) throws -> CheckExpectation {
        var parser = ExpressionParser(text)
        let left = try parser.checkSum()
        parser.skipSpaces()
        let start = parser.position
        guard let comparison = parser.comparisonOperator() else {
            throw ExpressionError(offset: start, message: "expected a comparison (=, <>, <, <=, > or >=) between two figures, e.g. sum(amount) = ledger.total")
        }
        let right = try parser.checkSum()
        parser.skipSpaces()
        if parser.position < parser.characters.count { throw parser.error("unexpected '\(parser.characters[parser.position])'") }
        return CheckExpectation(left: left, comparison: comparison, right: right)
    }

    /// The column ids both sides aggregate.
    package var columns: [String] { left.columns + right.columns }
    /// The `source.field` values both sides read.
    package var sourceValues: [SourceField] { left.sourceValues + right.sourceValues }
}
