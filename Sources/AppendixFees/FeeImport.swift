import AppendixData
import AppendixLayout
import AppendixZip
import Foundation

/// Reads back the amounts an officer typed into a fee workbook built from a definition with
/// `fee_import:` (`appendix fees import`): rows matched by fee key wherever they now are, the
/// columns found by their headers, every formula of each fee row checked against the formula
/// built, each typed amount read as a CSV amount is (`£1,234.50`, `(12.50)`, `N/A` for none).
/// Gives next year's fee table (key, description and amount columns, named by their CSV fields,
/// in the order built) and the change log against the amounts built.
public struct FeeImport: Sendable {
    /// One fee: its amount as built and as typed.
    public struct Line: Sendable, Equatable {
        /// The fee key.
        public var key: String
        /// The description as built.
        public var description: String
        /// The amount as built; nil when it was missing.
        public var built: Decimal?
        /// The amount as typed; nil when the cell is blank or `N/A`.
        public var typed: Decimal?

        /// Whether the typed amount differs from the one built.
        public var changed: Bool { built != typed }
        /// Typed minus built, when both are amounts.
        public var change: Decimal? { built.flatMap { built in typed.map { $0 - built } } }
    }

    /// The fee sheet read.
    public var sheet: String
    /// The CSV field of the fee key (next year's table's first column).
    public var keyField: String
    /// The CSV field of the description; nil when `fee_import:` names no description column.
    public var descriptionField: String?
    /// The CSV field of the amount (next year's table's last column).
    public var amountField: String
    /// Every fee, in the order built.
    public var lines: [Line]

    /// Reads the workbook at `url` (named `displayName` in errors, default its path). Throws
    /// ``FeeImportError`` naming the sheet and cell of the first problem.
    public static func read(_ url: URL, displayName: String? = nil) throws(FeeImportError) -> FeeImport {
        let file = displayName ?? url.path
        let workbook = try FeeWorkbook(path: url.path, file: file)
        let built = try workbook.builtTable()
        let sheet = try workbook.feeSheet(built)
        let lines = try FeeSheetMatch(built: built, cells: sheet, file: file).lines()
        return FeeImport(sheet: built.sheetName, keyField: built.column(.key)?.field ?? "key", descriptionField: built.column(.description)?.field,
                         amountField: built.column(.amount)?.field ?? "amount", lines: lines)
    }

    /// Next year's fee table: the key, description and amount (`£20.85`, `N/A` when none).
    public var tableCSV: String {
        var csv = CSVWriter(header: [keyField] + (descriptionField.map { [$0] } ?? []) + [amountField])
        csv.rows = lines.map { [$0.key] + (descriptionField == nil ? [] : [$0.description]) + [Self.money($0.typed)] }
        return csv.text
    }

    /// Next year's fee table as `fees` (the table the workbook was built from) with its amount
    /// column (``amountField``) replaced by the typed amounts, every other column and row as it
    /// is, so the definition that built the workbook builds it. Throws
    /// ``/AppendixData/DataError`` when `fees` lacks the key or amount column, or a fee of the
    /// workbook; its rows the workbook did not show keep their amounts.
    public func tableCSV(mergedInto fees: CSVReader) throws -> String {
        let table = try FeeCSV(fees)
        let keyIndex = try table.column(keyField, neededBy: "the fee key of the workbook")
        let amountIndex = try table.column(amountField, neededBy: "the amount of the workbook")
        let typed = Dictionary(lines.map { ($0.key, Self.money($0.typed)) }, uniquingKeysWith: { first, _ in first })
        let present = Set(table.rows.map { $0.fields[keyIndex] })
        if let missing = lines.first(where: { !present.contains($0.key) }) {
            throw DataError(file: table.file, column: keyField, message: "has no fee '\(missing.key)', which the workbook has; give the table the workbook was built from")
        }
        var csv = CSVWriter(header: table.header)
        csv.rows = table.rows.map { record in
            var fields = record.fields
            if let amount = typed[fields[keyIndex]] { fields[amountIndex] = amount }
            return fields
        }
        return csv.text
    }

    /// The change log: `key,description,built,typed,change` for each fee whose amount changed.
    public var changeLogCSV: String {
        var csv = CSVWriter(header: ["key", "description", "built", "typed", "change"])
        csv.rows = lines.filter(\.changed).map { line in
            [line.key, line.description, Self.money(line.built), Self.money(line.typed), line.change.map(Money.format) ?? ""]
        }
        return csv.text
    }

    /// Writes the table to `table` (``tableCSV``, or with `mergedInto` ``tableCSV(mergedInto:)``)
    /// and the change log to `changes`, both staged beside their targets and renamed into place
    /// only once both are written: on any error neither file changes and no staged file is
    /// left. Throws ``/AppendixData/DataError`` naming the file.
    public func write(table: URL, changes: URL, mergedInto fees: CSVReader? = nil) throws {
        let text = try fees.map(tableCSV(mergedInto:)) ?? tableCSV
        try StagedFiles.write([StagedFiles.File(url: table, text: text), StagedFiles.File(url: changes, text: changeLogCSV)])
    }

    static func money(_ amount: Decimal?) -> String { amount.map(Money.format) ?? "N/A" }
}

/// Several text files written together: each to a staged file beside it, then all renamed.
enum StagedFiles {
    struct File {
        var url: URL
        var text: String
    }

    static func write(_ files: [File]) throws {
        var staged: [URL] = []
        defer { for url in staged { try? FileManager.default.removeItem(at: url) } }
        for file in files {
            let temporary = file.url.deletingLastPathComponent().appendingPathComponent(".\(file.url.lastPathComponent).appendix-\(getpid()).tmp")
            do {
                staged.append(temporary)
                try Data(file.text.utf8).write(to: temporary)
            } catch {
                throw DataError(file: file.url.path, message: "cannot write the CSV file: \(error.localizedDescription)")
            }
        }
        for (file, temporary) in zip(files, staged) where rename(temporary.path, file.url.path) != 0 {
            throw DataError(file: file.url.path, message: "cannot write the CSV file: \(String(cString: strerror(errno)))")
        }
        staged = []
    }
}

/// The workbook's package, read for the fee import: the fee key sheet found by its marker, the
/// fee sheet by the name it records.
struct FeeWorkbook {
    let package: WorkbookPackage
    let sheets: [WorksheetEntry]
    let strings: [String]
    let file: String

    init(path: String, file: String) throws(FeeImportError) {
        self.file = file
        do {
            package = try WorkbookPackage(path: path)
            let relations = try package.relationships(of: "xl/workbook.xml")
            sheets = package.worksheets(of: try package.workbook(), relations: relations)
            strings = try package.sharedStrings(relations.target(endingWith: "/sharedStrings") ?? "xl/sharedStrings.xml")
        } catch {
            throw Self.unreadable(error, file: file)
        }
    }

    static func unreadable(_ error: ZipPartError, file: String) -> FeeImportError {
        FeeImportError(file: file, message: "cannot be read: " + (error.part.isEmpty ? "" : "\(error.part) ") + error.reason)
    }

    func cells(_ sheet: WorksheetEntry) throws(FeeImportError) -> [CellAddress: SheetCell] {
        do {
            return try package.cells(of: sheet.part, strings: strings).cells
        } catch {
            throw Self.unreadable(error, file: file)
        }
    }

    /// The fee key sheet: the first sheet whose A1 holds the marker (hidden ones first).
    func builtTable() throws(FeeImportError) -> BuiltFeeTable {
        for sheet in sheets.filter({ $0.state != "visible" }) + sheets.filter({ $0.state == "visible" }) {
            let cells = try cells(sheet)
            guard cells[CellAddress(row: 0, column: 0)]?.text == FeeKeyLayout.marker else { continue }
            return try BuiltFeeTable(cells: cells, name: sheet.name, file: file)
        }
        throw FeeImportError(file: file, message: "has no fee key sheet, so it was not built by Appendix from a definition with fee_import: (the build adds a hidden sheet '\(FeeKeyLayout.sheetName)' with each fee key and amount as built)")
    }

    /// The fee sheet's cells.
    func feeSheet(_ built: BuiltFeeTable) throws(FeeImportError) -> [CellAddress: SheetCell] {
        guard let sheet = sheets.first(where: { $0.name == built.sheetName }) else {
            throw FeeImportError(file: file, message: "has no sheet '\(built.sheetName)', the fee sheet as built (the sheets are: \(sheets.map(\.name).joined(separator: ", ")))")
        }
        return try cells(sheet)
    }
}
