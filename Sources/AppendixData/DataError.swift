/// A problem with an input CSV file, located by file, line and (where known) column.
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path of the file as the user gave it.
    public var file: String
    /// The 1-based line, or `nil` for whole-file problems (unreadable, empty).
    public var line: Int?
    /// The CSV column header the problem concerns, if any.
    public var column: String?
    /// What was expected and what was found.
    public var message: String

    public init(file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ", column '\(column)'" }
        return "\(location): \(message)"
    }
}
