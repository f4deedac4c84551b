import AppendixData

/// Excel's worksheet limits, checked before anything is written.
package enum ExcelLimits {
    /// Rows in a sheet. Tests may lower it (``withRowLimit(_:_:)``) to reach the limit quickly.
    package static var rows: Int { rowLimit }
    package static let columns = 16_384
    package static let cellCharacters = 32_767
    static let sheetNameCharacters = 31
    /// Characters in a page header or footer (counted in UTF-8 bytes, as libxlsxwriter does).
    static let pageTextCharacters = 255

    @TaskLocal private static var rowLimit = 1_048_576

    /// Runs `body` with a lower row limit, so tests can fill a sheet without a million rows.
    package static func withRowLimit<T>(_ rows: Int, _ body: () throws -> T) rethrows -> T {
        try $rowLimit.withValue(rows, operation: body)
    }

    /// The length of a sheet name as Excel counts it: UTF-16 units, so an emoji counts 2. This
    /// is never less than libxlsxwriter's count (Unicode code points, so a decomposed `é` counts
    /// 2), so a name that passes here passes both.
    static func sheetNameLength(_ name: String) -> Int {
        name.utf16.count
    }

    /// Whether `text` is longer than a cell can hold (Excel counts UTF-16 units; the O(1) UTF-8
    /// count, never smaller, rules out almost every text first).
    package static func isTooLongForACell(_ text: String) -> Bool {
        text.utf8.count > cellCharacters && text.utf16.count > cellCharacters
    }

    /// Refuses `text` when it is longer than a cell can hold, naming the CSV `file`, `line` and
    /// `column` it comes from and, in `place`, the cell it was meant for.
    package static func checkCellText(_ text: String, file: String, line: Int, column: String, place: @autoclosure () -> String) throws {
        guard isTooLongForACell(text) else { return }
        throw DataError(file: file, line: line, column: column,
                        message: "the text has \(text.utf16.count) characters; Excel allows at most \(cellCharacters) in a cell (\(place()))",
                        limit: .cellCharacters(found: text.utf16.count, maximum: cellCharacters))
    }
}

/// How a sheet's rows are spent against Excel's row limit, counted exactly as both layouts
/// place them: the title and subtitle with a blank row after them, one or two header rows, the
/// body (data rows, group headings, subtotals, the grand total), then a blank row and the notes.
package struct SheetRowBudget: Equatable {
    /// Rows above the body: the title block and the header rows. Also the first body row (0-based).
    package let rowsAbove: Int
    /// Rows below the body: a blank row and the notes, or none without notes.
    package let rowsBelow: Int
    /// Excel's row limit.
    package let limit: Int

    package init(sheet: SheetDefinition, limit: Int = ExcelLimits.rows) {
        let titleRows = (sheet.title == nil ? 0 : 1) + (sheet.subtitle == nil ? 0 : 1)
        let headerTop = titleRows == 0 ? 0 : titleRows + 1
        rowsAbove = headerTop + (sheet.headerGroups.isEmpty ? 1 : 2)
        rowsBelow = sheet.notes.isEmpty ? 0 : 1 + sheet.notes.count
        self.limit = limit
    }

    /// How many body lines fit.
    package var bodyCapacity: Int { limit - rowsAbove - rowsBelow }

    /// Whether a body of `bodyLines` lines fits.
    package func fits(bodyLines: Int) -> Bool { bodyLines <= bodyCapacity }

    /// The position (0-based, among the body's data rows) of the first data row that does not
    /// fit, or `nil` when everything fits. `lines` says for each body line whether it is a data
    /// row; `trailing` is how many of them end the body whatever happens (the grand total).
    package func firstDataRowOverLimit(isDataRow lines: [Bool], trailing: Int) -> Int? {
        guard !fits(bodyLines: lines.count) else { return nil }
        var dataRows = 0
        for (offset, isData) in lines.enumerated() where isData {
            if offset + 1 + trailing > bodyCapacity { return dataRows }
            dataRows += 1
        }
        return max(dataRows - 1, 0)
    }

    /// The error for a sheet that is full at CSV `line`, `dataRowsThatFit` data rows in.
    package func fullError(sheet: String, file: String, line: Int?, dataRowsThatFit: Int) -> DataError {
        DataError(file: file, line: line, message: "sheet '\(sheet)' is full at this row: with its title, headers, totals and notes it holds \(dataRowsThatFit) data rows (Excel allows \(limit) rows a sheet); split the data (e.g. appendix batch --split FIELD) or filter it",
                  limit: .sheetRows(sheet: sheet, dataRowsThatFit: dataRowsThatFit, maximum: limit))
    }
}
