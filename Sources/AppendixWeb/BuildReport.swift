import AppendixKit
import Foundation

/// A problem found in the inputs or the definition, placed as precisely as the library knows.
struct Problem: Codable, Sendable, Equatable {
    var file: String
    var line: Int?
    /// The CSV column's header, or the character on the line (definitions).
    var column: String?
    var keyPath: String?
    var value: String?
    var message: String
}

/// `inspect`'s summary of one column.
struct ColumnLine: Codable, Sendable, Equatable {
    var name: String
    var type: String
    var blanks: Int
    var notApplicable: Int
    var distinct: String
    /// `2 values not number: line 4 'abc', …`, when some values do not fit the column's type.
    var misfits: String?
    var markup: String?
}

/// `inspect`'s summary of one input file.
struct InputSummary: Codable, Sendable, Equatable {
    var source: String
    var name: String
    var rows: Int
    var columns: [ColumnLine]
}

/// A row of the proposed fee table with its reason.
struct FeeLine: Codable, Sendable, Equatable {
    var key: String
    var description: String
    var current: String
    var proposed: String
    var change: String
    var reason: String
    var benchmark: String?
    var flagged: Bool
}

/// What a build found and made, kept as `report.json` in its folder so its page can be shown
/// again from the history.
struct BuildReport: Codable, Sendable, Equatable {
    var problems: [Problem] = []
    var inputs: [InputSummary] = []
    var sheets: [String] = []
    var warnings: [String] = []
    var fees: [FeeLine] = []
    /// The change log of a fee import (optional, so reports written before it still decode).
    var importedChanges: [ImportedFeeChange]?
    var summary: String?
}

extension BuildReport {
    /// Each sheet of a build as its page lists it: `Fees 2019-20 (31 rows)`.
    static func sheetLines(_ summary: ReportBuild.Summary) -> [String] {
        summary.sheets.map { "\($0.name) (\($0.rows) row\($0.rows == 1 ? "" : "s"))" }
    }
}

/// Turns the library's file paths into the names the user knows: an uploaded file's own name,
/// a data-folder file's name, the definition's file name. No server path reaches a page.
struct DisplayNames: Sendable {
    private var names: [(path: String, name: String)] = []
    private var folders: [String] = []

    init(hiding folders: [URL]) {
        self.folders = folders.map { $0.standardizedFileURL.path + "/" }
    }

    mutating func add(_ url: URL, as name: String) {
        names.append((url.standardizedFileURL.path, name))
        names.append((url.relativeDisplayPath, name))
    }

    func scrub(_ text: String) -> String {
        var text = text
        for entry in names.sorted(by: { $0.path.count > $1.path.count }) { text = text.replacingOccurrences(of: entry.path, with: entry.name) }
        for folder in folders { text = text.replacingOccurrences(of: folder, with: "") }
        return text
    }

    func problem(_ error: Error) -> Problem {
        guard let error = error as? AppendixError else { return Problem(file: "", message: scrub("internal error: \(error)")) }
        let column = error.csvColumn ?? error.characterColumn.map { "character \($0)" }
        return Problem(file: scrub(error.file), line: error.line, column: column, keyPath: error.keyPath, value: error.value, message: scrub(error.message))
    }
}

extension InputSummary {
    /// `inspect` of one CSV file.
    static func inspect(source: String, name: String, url: URL) throws -> InputSummary {
        let columns = try ColumnProfile.profile(CSVReader(url: url, displayName: name))
        return InputSummary(source: source, name: name, rows: columns.first?.rows ?? 0, columns: columns.map(ColumnLine.init))
    }
}

extension ColumnLine {
    init(_ column: ColumnProfile) {
        name = column.name
        type = column.kind.rawValue
        blanks = column.blanks
        notApplicable = column.notApplicable
        distinct = column.distinctText
        if column.misfitCount > 0 {
            let examples = column.misfits.map { "line \($0.line) '\($0.text)'" }.joined(separator: ", ")
            misfits = "\(column.misfitCount) value\(column.misfitCount == 1 ? "" : "s") not \(column.kind.rawValue): \(examples)"
        }
        markup = column.commonMarkup.map { "looks like HTML (\($0)): set markup: html" }
    }
}
