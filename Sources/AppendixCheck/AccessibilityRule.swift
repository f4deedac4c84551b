/// A rule of `appendix check`, each an item of the Analysis Function's "Releasing statistics in
/// spreadsheets" guidance (its checklist "Making spreadsheets accessible"). The raw value is the
/// rule's id, stable for scripts and CI; docs/accessibility.md defines each rule exactly.
public enum AccessibilityRule: String, CaseIterable, Sendable, Codable {
    /// Every sheet has its title, as text, in cell A1.
    case titleInA1 = "title-in-a1"
    /// Every sheet with content, except the cover, holds its table as an Excel table.
    case tableMarkup = "table-markup"
    /// A table has exactly one header row, and no second header row right above it.
    case singleHeaderRow = "single-header-row"
    /// No merged cells.
    case mergedCells = "merged-cells"
    /// No blank rows or columns inside a table.
    case blankInTable = "blank-in-table"
    /// Nothing below a table on its sheet (notes go on a Notes sheet).
    case contentBelowTable = "content-below-table"
    /// No sheet keeps a default name such as `Sheet1`.
    case defaultSheetName = "default-sheet-name"
    /// No hidden sheets.
    case hiddenSheet = "hidden-sheet"
    /// A cover sheet, first.
    case coverSheet = "cover-sheet"
    /// A contents sheet when there is more than one table sheet.
    case contentsSheet = "contents-sheet"
    /// A Notes sheet when notes are referred to or written under a table.
    case notesSheet = "notes-sheet"
    /// Every chart and picture has alternative text.
    case altText = "alt-text"
    /// The document has a title in its properties.
    case documentTitle = "document-title"
    /// Colour is not the only way meaning is shown.
    case colourOnly = "colour-only"
    /// Text contrasts with its fill by at least 4.5:1.
    case contrast = "contrast"

    /// The item of the guidance's checklist the rule checks.
    public var checklistItem: String {
        switch self {
        case .titleInA1: "Put the title of each worksheet in cell A1"
        case .tableMarkup: "Mark up tables"
        case .singleHeaderRow: "All tables should have one tagged header row"
        case .mergedCells: "Remove merged cells, split cells and nested tables"
        case .blankInTable: "Remove blank rows and columns within tables"
        case .contentBelowTable: "Do not put notes, or anything else, below tables"
        case .defaultSheetName: "Give worksheets meaningful names"
        case .hiddenSheet: "Do not hide worksheets, rows or columns"
        case .coverSheet: "Include a cover sheet"
        case .contentsSheet: "Include a table of contents"
        case .notesSheet: "Put notes in a notes table on a worksheet of their own"
        case .altText: "Give charts and images alternative text"
        case .documentTitle: "Give the document a title in its properties"
        case .colourOnly: "Do not use colour as the only way to convey meaning"
        case .contrast: "Make sure text has enough colour contrast (4.5:1)"
        }
    }

    /// What to do about a finding, in one line.
    public var fix: String {
        switch self {
        case .titleInA1: "write the sheet's title as text in A1"
        case .tableMarkup: "format the data as an Excel table (Insert > Table) with its header row"
        case .singleHeaderRow: "keep one header row: fold group headings into the column headings (\"Group – Column\")"
        case .mergedCells: "unmerge the cells and put the text in the first cell"
        case .blankInTable: "delete the blank rows or columns, or fill the cells with a marker such as [x] and explain it"
        case .contentBelowTable: "move the notes to a Notes sheet and refer to them as [note 1]"
        case .defaultSheetName: "rename the sheet to say what it holds (e.g. Table_1)"
        case .hiddenSheet: "unhide the sheet or delete it"
        case .coverSheet: "add a first sheet named Cover with the title, source, contact and date"
        case .contentsSheet: "add a sheet named Contents listing (and linking to) every table"
        case .notesSheet: "add a sheet named Notes with a table of note numbers and texts"
        case .altText: "add alternative text (Format > Alt Text) saying what the chart or picture shows"
        case .documentTitle: "set the title in File > Info > Properties (docProps/core.xml dc:title)"
        case .colourOnly: "add the meaning as text (a column or a marker), not only as a fill colour"
        case .contrast: "use darker text or a lighter fill (contrast at least 4.5:1)"
        }
    }
}
