import AppendixData
import AppendixDefinition

/// Where a sheet's printed pages break, decided as its rows are placed (page-aware groups):
/// rows are added to the current page until a block that must stay together (a group's headings
/// with its first data row; a data row with the subtotals that close after it, and after the last
/// one the grand total and notes) would overrun it, and then a manual break goes before the block.
///
/// A page holds the paper's height less the margins above and below (the house style's, else
/// 0.75 inch each, where the header and footer print), divided by the print scale, less one row
/// of slack for renderers whose margins differ from LibreOffice's (the reference); every page
/// after the first starts below the repeated header rows. A row whose height the build leaves
/// unset counts as ``autoRow``: LibreOffice sizes it to one line of its tallest font. At most ``breakLimit`` breaks: past that, the pages
/// break where the printer puts them (``unplannedFrom``).
struct PagePlan {
    /// Manual page breaks per sheet that Excel and libxlsxwriter keep.
    static let breakLimit = 1_023
    /// The height of a row whose height is not set, in points (15 for the built-in fonts).
    let autoRow: Double

    /// Room for rows on a page, in the sheet's points (before the print scale).
    let room: Double
    /// The repeated header rows' height, at the top of every page after the first.
    let repeated: Double
    /// The sheet points taken on the current page.
    private(set) var used = 0.0
    /// Whether a body row is on the current page (a break before the first would leave a page
    /// holding only the title or the repeated header).
    private var holdsBody = false
    /// Each page's first row after the first page (0-based sheet rows).
    private(set) var breaks: [Int] = []
    /// The row where the page that would need break 1,024 starts, once the limit is met.
    private(set) var unplannedFrom: Int?

    init(print: PrintSetup, orientation: PrintSetup.Orientation, scale: Int, repeated: Double, autoRow: Double) {
        let size = PageFit.paperSize(print.paper)
        let height = orientation == .portrait ? size.height : size.width
        let margins = print.margins ?? .standard
        // One row of slack per page.
        room = (height - (margins.top + margins.bottom) * 72) * 100 / Double(scale) - autoRow
        self.repeated = repeated
        self.autoRow = autoRow
    }

    /// Whether breaks are still being placed (the limit not met).
    var isPlanning: Bool { unplannedFrom == nil }

    /// Adds a row `height` points tall (`nil` for a default row) to the current page.
    mutating func add(height: Double?, body: Bool) {
        used += height ?? autoRow
        holdsBody = holdsBody || body
    }

    /// Whether rows `height` points tall, kept together, would overrun the current page when
    /// placed next. Never at the top of a page: a block taller than a page starts one and runs on.
    func overruns(_ height: Double) -> Bool {
        isPlanning && holdsBody && used + height > room
    }

    /// Starts a page at `row`; `false` (and no break) once ``breakLimit`` breaks are placed.
    mutating func breakPage(before row: Int) -> Bool {
        guard isPlanning else { return false }
        guard breaks.count < Self.breakLimit else {
            unplannedFrom = row
            return false
        }
        breaks.append(row)
        used = repeated
        holdsBody = false
        return true
    }

    /// The warning once more than ``breakLimit`` breaks were needed, about the sheet at `location`.
    func warning(sheet: String, at location: DefinitionLocation) -> BuildWarning? {
        guard let row = unplannedFrom else { return nil }
        return SheetFrame.warning(at: location, "sheet '\(sheet)' needs more than \(Self.breakLimit) page breaks, "
            + "the most a sheet keeps: from row \(row + 1) on, pages break where the printer puts them, without continued group headings")
    }
}
