/// Display patterns: text with `{expression}` or `{expression:format}` holes, compiled to an
/// expression that joins them, e.g. `{completed}/{attendees} – {completed / attendees:0%}`
/// gives `248/251 – 99%` from two numeric columns. `{{` and `}}` stand for braces.
public enum DisplayPattern {
    /// The expression that builds `pattern`'s text.
    public static func expression(_ pattern: String) throws -> ColumnExpression {
        var parts: [ColumnExpression] = []
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
            parts.append(try holeExpression(hole, offset: offset))
            offset += hole.count + 1
        }
        if !literal.isEmpty { parts.append(.string(literal)) }
        guard var result = parts.first else { return .string("") }
        for part in parts.dropFirst() { result = .binary(.concatenate, result, part) }
        return result
    }

    private static func holeExpression(_ hole: String, offset: Int) throws -> ColumnExpression {
        if let colon = hole.lastIndex(of: ":") {
            let format = String(hole[hole.index(after: colon)...]).trimmingSpaces()
            if TextFormat(format) != nil {
                let value = try ColumnExpression.parse(String(hole[..<colon]))
                return .call(.text, [value, .string(format)])
            }
        }
        do {
            return try ColumnExpression.parse(hole)
        } catch var error as ExpressionError {
            error.offset += offset
            throw error
        }
    }
}
