import AppendixExpression

/// An expression as a definition writes it — a computed column's `expression`, a `display`
/// pattern or a sheet's `filter`, from YAML or from code — before the definition is checked.
/// ``parsed(at:)`` is the one place such text becomes a ``ColumnExpression``.
package struct WrittenExpression: Sendable, Equatable {
    /// Which key the text is written under, which decides how it is read.
    package enum Kind: Sendable, Equatable {
        /// A computed column's `expression` (the expression language).
        case expression
        /// A column's `display` pattern (`{completed}/{attendees}`).
        case displayPattern
        /// A sheet's `filter` (the expression language).
        case filter
    }

    /// The text as written.
    package var text: String
    package var kind: Kind

    package init(_ text: String, kind: Kind) {
        self.text = text
        self.kind = kind
    }

    /// The definition key the text is written under.
    package var key: String {
        switch kind {
        case .expression: return "expression"
        case .displayPattern: return "display"
        case .filter: return "filter"
        }
    }

    /// The parsed expression.
    /// - Throws: ``DefinitionError`` at `location` (the text as its value) when the text does
    ///   not parse, with the parser's message and limit.
    package func parsed(at location: DefinitionLocation) throws -> ColumnExpression {
        do {
            return kind == .displayPattern ? try DisplayPattern.expression(text) : try ColumnExpression.parse(text)
        } catch let error as ExpressionError {
            let what = kind == .displayPattern ? "display pattern" : key
            throw DefinitionError(location, "cannot read the \(what) '\(ExpressionError.quoted(text))': \(error)", value: text, limit: error.limit)
        }
    }
}
