import AppendixData
import AppendixZip
import Foundation

/// A workbook that `appendix check` could not read: not a zip, a damaged or hostile package
/// (over a size limit, a zip bomb, a DTD), or XML that does not parse.
public struct WorkbookReadError: AppendixError, Equatable {
    /// The workbook, as the user named it.
    public var file: String
    /// The part of the package the problem is in (`xl/worksheets/sheet1.xml`); nil for the zip as a whole.
    public var part: String?
    /// Why it could not be read.
    public var reason: String

    /// `cannot be read: <part> <reason>`.
    public var message: String { "cannot be read: " + (part.map { "\($0) " } ?? "") + reason }
    /// `file: message`, as the command prints it.
    public var description: String { "\(file): \(message)" }
}

/// Checks any xlsx workbook against the Analysis Function's accessibility guidance for
/// spreadsheets; the rules are ``AccessibilityRule``'s cases (docs/accessibility.md).
/// Files from anyone are read within limits (part sizes, entries, compression ratio) and XML
/// parts with a DTD are refused.
public enum WorkbookCheck {
    /// The findings for the workbook at `url`, in a fixed order: workbook rules, then each sheet
    /// in tab order. `displayName` is the name errors give (default: the path).
    public static func check(_ url: URL, displayName: String? = nil) throws(WorkbookReadError) -> [AccessibilityFinding] {
        try check(url, displayName: displayName, limits: ZipLimits())
    }

    package static func check(_ url: URL, displayName: String?, limits: ZipLimits) throws(WorkbookReadError) -> [AccessibilityFinding] {
        let name = displayName ?? url.path
        do {
            let content = try PackageReader(path: url.path, limits: limits).read()
            return WorkbookRules(workbook: content).findings
        } catch {
            throw WorkbookReadError(file: name, part: error.part.isEmpty ? nil : error.part, reason: error.reason)
        }
    }
}
