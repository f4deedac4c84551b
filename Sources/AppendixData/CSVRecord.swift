/// One record of a CSV file: its fields and the physical line on which it starts.
public struct CSVRecord: Sendable, Equatable {
    /// The 1-based line of the file on which the record starts.
    public var line: Int
    /// The record's fields, unquoted, in file order.
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
