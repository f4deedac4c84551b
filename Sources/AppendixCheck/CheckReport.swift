import Foundation

/// The result of checking several workbooks, as `appendix check` prints it: text, one line per
/// finding, or JSON (`--format json`; field names are stable, see docs/accessibility.md).
public struct CheckReport: Sendable, Equatable, Codable {
    /// One workbook's result.
    public struct FileResult: Sendable, Equatable, Codable {
        /// The workbook, as named on the command line.
        public var file: String
        /// Why it could not be read (then `findings` is empty); nil when it was read.
        public var error: String?
        /// What it breaks, in order.
        public var findings: [AccessibilityFinding]

        private enum CodingKeys: String, CodingKey { case file, error, findings }

        /// Writes `error` as null when the file was read, so every field is always present.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(file, forKey: .file)
            try container.encode(error, forKey: .error)
            try container.encode(findings, forKey: .findings)
        }
    }

    /// Counts over all the files.
    public struct Summary: Sendable, Equatable, Codable {
        /// Workbooks checked.
        public var files: Int
        /// Workbooks with no finding that could be read.
        public var clean: Int
        /// Workbooks that could not be read.
        public var unreadable: Int
        /// Findings in all.
        public var findings: Int
    }

    /// Each workbook in the order given.
    public var files: [FileResult]

    /// Checks each of `urls` (named as in `names`), going on past a file that cannot be read.
    public init(checking urls: [URL], names: [String]) {
        files = zip(urls, names).map { url, name in
            do throws(WorkbookReadError) {
                return FileResult(file: name, error: nil, findings: try WorkbookCheck.check(url, displayName: name))
            } catch {
                return FileResult(file: name, error: error.message, findings: [])
            }
        }
    }

    /// The counts.
    public var summary: Summary {
        Summary(files: files.count, clean: files.filter { $0.error == nil && $0.findings.isEmpty }.count,
                unreadable: files.filter { $0.error != nil }.count, findings: files.map(\.findings.count).reduce(0, +))
    }

    /// Whether every file was read and had no finding (the command's exit status 0).
    public var isClean: Bool { summary.clean == files.count }

    /// One line per finding (`file: rule place: message; fix: …`), then the summary line. Files
    /// that could not be read are only counted here: the command reports each as an error.
    public var text: String {
        let lines = files.flatMap { file in file.findings.map { "\(file.file): \($0.line)" } }
        let summary = self.summary
        let counts = "check: \(summary.files) workbook\(summary.files == 1 ? "" : "s"), \(summary.findings) finding\(summary.findings == 1 ? "" : "s")"
            + ", \(summary.clean) clean" + (summary.unreadable > 0 ? ", \(summary.unreadable) could not be read" : "")
        return (lines + [counts]).joined(separator: "\n") + "\n"
    }

    private enum CodingKeys: String, CodingKey { case files, summary }

    /// The report as JSON: `{"files": [{"file", "error", "findings": [{"rule", "sheet", "range",
    /// "message", "fix", "checklistItem"}]}], "summary": {"files", "clean", "unreadable", "findings"}}`.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding strings, integers and nulls cannot fail; an empty object would show if it did.
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    /// Reads a report written by ``json()``.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        files = try container.decode([FileResult].self, forKey: .files)
    }

    /// Writes the files and the summary.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(files, forKey: .files)
        try container.encode(summary, forKey: .summary)
    }
}
