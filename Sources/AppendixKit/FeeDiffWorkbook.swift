import AppendixFees
import AppendixRender
import Foundation

extension FeeDiff {
    /// Writes `entries` as a workbook at `url`: status, fee key, descriptions, old and new
    /// amounts, and the change in £ and % as live formulas with their cached values. Written
    /// like a build's workbook (temporary file beside `url`, checked, renamed), so on any error
    /// a previous file at `url` is left as it was. `displayName` names the file in errors.
    ///
    /// Here rather than in AppendixFees because the fee stage does not depend on the renderer.
    public static func writeWorkbook(_ entries: [Entry], title: String, to url: URL, displayName: String? = nil) throws {
        try WorkbookRenderer().write(layout(entries, title: title), to: url, displayName: displayName)
    }
}
