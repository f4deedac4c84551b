import AppendixData

/// A recursive-descent parser for ``ColumnExpression``.
///
/// Two limits keep every later pass safe on small thread stacks (batch workers may have
/// 512 KiB): brackets, function calls and signs may nest at most ``maximumNesting`` deep (the
/// parser's own recursion), and the finished tree is at most ``maximumDepth`` deep (the
/// recursion that checks, compiles, evaluates and writes it; a chain `a + 1 + 1 + …` is
/// one level per operator).
package struct ExpressionParser {
    /// Brackets, function calls and signs inside one another.
    static let maximumNesting = 64
    /// Levels of the expression tree: operators, function calls and signs on the longest path.
    static let maximumDepth = 100

    /// A parsed part and the depth of its tree.
    struct Node {
        package var expression: ColumnExpression
        package var depth: Int
    }

    let characters: [Character]
    var position = 0
    var nesting = 0

    package init(_ text: String) {
        characters = Array(text)
    }

    mutating func parseAll() throws -> ColumnExpression {
        try parseWithDepth().expression
    }

    /// The expression and the depth of its tree.
    mutating func parseWithDepth() throws -> (expression: ColumnExpression, depth: Int) {
        let node = try comparison()
        skipSpaces()
        if position < characters.count {
            throw error("unexpected '\(characters[position])'")
        }
        return (node.expression, node.depth)
    }

    /// `op` applied to two parts, refused when the tree gets too deep.
    private func combine(_ op: BinaryOperator, _ left: Node, _ right: Node, at offset: Int) throws -> Node {
        try node(.binary(op, left.expression, right.expression), depth: max(left.depth, right.depth) + 1, at: offset)
    }

    private func node(_ expression: ColumnExpression, depth: Int, at offset: Int) throws -> Node {
        guard depth <= Self.maximumDepth else {
            throw ExpressionError(offset: offset, message: "the expression is too deep to work out: more than \(Self.maximumDepth.groupedDigits) operators, functions and signs lie inside one another here (each operator of a chain such as a + b + c counts); split it over several columns",
                                  limit: .expressionDepth(maximum: Self.maximumDepth))
        }
        return Node(expression: expression, depth: depth)
    }

    /// Runs `body` one nesting level deeper (a bracket, function call or sign at `offset`).
    mutating func nested<T>(at offset: Int, _ body: (inout ExpressionParser) throws -> T) throws -> T {
        guard nesting < Self.maximumNesting else {
            throw ExpressionError(offset: offset, message: "brackets, functions and signs are nested more than \(Self.maximumNesting) deep here; split the expression over several columns",
                                  limit: .expressionNesting(maximum: Self.maximumNesting))
        }
        nesting += 1
        defer { nesting -= 1 }
        return try body(&self)
    }

    mutating func comparison() throws -> Node {
        let left = try concatenation()
        skipSpaces()
        let start = position
        for (symbol, op) in [("<=", BinaryOperator.lessOrEqual), (">=", .greaterOrEqual), ("<>", .notEqual), ("!=", .notEqual),
                             ("==", .equal), ("=", .equal), ("<", .less), (">", .greater)] where consume(symbol) {
            let right = try concatenation()
            return try combine(op, left, right, at: start)
        }
        return left
    }

    private mutating func concatenation() throws -> Node {
        var left = try additive()
        while true {
            skipSpaces()
            let start = position
            guard consume("&") else { return left }
            left = try combine(.concatenate, left, try additive(), at: start)
        }
    }

    private mutating func additive() throws -> Node {
        var left = try multiplicative()
        while true {
            skipSpaces()
            let start = position
            if consume("+") { left = try combine(.add, left, try multiplicative(), at: start) }
            else if consume("-") || consume("−") { left = try combine(.subtract, left, try multiplicative(), at: start) }
            else { return left }
        }
    }

    private mutating func multiplicative() throws -> Node {
        var left = try unary()
        while true {
            skipSpaces()
            let start = position
            if consume("*") || consume("×") { left = try combine(.multiply, left, try unary(), at: start) }
            else if consume("/") || consume("÷") { left = try combine(.divide, left, try unary(), at: start) }
            else { return left }
        }
    }

    private mutating func unary() throws -> Node {
        skipSpaces()
        let start = position
        if consume("-") || consume("−") {
            let operand = try nested(at: start) { try $0.unary() }
            return try node(.negate(operand.expression), depth: operand.depth + 1, at: start)
        }
        if consume("+") { return try nested(at: start) { try $0.unary() } }
        return try primary()
    }

    private mutating func primary() throws -> Node {
        skipSpaces()
        guard position < characters.count else { throw error("expected a value, found the end of the expression") }
        let character = characters[position]
        if character == "(" {
            let start = position
            position += 1
            let inner = try nested(at: start) { try $0.comparison() }
            skipSpaces()
            guard consume(")") else { throw error("expected ')'") }
            return inner
        }
        if character == "\"" { return Node(expression: .string(try stringLiteral()), depth: 0) }
        if character.isASCII, character.isNumber || character == "." { return Node(expression: .number(try numberLiteral()), depth: 0) }
        if character.isLetter || character == "_" { return try name() }
        throw error("unexpected '\(character)'")
    }

    /// A function call, `source.field`, `first:last` or a column id.
    private mutating func name() throws -> Node {
        let start = position
        let name = identifier()
        skipSpaces()
        if consume("(") {
            guard let function = ExpressionFunction(rawValue: name.lowercased()) else {
                let known = ExpressionFunction.allCases.map(\.rawValue).joined(separator: ", ")
                throw ExpressionError(offset: start, message: "unknown function '\(name)'; known functions: \(known)")
            }
            let arguments = try nested(at: start) { try $0.argumentList() }
            guard function.arity.contains(arguments.count) else {
                throw ExpressionError(offset: start, message: "\(name)() takes \(describe(function.arity)), found \(arguments.count)")
            }
            let depth = (arguments.map(\.depth).max() ?? 0) + 1
            return try node(.call(function, arguments.map(\.expression)), depth: depth, at: start)
        }
        if consume(".") {
            guard let next = characters[safe: position], next.isLetter || next == "_" else {
                throw error("expected a field name after '\(name).'")
            }
            return Node(expression: .related(source: name, field: identifier()), depth: 0)
        }
        if consume(":") {
            skipSpaces()
            guard let next = characters[safe: position], next.isLetter || next == "_" else {
                throw error("expected a column id after '\(name):'")
            }
            return Node(expression: .columnRange(name, identifier()), depth: 0)
        }
        return Node(expression: .field(name), depth: 0)
    }

    private mutating func argumentList() throws -> [Node] {
        var arguments: [Node] = []
        skipSpaces()
        if consume(")") { return arguments }
        while true {
            arguments.append(try comparison())
            skipSpaces()
            if consume(")") { return arguments }
            guard consume(",") else { throw error("expected ',' or ')' in the argument list") }
        }
    }

    mutating func identifier() -> String {
        let start = position
        while let character = characters[safe: position], character.isLetter || character.isNumber || character == "_" {
            position += 1
        }
        return String(characters[start..<position])
    }

    mutating func numberLiteral() throws -> Double {
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

    mutating func skipSpaces() {
        while let character = characters[safe: position], character.isWhitespace { position += 1 }
    }

    mutating func consume(_ symbol: String) -> Bool {
        let symbolCharacters = Array(symbol)
        guard position + symbolCharacters.count <= characters.count,
              Array(characters[position..<position + symbolCharacters.count]) == symbolCharacters else { return false }
        position += symbolCharacters.count
        return true
    }

    func error(_ message: String) -> ExpressionError {
        ExpressionError(offset: position, message: message)
    }

    private func describe(_ arity: ClosedRange<Int>) -> String {
        if arity.lowerBound == arity.upperBound { return "\(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")" }
        if arity.upperBound == 255 { return "at least \(arity.lowerBound) argument" }
        return "\(arity.lowerBound) to \(arity.upperBound) arguments"
    }
}

extension Array {
    package subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
