import Foundation

/// Writes RFC 4180 CSV: fields with commas, quotes or line breaks are quoted, quotes doubled,
/// lines end with LF. Output is built in memory and written atomically.
public struct CSVWriter: Sendable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(header: [String]) {
        self.header = header
    }

    /// The CSV text.
    public var text: String {
        ([header] + rows).map { $0.map(CSVWriter.quoted).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Writes the CSV to `url` through a temporary file and a rename.
    public func write(to url: URL) throws {
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw DataError(file: url.path, message: "cannot write the CSV file: \(error.localizedDescription)")
        }
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
