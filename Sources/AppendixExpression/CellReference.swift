/// A cell address: 0-based row and column, optionally on another sheet.
package struct CellReference: Sendable, Hashable {
    package var row: Int
    package var column: Int

    package init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// `E5`-style relative address.
    package var a1: String { "\(CellReference.columnLetters(column))\(row + 1)" }

    /// `$E$5`-style absolute address.
    package var absoluteA1: String { "$\(CellReference.columnLetters(column))$\(row + 1)" }

    /// Column letters for a 0-based column index: 0 → A, 25 → Z, 26 → AA.
    package static func columnLetters(_ column: Int) -> String {
        var index = column + 1
        var letters: [Character] = []
        while index > 0 {
            let remainder = (index - 1) % 26
            letters.append(Character(UnicodeScalar(UInt8(65 + remainder))))
            index = (index - 1) / 26
        }
        return String(letters.reversed())
    }

    /// A sheet name quoted for use in a formula: `'Fees 2019-20'`.
    package static func quotedSheet(_ name: String) -> String {
        "'" + name.doublingEvery("'") + "'"
    }
}

/// A rectangular block of cells: on this sheet (written relative, `E5:I5`) or on a named
/// sheet (written absolute, `'Benchmarking'!$D$5:$D$9`).
package struct RangeReference: Sendable, Hashable {
    /// The sheet, or `nil` for the formula's own sheet.
    package var sheet: String?
    package var firstRow: Int
    package var lastRow: Int
    package var firstColumn: Int
    package var lastColumn: Int

    /// A block of one column.
    package init(sheet: String?, column: Int, firstRow: Int, lastRow: Int) {
        self.init(sheet: sheet, firstRow: firstRow, lastRow: lastRow, firstColumn: column, lastColumn: column)
    }

    package init(sheet: String?, firstRow: Int, lastRow: Int, firstColumn: Int, lastColumn: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.lastRow = lastRow
        self.firstColumn = firstColumn
        self.lastColumn = lastColumn
    }

    package var formulaText: String {
        let first = CellReference(row: firstRow, column: firstColumn)
        let last = CellReference(row: lastRow, column: lastColumn)
        let single = firstRow == lastRow && firstColumn == lastColumn
        guard let sheet else { return single ? first.a1 : "\(first.a1):\(last.a1)" }
        let cells = single ? first.absoluteA1 : "\(first.absoluteA1):\(last.absoluteA1)"
        return "\(CellReference.quotedSheet(sheet))!\(cells)"
    }
}
