/// The parts of the check language (``CheckCondition``, ``CheckExpectation``) read on top of the
/// expression language's parser.
extension ExpressionParser {
    /// `a or b`: the loosest level of a condition.
    mutating func checkCondition() throws -> CheckCondition {
        var left = try checkConjunction()
        while consumeWord("or") { left = .or(left, try checkConjunction()) }
        return left
    }

    private mutating func checkConjunction() throws -> CheckCondition {
        var left = try checkNegation()
        while consumeWord("and") { left = .and(left, try checkNegation()) }
        return left
    }

    /// `not x`, a bracketed condition, or a comparison of the expression language.
    private mutating func checkNegation() throws -> CheckCondition {
        skipSpaces()
        let start = position
        if consumeWord("not") { return .not(try nested(at: start) { try $0.checkNegation() }) }
        do {
            return .test(try comparison().expression)
        } catch let failure as ExpressionError {
            // `(a < 0 or b > 1)`: a bracket the expression language cannot close holds a condition.
            position = start
            guard consume("(") else { throw failure }
            let inner = try nested(at: start) { try $0.checkCondition() }
            skipSpaces()
            guard consume(")") else { throw error("expected ')' to close the bracket opened at character \(start + 1)") }
            return inner
        }
    }

    /// Consumes `word` when it stands on its own here (followed by a space, a bracket or the end).
    private mutating func consumeWord(_ word: String) -> Bool {
        skipSpaces()
        let start = position
        guard consume(word) || consume(word.uppercased()) else { return false }
        if let next = characters[safe: position], next.isLetter || next.isNumber || next == "_" || next == "." {
            position = start
            return false
        }
        return true
    }

    /// A comparison operator, if one is next.
    mutating func comparisonOperator() -> BinaryOperator? {
        for (symbol, op) in [("<=", BinaryOperator.lessOrEqual), (">=", .greaterOrEqual), ("<>", .notEqual), ("!=", .notEqual),
                             ("==", .equal), ("=", .equal), ("<", .less), (">", .greater)] where consume(symbol) {
            return op
        }
        return nil
    }

    /// `a + b - c`: figures added and subtracted.
    mutating func checkSum() throws -> CheckFigure {
        var left = try checkProduct()
        while true {
            skipSpaces()
            if consume("+") { left = .binary(.add, left, try checkProduct()) }
            else if consume("-") || consume("−") { left = .binary(.subtract, left, try checkProduct()) }
            else { return left }
        }
    }

    private mutating func checkProduct() throws -> CheckFigure {
        var left = try checkFactor()
        while true {
            skipSpaces()
            if consume("*") || consume("×") { left = .binary(.multiply, left, try checkFactor()) }
            else if consume("/") || consume("÷") { left = .binary(.divide, left, try checkFactor()) }
            else { return left }
        }
    }

    /// A number, `-x`, `(…)`, `sum(column)` or `source.field`.
    private mutating func checkFactor() throws -> CheckFigure {
        skipSpaces()
        let start = position
        guard let character = characters[safe: position] else { throw error("expected a figure, found the end of the expression") }
        if consume("-") || consume("−") { return .negate(try nested(at: start) { try $0.checkFactor() }) }
        if consume("(") {
            let inner = try nested(at: start) { try $0.checkSum() }
            skipSpaces()
            guard consume(")") else { throw error("expected ')'") }
            return inner
        }
        if character.isASCII, character.isNumber || character == "." { return .number(try numberLiteral()) }
        guard character.isLetter || character == "_" else { throw error("unexpected '\(character)'") }
        let name = identifier()
        if consume(".") {
            guard let next = characters[safe: position], next.isLetter || next == "_" else { throw error("expected a field name after '\(name).'") }
            return .sourceValue(source: name, field: identifier())
        }
        let aggregates = CheckAggregate.allCases.map(\.rawValue).joined(separator: ", ")
        skipSpaces()
        guard consume("("), let aggregate = CheckAggregate(rawValue: name.lowercased()) else {
            throw ExpressionError(offset: start, message: "'\(name)' is not a figure: write one of \(aggregates) of a column id, e.g. sum(\(name)), or source.field for the value of a one-row source")
        }
        skipSpaces()
        let columnStart = position
        let column = identifier()
        skipSpaces()
        guard !column.isEmpty, consume(")") else {
            throw ExpressionError(offset: columnStart, message: "\(aggregate.rawValue)() takes one column id of the checked sheet, e.g. \(aggregate.rawValue)(amount)")
        }
        return .aggregate(aggregate, column: column)
    }
}
