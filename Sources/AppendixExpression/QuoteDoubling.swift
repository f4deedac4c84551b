extension String {
    /// The text with every `quote` doubled, as Excel escapes a quote inside a string literal
    /// (`"`) or a quoted sheet name (`'`). By Unicode scalar, as Excel reads a formula: a quote
    /// followed by a combining mark is doubled too (`replacingOccurrences`, which compares
    /// characters, left it single and so ended the string early). Plain Swift: Foundation's
    /// `replacingOccurrences` bridges through `NSString`, whose first use cost two runtime
    /// conformance scans (about 0.6 million instructions) at start-up.
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
