import AppendixData
import AppendixLayout
import AppendixZip
import Foundation

/// The fee sheet as it is now matched with what was built: each listed column found by its
/// header in the header row, each fee's row by its key, its formulas compared with those built
/// (``FormulaShape``) and its typed amount read.
struct FeeSheetMatch {
    let built: BuiltFeeTable
    let cells: [CellAddress: SheetCell]
    let file: String

    /// Every fee with its typed amount, in the order built; throws at the first problem.
    func lines() throws(FeeImportError) -> [FeeImport.Line] {
        let columns = try findColumns()
        let builtColumn = Dictionary(uniqueKeysWithValues: zip(columns, built.columns).map { ($0, $1.headerCell.column) })
        let amountColumn = columns[built.columns.firstIndex { $0.role == .amount } ?? 0]
        let rows = try feeRows(keyColumn: columns[built.columns.firstIndex { $0.role == .key } ?? 0], amountColumn: amountColumn)
        let formulaColumns = zip(built.columns, columns).filter { $0.0.role == .formula }.map(\.1)
        return try built.fees.map { fee throws(FeeImportError) in
            let row = rows[fee.key] ?? fee.row
            for (index, column) in formulaColumns.enumerated() {
                guard let formula = fee.formulas[index] else { continue }
                try checkFormula(formula, builtAt: CellAddress(row: fee.row, column: builtColumn[column] ?? column),
                                 now: CellAddress(row: row, column: column), builtColumn: { builtColumn[$0] ?? $0 })
            }
            let typed = try amount(at: CellAddress(row: row, column: amountColumn), key: fee.key)
            return FeeImport.Line(key: fee.key, description: fee.description, built: fee.amount, typed: typed)
        }
    }

    private func refuse(_ cell: CellAddress?, _ message: String) -> FeeImportError {
        FeeImportError(file: file, sheet: built.sheetName, cell: cell?.a1, message: message)
    }

    /// Where each listed column is now: at its header cell as built, else the one cell of that
    /// header row holding its header.
    private func findColumns() throws(FeeImportError) -> [Int] {
        var found: [Int] = []
        for column in built.columns {
            let cell = column.headerCell
            if cells[cell]?.text == column.header { found.append(cell.column); continue }
            let matches = cells.filter { $0.key.row == cell.row && $0.value.text == column.header }.map(\.key.column)
            guard matches.count == 1, let match = matches.first else {
                let now = cells[cell].map { $0.text.isEmpty ? "nothing" : "'\($0.text)'" } ?? "nothing"
                throw refuse(cell, "expected the header '\(column.header)' as built, found \(now); headers must stay as built so the columns can be found")
            }
            found.append(match)
        }
        return found
    }

    /// The row of each fee key below the header row; throws for a key found twice, a fee
    /// missing, or a row an officer added (a key not built, with an amount typed beside it).
    private func feeRows(keyColumn: Int, amountColumn: Int) throws(FeeImportError) -> [String: Int] {
        let keys = Set(built.fees.map(\.key))
        let headerRow = built.column(.key)?.headerCell.row ?? 0
        var rows: [String: Int] = [:]
        let candidates = cells.filter { $0.key.column == keyColumn && $0.key.row > headerRow }.sorted { $0.key.row < $1.key.row }
        for (address, cell) in candidates {
            let key = cell.text.trimmingSpaces()
            guard keys.contains(key) else {
                // Headings, notes and totals hold no typed amount (a total's is a formula).
                if let amount = cells[CellAddress(row: address.row, column: amountColumn)], amount.formula == nil, !amount.isEmpty {
                    throw refuse(address, "'\(key)' is not a fee key as built, but the row has an amount; a new fee is added to the fee CSV and the workbook built again")
                }
                continue
            }
            if let first = rows[key] {
                throw refuse(address, "the fee key '\(key)' appears again (first in \(CellAddress(row: first, column: keyColumn).a1)); each fee must appear once")
            }
            rows[key] = address.row
        }
        for fee in built.fees where rows[fee.key] == nil {
            throw refuse(nil, "the fee key '\(fee.key)' (built in \(CellAddress(row: fee.row, column: keyColumn).a1)) is not in column \(CellAddress.columnName(keyColumn)); every fee built must stay in the table")
        }
        return rows
    }

    /// Throws unless the cell `now` holds a formula of the same shape as `formula` built at `builtAt`.
    private func checkFormula(_ formula: String, builtAt: CellAddress, now: CellAddress, builtColumn: @escaping (Int) -> Int) throws(FeeImportError) {
        let expected = FormulaShape(formula, at: .init(row: builtAt.row, column: builtAt.column, originRow: builtAt.row, originColumn: builtAt.column,
                                                       sheet: built.sheetName, builtColumn: { $0 }))
        guard let found = cells[now]?.formula else {
            let value = cells[now].map { $0.text.isEmpty ? "nothing" : "the value '\($0.text)'" } ?? "nothing"
            throw refuse(now, "expected the formula =\(formula) as built (in row \(builtAt.row + 1)), found \(value); formula cells must stay as built")
        }
        let shape = FormulaShape(found.text, at: .init(row: now.row, column: now.column, originRow: found.origin.row, originColumn: found.origin.column,
                                                       sheet: built.sheetName, builtColumn: builtColumn))
        guard shape == expected else {
            let shared = found.origin == now ? "" : " (shared from \(found.origin.a1))"
            throw refuse(now, "expected the formula =\(formula) as built (in row \(builtAt.row + 1)), found =\(found.text)\(shared); formula cells must stay as built")
        }
    }

    /// The amount typed in `cell`, read as a CSV amount is; nil for a blank or `N/A`.
    private func amount(at address: CellAddress, key: String) throws(FeeImportError) -> Decimal? {
        guard let cell = cells[address] else { return nil }
        if let formula = cell.formula {
            throw refuse(address, "fee \(key): expected a typed amount, found the formula =\(formula.text)")
        }
        let value: Decimal?
        switch cell.kind {
        case .number:
            value = Double(cell.text).flatMap { $0.isFinite ? Decimal(string: ExcelNumberText.general($0), locale: Locale(identifier: "en_GB")) : nil }
        case .text:
            if FieldParser.defaultMissingMarkers.contains(cell.text.trimmingSpaces().lowercased()) { return nil }
            value = Money.parse(cell.text)
        case .boolean, .error:
            value = nil
        }
        guard let value else {
            throw refuse(address, "fee \(key): expected an amount such as £20.85, found '\(cell.kind == .boolean ? (cell.text == "1" ? "TRUE" : "FALSE") : cell.text)'")
        }
        guard Money.round(value, step: Money.penny, mode: .nearest) == value else {
            throw refuse(address, "fee \(key): expected an amount in pounds and pence, found '\(cell.text)'")
        }
        return value
    }
}
