import AppendixData

/// Display patterns: text with `{expression}` or `{expression:format}` holes, compiled to an
/// expression that joins them, e.g. `{completed}/{attendees} – {completed / attendees:0%}`
/// gives `248/251 – 99%` from two numeric columns. `{{` and `}}` stand for braces.
package enum DisplayPattern {
    /// The expression that builds `pattern`'s text.
    package static func expression(_ pattern: String) throws -> ColumnExpression {
        var parts: [ColumnExpression] = []
        var depth = 0
        var literal = ""
        var characters = Array(pattern)[...]
        var offset = 0
        while let character = characters.popFirst() {
            offset += 1
            if character == "{" && characters.first == "{" { characters.removeFirst(); offset += 1; literal.append("{"); continue }
            if character == "}" && characters.first == "}" { characters.removeFirst(); offset += 1; literal.append("}"); continue }
            guard character == "{" else { literal.append(character); continue }
            guard let close = characters.firstIndex(of: "}") else {
                throw ExpressionError(offset: offset - 1, message: "'{' has no matching '}'")
            }
            let hole = String(characters[..<close])
            characters = characters[characters.index(after: close)...]
            if !literal.isEmpty { parts.append(.string(literal)); literal = "" }
            let (expression, holeDepth) = try holeExpression(hole, offset: offset)
            parts.append(expression)
            // Each part joined adds a level above the holes before it.
            depth = max(depth, holeDepth) + 1
            guard depth <= ExpressionParser.maximumDepth else {
                throw ExpressionError(offset: offset - 1, message: "the pattern joins too many parts to work out: more than \(ExpressionParser.maximumDepth) levels of joins and expressions; split it over several columns",
                                      limit: .expressionDepth(maximum: ExpressionParser.maximumDepth))
            }
            offset += hole.count + 1
        }
        if !literal.isEmpty { parts.append(.string(literal)) }
        guard var result = parts.first else { return .string("") }
        for part in parts.dropFirst() { result = .binary(.concatenate, result, part) }
        return result
    }

    /// The expression of one `{…}` hole and the depth of its tree.
    private static func holeExpression(_ hole: String, offset: Int) throws -> (ColumnExpression, Int) {
        if let colon = hole.lastIndex(of: ":") {
            let format = String(hole[hole.index(after: colon)...]).trimmingSpaces()
            if TextFormat(format) != nil {
                var parser = ExpressionParser(String(hole[..<colon]))
                let (value, depth) = try parser.parseWithDepth()
                return (.call(.text, [value, .string(format)]), depth + 1)
            }
        }
        do {
            var parser = ExpressionParser(hole)
            let (expression, depth) = try parser.parseWithDepth()
            return (expression, depth)
        } catch var error as ExpressionError {
            error.offset += offset
            throw error
        }
    }
}
