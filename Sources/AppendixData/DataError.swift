/// A problem with an input CSV file, located by file, line and (where known) column.
public struct DataError: AppendixError, Equatable {
    /// The path of the file as the user gave it.
    public var file: String
    /// The 1-based line, or `nil` for whole-file problems (unreadable, empty).
    public var line: Int?
    /// The CSV column header the problem concerns, if any.
    public var column: String?
    /// What was expected and what was found.
    public var message: String
    /// The offending cell text or value, when known.
    public var value: String?
    /// The Excel limit the data goes over, when that is the problem.
    public var limit: ExcelLimit?

    package init(file: String, line: Int? = nil, column: String? = nil, message: String, value: String? = nil, limit: ExcelLimit? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.value = value
        self.limit = limit
    }

    public var csvColumn: String? { column }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ", column '\(column)'" }
        return "\(location): \(message)"
    }
}
