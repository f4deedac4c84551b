import AppendixData
import AppendixDefinition
import AppendixExpression

/// A row a check names: a CSV file and line (and, for `keys_in:`, the key missing there).
public struct CheckRow: Sendable, Equatable, CustomStringConvertible {
    /// The CSV file, as shown in messages.
    public var file: String
    /// The 1-based line of the row in the CSV file.
    public var line: Int
    /// The key a `keys_in:` check did not find on the sheet.
    public var key: String?

    package init(file: String, line: Int, key: String? = nil) {
        self.file = file
        self.line = line
        self.key = key
    }

    public var description: String { key.map { "\($0) (\(file):\(line))" } ?? "\(file):\(line)" }
}

/// What one check found: whether it holds, what was expected and what was found, and (for
/// `each:` and `keys_in:`) the first rows that break it.
public struct CheckOutcome: Sendable, Equatable {
    /// The most rows listed per check.
    package static let rowsListed = 10

    /// The check's name.
    public var name: String
    /// The sheet it checks.
    public var sheet: String
    /// Whether it holds.
    public var passed: Bool
    /// What must hold, with the figures it compares against.
    public var expected: String
    /// What the workbook holds.
    public var found: String
    /// The first rows (at most ten) that break the check.
    public var rows: [CheckRow] = []
    /// How many rows break it in all.
    public var rowCount = 0
    /// Where the check is written in the definition, for messages.
    package var location: DefinitionLocation

    /// `check 'NAME' (sheet 'S'): expected …; found …: rows`, one line.
    public var message: String {
        var text = "check '\(name)' (sheet '\(sheet)'): expected \(expected); found \(found)"
        if !rows.isEmpty {
            text += ": " + rows.map(\.description).joined(separator: ", ")
            if rowCount > rows.count { text += " and \(rowCount - rows.count) more" }
        }
        return text
    }
}

/// Checks of the definition that do not hold: the build stops before the workbook is written
/// (the previous workbook stays as it was), unless told to warn only.
public struct CheckFailures: AppendixError, Equatable {
    /// The definition file.
    public var file: String
    /// Every check that failed, in definition order.
    public var failures: [CheckOutcome]
    /// How many checks there were.
    public var checked: Int
    /// What the failure stops, for the message.
    package var consequence = "so no workbook is written (--warn-only writes it with a Checks sheet)"

    package init(file: String, failures: [CheckOutcome], checked: Int) {
        self.file = file
        self.failures = failures
        self.checked = checked
    }

    public var line: Int? { failures.first.map(\.location.line).flatMap { $0 > 0 ? $0 : nil } }
    public var keyPath: String? { failures.first?.location.path }

    public var message: String {
        let count = failures.count == 1 ? "1 of \(checked) checks failed" : "\(failures.count) of \(checked) checks failed"
        return "\(count), \(consequence):\n" + failures.map { "  " + $0.message }.joined(separator: "\n")
    }

    public var description: String { "\(file): \(message)" }
}
