/// A formula as Excel copies and sorts it: each relative reference as an offset from the cell
/// holding it (R1C1 style), absolute ones as written, sheet names without their quotes, names
/// and functions in capitals, spaces outside strings dropped. Two cells have the same shape when
/// one is the other moved with its row (a sort), so a fee row's formulas are compared with the
/// formulas built for that fee wherever the row now is.
struct FormulaShape: Equatable, CustomStringConvertible {
    let description: String

    /// Where a formula sits and how its references' columns map to the columns as built.
    struct Place {
        /// The cell holding the formula (0-based), as the sheet is now.
        var row: Int
        var column: Int
        /// The cell the formula's relative references are written from: the cell itself, or the
        /// first cell of a shared formula.
        var originRow: Int
        var originColumn: Int
        /// The fee sheet's name: references to it (or to no sheet) have their columns mapped.
        var sheet: String
        /// A column of the sheet now → the same column as built (identity when not moved).
        var builtColumn: (Int) -> Int
    }

    init(_ text: String, at place: Place) {
        var scanner = FormulaScanner(Array(text.unicodeScalars))
        var result = ""
        while let token = scanner.next() {
            switch token {
            case .literal(let literal): result += literal
            case .other(let other): result += other.uppercased()
            case .reference(let reference): result += Self.shape(reference, at: place)
            }
        }
        description = result
    }

    private static func shape(_ reference: FormulaScanner.Reference, at place: Place) -> String {
        let onSheet = reference.sheet == nil || reference.sheet?.uppercased() == place.sheet.uppercased()
        let sheet = onSheet ? "" : (reference.sheet ?? "").uppercased() + "!"
        let row = reference.absoluteRow ? "R\(reference.row)" : "R[\(reference.row - 1 - place.originRow)]"
        // The column read, from the holding cell (a shared formula's relative columns shift).
        let actual = reference.absoluteColumn ? reference.column : reference.column + (place.column - place.originColumn)
        let column: String
        if !onSheet {
            column = "C\(actual + 1)"  // another sheet's columns do not move with the fee sheet's
        } else if reference.absoluteColumn {
            column = "C\(place.builtColumn(actual) + 1)"
        } else {
            column = "C[\(place.builtColumn(actual) - place.builtColumn(place.column))]"
        }
        return sheet + row + column
    }
}

/// Splits a formula into string literals (kept as written), cell references (with any sheet
/// qualifier) and everything else (spaces dropped).
struct FormulaScanner {
    struct Reference {
        var sheet: String?
        var column: Int
        var row: Int
        var absoluteColumn: Bool
        var absoluteRow: Bool
    }

    enum Token {
        case literal(String)
        case reference(Reference)
        case other(String)
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    mutating func next() -> Token? {
        while position < scalars.count, scalars[position] == " " { position += 1 }
        guard position < scalars.count else { return nil }
        let scalar = scalars[position]
        if scalar == "\"" { return .literal(quoted("\"")) }
        if scalar == "'" {
            let name = quoted("'")
            let unquoted = String(String.UnicodeScalarView(name.unicodeScalars.dropFirst().dropLast())).replacingOccurrences(of: "''", with: "'")
            return sheetQualified(unquoted) ?? .other(name)
        }
        if isWordStart(scalar) {
            let start = position
            while position < scalars.count, isWord(scalars[position]) { position += 1 }
            let word = String(String.UnicodeScalarView(scalars[start..<position]))
            if let reference = sheetQualified(word) { return reference }
            if let reference = Self.cellReference(word), !opensCall() { return .reference(reference) }
            return .other(word)
        }
        position += 1
        return .other(String(scalar))
    }

    /// `name!A1` as a reference on sheet `name`, when `!` and a cell reference follow.
    private mutating func sheetQualified(_ name: String) -> Token? {
        guard position < scalars.count, scalars[position] == "!" else { return nil }
        let start = position + 1
        var end = start
        while end < scalars.count, isWord(scalars[end]) { end += 1 }
        guard var reference = Self.cellReference(String(String.UnicodeScalarView(scalars[start..<end]))) else { return nil }
        position = end
        reference.sheet = name
        return .reference(reference)
    }

    /// A text from the quote at `position` to its closing quote (doubled quotes inside kept).
    private mutating func quoted(_ quote: Unicode.Scalar) -> String {
        let start = position
        position += 1
        while position < scalars.count {
            if scalars[position] == quote {
                if position + 1 < scalars.count, scalars[position + 1] == quote { position += 2; continue }
                position += 1
                break
            }
            position += 1
        }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    private func opensCall() -> Bool { position < scalars.count && scalars[position] == "(" }

    private func isWordStart(_ scalar: Unicode.Scalar) -> Bool { scalar == "$" || scalar == "_" || scalar.properties.isAlphabetic }
    private func isWord(_ scalar: Unicode.Scalar) -> Bool {
        isWordStart(scalar) || scalar == "." || ("0"..."9").contains(scalar)
    }

    /// `B12`, `$B$12`, `B$12`: column letters (at most 3) and a row; nil for anything else.
    static func cellReference(_ word: String) -> Reference? {
        guard let match = word.wholeMatch(of: /(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})/), let row = Int(match.4), row > 0 else { return nil }
        let column = match.2.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        return Reference(sheet: nil, column: column, row: row, absoluteColumn: !match.1.isEmpty, absoluteRow: !match.3.isEmpty)
    }
}
