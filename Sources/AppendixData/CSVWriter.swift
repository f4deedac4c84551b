import Foundation

/// Writes RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled,
/// lines end with LF. Output is built in memory and written atomically.
package struct CSVWriter: Sendable {
    package var header: [String]
    package var rows: [[String]] = []

    package init(header: [String]) {
        self.header = header
    }

    /// The CSV text.
    package var text: String {
        ([header] + rows).map(CSVWriter.line).joined(separator: "\n") + "\n"
    }

    /// Writes the CSV to `url` through a temporary file and a rename.
    package func write(to url: URL) throws {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw DataError(file: url.path, message: "cannot write the CSV file: \(error.localizedDescription)")
        }
    }

    /// One record; a record of a single empty field is written `""` so it is not a blank line.
    package static func line(_ fields: [String]) -> String {
        fields == [""] ? "\"\"" : fields.map(quoted).joined(separator: ",")
    }

    package static func quoted(_ field: String) -> String {
        // Unicode scalars, not Characters: "\r\n" is one Character that equals neither "\r" nor "\n".
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
