/// One record of a CSV file: its fields and the physical line on which it starts.
package struct CSVRecord: Sendable, Equatable {
    /// The 1-based line of the file on which the record starts.
    package var line: Int
    /// The record's fields, unquoted, in file order.
    package var fields: [String]

    package init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
