import AppendixLayout
import AppendixZip
import Foundation

/// What the fee key sheet (``/AppendixLayout/FeeKeyLayout``) says was built: the fee sheet's
/// name, the columns read back, and each fee's key, description, amount, row and formulas. Read
/// only after its hash matches, so every value is as the build wrote it.
struct BuiltFeeTable {
    struct Column {
        var role: FeeKeyLayout.Role
        var header: String
        /// The header cell as built.
        var headerCell: CellAddress
        /// The CSV field (the column id for a computed column).
        var field: String
    }

    struct Fee {
        var key: String
        var description: String
        /// The amount as built; nil when it was missing.
        var amount: Decimal?
        /// The sheet row as built (0-based).
        var row: Int
        /// The formula of each `formula` column as built (nil where the row had none), in order.
        var formulas: [String?]
    }

    var sheetName: String
    var columns: [Column]
    var fees: [Fee]

    func column(_ role: FeeKeyLayout.Role) -> Column? { columns.first { $0.role == role } }
    var formulaColumns: [Column] { columns.filter { $0.role == .formula } }

    /// Reads the key sheet `name`'s cells; throws when its hash does not match or it is not laid
    /// out as ``FeeKeyLayout`` says.
    init(cells: [CellAddress: SheetCell], name: String, file: String) throws(FeeImportError) {
        let rows = Self.texts(cells)
        func refuse(_ row: Int, _ column: Int, _ message: String) -> FeeImportError {
            FeeImportError(file: file, sheet: name, cell: CellAddress(row: row, column: column).a1, message: message)
        }
        guard rows[0].count > 1, rows[0][1] == FeeKeyLayout.version else {
            throw refuse(0, 1, "the fee key sheet is version '\(rows[0].count > 1 ? rows[0][1] : "")'; this Appendix reads version \(FeeKeyLayout.version)")
        }
        guard rows[0].count > 2, rows[0][2] == FeeKeyLayout.hash(rows) else {
            throw refuse(0, 2, "the fee keys and amounts as built have been changed since the build (their SHA-256 does not match); build the workbook again")
        }
        guard rows.count > 2, rows[1].first == "sheet", rows[1].count > 1, let feesRow = rows.firstIndex(where: { $0.first == "fees" }) else {
            throw refuse(1, 0, "the fee key sheet is not laid out as Appendix writes it")
        }
        sheetName = rows[1][1]
        columns = rows[2..<feesRow].compactMap { texts in
            guard texts.count > 4, let role = FeeKeyLayout.Role(rawValue: texts[1]), let cell = CellAddress(a1: Substring(texts[3])) else { return nil }
            return Column(role: role, header: texts[2], headerCell: cell, field: texts[4])
        }
        let formulaCount = rows[2..<feesRow].filter { $0.count > 1 && $0[1] == FeeKeyLayout.Role.formula.rawValue }.count
        fees = rows[(feesRow + 1)...].map { texts in
            let padded = texts + Array(repeating: "", count: max(0, 4 + formulaCount - texts.count))
            return Fee(key: padded[0], description: padded[1], amount: Decimal(string: padded[2], locale: Locale(identifier: "en_GB")),
                       row: (Int(padded[3]) ?? 1) - 1, formulas: padded[4...].prefix(formulaCount).map { $0.isEmpty ? nil : $0 })
        }
        guard columns.count == feesRow - 2, column(.key) != nil, column(.amount) != nil else {
            throw refuse(2, 0, "the fee key sheet is not laid out as Appendix writes it")
        }
    }

    /// The cells' texts row by row (row 1 first), each row as long as its last filled cell.
    static func texts(_ cells: [CellAddress: SheetCell]) -> [[String]] {
        let lastRow = cells.keys.map(\.row).max() ?? 0
        var rows = Array(repeating: [String](), count: lastRow + 1)
        for (address, cell) in cells where !cell.text.isEmpty {
            if rows[address.row].count <= address.column {
                rows[address.row] += Array(repeating: "", count: address.column + 1 - rows[address.row].count)
            }
            rows[address.row][address.column] = cell.text
        }
        return rows
    }
}
