/// A recursive-descent parser for ``ColumnExpression``.
struct ExpressionParser {
    private let characters: [Character]
    private var position = 0

    init(_ text: String) {
        characters = Array(text)
    }

    mutating func parseAll() throws -> ColumnExpression {
        let expression = try comparison()
        skipSpaces()
        if position < characters.count {
            throw error("unexpected '\(characters[position])'")
        }
        return expression
    }

    private mutating func comparison() throws -> ColumnExpression {
        let left = try concatenation()
        skipSpaces()
        for (symbol, op) in [("<=", BinaryOperator.lessOrEqual), (">=", .greaterOrEqual), ("<>", .notEqual), ("!=", .notEqual),
                             ("==", .equal), ("=", .equal), ("<", .less), (">", .greater)] where consume(symbol) {
            let right = try concatenation()
            return .binary(op, left, right)
        }
        return left
    }

    private mutating func concatenation() throws -> ColumnExpression {
        var left = try additive()
        while true {
            skipSpaces()
            guard consume("&") else { return left }
            left = .binary(.concatenate, left, try additive())
        }
    }

    private mutating func additive() throws -> ColumnExpression {
        var left = try multiplicative()
        while true {
            skipSpaces()
            if consume("+") { left = .binary(.add, left, try multiplicative()) }
            else if consume("-") || consume("−") { left = .binary(.subtract, left, try multiplicative()) }
            else { return left }
        }
    }

    private mutating func multiplicative() throws -> ColumnExpression {
        var left = try unary()
        while true {
            skipSpaces()
            if consume("*") || consume("×") { left = .binary(.multiply, left, try unary()) }
            else if consume("/") || consume("÷") { left = .binary(.divide, left, try unary()) }
            else { return left }
        }
    }

    private mutating func unary() throws -> ColumnExpression {
        skipSpaces()
        if consume("-") || consume("−") { return .negate(try unary()) }
        if consume("+") { return try unary() }
        return try primary()
    }

    private mutating func primary() throws -> ColumnExpression {
        skipSpaces()
        guard position < characters.count else { throw error("expected a value, found the end of the expression") }
        let character = characters[position]
        if character == "(" {
            position += 1
            let inner = try comparison()
            skipSpaces()
            guard consume(")") else { throw error("expected ')'") }
            return inner
        }
        if character == "\"" { return .string(try stringLiteral()) }
        if character.isASCII, character.isNumber || character == "." { return .number(try numberLiteral()) }
        if character.isLetter || character == "_" {
            let start = position
            let name = identifier()
            skipSpaces()
            if consume("(") {
                guard let function = ExpressionFunction(rawValue: name.lowercased()) else {
                    let known = ExpressionFunction.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ExpressionError(offset: start, message: "unknown function '\(name)'; known functions: \(known)")
                }
                let arguments = try argumentList()
                guard function.arity.contains(arguments.count) else {
                    throw ExpressionError(offset: start, message: "\(name)() takes \(describe(function.arity)), found \(arguments.count)")
                }
                return .call(function, arguments)
            }
            if consume(".") {
                guard let next = characters[safe: position], next.isLetter || next == "_" else {
                    throw error("expected a field name after '\(name).'")
                }
                return .related(source: name, field: identifier())
            }
            if consume(":") {
                skipSpaces()
                guard let next = characters[safe: position], next.isLetter || next == "_" else {
                    throw error("expected a column id after '\(name):'")
                }
                return .columnRange(name, identifier())
            }
            return .field(name)
        }
        throw error("unexpected '\(character)'")
    }

    private mutating func argumentList() throws -> [ColumnExpression] {
        var arguments: [ColumnExpression] = []
        skipSpaces()
        if consume(")") { return arguments }
        while true {
            arguments.append(try comparison())
            skipSpaces()
            if consume(")") { return arguments }
            guard consume(",") else { throw error("expected ',' or ')' in the argument list") }
        }
    }

    private mutating func identifier() -> String {
        let start = position
        while let character = characters[safe: position], character.isLetter || character.isNumber || character == "_" {
            position += 1
        }
        return String(characters[start..<position])
    }

    private mutating func numberLiteral() throws -> Double {
        let start = position
        while let character = characters[safe: position], character.isASCII, character.isNumber || character == "." {
            position += 1
        }
        if let e = characters[safe: position], e == "e" || e == "E",
           let next = characters[safe: position + 1], next.isNumber || next == "-" || next == "+" {
            position += 2
            while let character = characters[safe: position], character.isASCII, character.isNumber { position += 1 }
        }
        guard var value = Double(String(characters[start..<position])) else {
            throw ExpressionError(offset: start, message: "'\(String(characters[start..<position]))' is not a number")
        }
        if consume("%") { value /= 100 }
        return value
    }

    private mutating func stringLiteral() throws -> String {
        let start = position
        position += 1
        var text = ""
        while let character = characters[safe: position] {
            position += 1
            if character == "\"" {
                if characters[safe: position] == "\"" { text.append("\""); position += 1; continue }
                return text
            }
            text.append(character)
        }
        throw ExpressionError(offset: start, message: "the text starting here has no closing '\"'")
    }

    private mutating func skipSpaces() {
        while let character = characters[safe: position], character.isWhitespace { position += 1 }
    }

    private mutating func consume(_ symbol: String) -> Bool {
        let symbolCharacters = Array(symbol)
        guard position + symbolCharacters.count <= characters.count,
              Array(characters[position..<position + symbolCharacters.count]) == symbolCharacters else { return false }
        position += symbolCharacters.count
        return true
    }

    private func error(_ message: String) -> ExpressionError {
        ExpressionError(offset: position, message: message)
    }

    private func describe(_ arity: ClosedRange<Int>) -> String {
        if arity.lowerBound == arity.upperBound { return "\(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")" }
        if arity.upperBound == 255 { return "at least \(arity.lowerBound) argument" }
        return "\(arity.lowerBound) to \(arity.upperBound) arguments"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
