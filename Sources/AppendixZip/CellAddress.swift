/// A cell of a sheet, 0-based row and column, written in A1 style.
package struct CellAddress: Hashable, Sendable, Comparable {
    package var row: Int
    package var column: Int

    package init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Reads `B12` (or `$B$12`); nil for anything else.
    package init?(a1 text: Substring) {
        var letters = 0, digits = 0, column = 0, row = 0
        for character in text where character != "$" {
            guard let ascii = character.asciiValue else { return nil }
            if ascii >= 65 && ascii <= 90 && digits == 0 {
                column = column * 26 + Int(ascii - 64)
                letters += 1
            } else if ascii >= 48 && ascii <= 57 && letters > 0 {
                row = row * 10 + Int(ascii - 48)
                digits += 1
            } else {
                return nil
            }
            guard letters <= 3, digits <= 7 else { return nil }
        }
        guard letters > 0, digits > 0, row > 0 else { return nil }
        self.init(row: row - 1, column: column - 1)
    }

    /// `A`, `Z`, `AA`… for a 0-based column.
    package static func columnName(_ column: Int) -> String {
        var number = column + 1, name = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            number = (number - 1) / 26
        }
        return name
    }

    package var a1: String { Self.columnName(column) + String(row + 1) }

    package static func < (left: CellAddress, right: CellAddress) -> Bool {
        (left.row, left.column) < (right.row, right.column)
    }
}

/// A rectangle of cells, corners included.
package struct CellRange: Hashable, Sendable {
    package var first: CellAddress
    package var last: CellAddress

    package init(first: CellAddress, last: CellAddress) {
        self.first = CellAddress(row: min(first.row, last.row), column: min(first.column, last.column))
        self.last = CellAddress(row: max(first.row, last.row), column: max(first.column, last.column))
    }

    package init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.init(first: CellAddress(row: rows.lowerBound, column: columns.lowerBound),
                  last: CellAddress(row: rows.upperBound, column: columns.upperBound))
    }

    /// Reads `A1:C4` or `B2`; nil for anything else.
    package init?(a1 text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 1 || parts.count == 2, let first = CellAddress(a1: parts[0]),
              let last = parts.count == 2 ? CellAddress(a1: parts[1]) : first else { return nil }
        self.init(first: first, last: last)
    }

    package var rows: ClosedRange<Int> { first.row...last.row }
    package var columns: ClosedRange<Int> { first.column...last.column }

    package func contains(_ cell: CellAddress) -> Bool { rows.contains(cell.row) && columns.contains(cell.column) }

    /// `A1:C4`, or `B2` for one cell.
    package var a1: String { first == last ? first.a1 : "\(first.a1):\(last.a1)" }
}
