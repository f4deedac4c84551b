extension String {
    /// The text with every `quote` doubled, as Excel escapes a quote inside a string literal
    /// (`"`) or a quoted sheet name (`'`); by Unicode scalar, so a quote followed by a combining
    /// mark is doubled too, as `replacingOccurrences` did. Plain Swift: Foundation's
    /// `replacingOccurrences` bridges through `NSString`, whose first use at start-up cost more
    /// than writing a 40-row appendix's formulas.
    func doublingEvery(_ quote: Unicode.Scalar) -> String {
        guard unicodeScalars.contains(quote) else { return self }
        var doubled = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            doubled.append(scalar)
            if scalar == quote { doubled.append(quote) }
        }
        return String(doubled)
    }
}
