import AppendixData

/// A workbook `appendix fees import` refuses: not a workbook, not built with `fee_import:`, its
/// fee key sheet changed, or an edit the import cannot take (a header renamed, a fee key missing
/// or repeated, a formula changed, a typed value that is not an amount). Names the sheet and
/// the cell where there is one.
public struct FeeImportError: AppendixError, Equatable {
    /// The workbook, as the user named it.
    public var file: String
    /// The sheet the problem is on, when there is one.
    public var sheet: String?
    /// The cell (`E12`), when there is one.
    public var cell: String?
    /// What was expected and what was found.
    public var message: String

    package init(file: String, sheet: String? = nil, cell: String? = nil, message: String) {
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.message = message
    }

    /// `file: sheet 'Fees' cell E12: message`.
    public var description: String {
        var place = file
        if let sheet { place += ": sheet '\(sheet)'" }
        if let cell { place += " cell \(cell)" }
        return "\(place): \(message)"
    }
}
