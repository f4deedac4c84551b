/// Rows read from the start, in file order, as often as needed, without being held: a CSV file,
/// a folder's CSV files, a table in memory, or one partition of a `PartitionedSpill`.
package protocol RowPasses {
    /// Reads every row once: `header` first, with the field names and the file name for messages
    /// (once per pass, before the rows, even when there are none), then `row` for each row.
    func pass(header: (_ names: [String], _ file: String) throws -> Void, row: (DataRow) throws -> Void) throws
}

extension DataTable: RowPasses {
    package func pass(header: (_ names: [String], _ file: String) throws -> Void, row: (DataRow) throws -> Void) throws {
        try header(self.header, file)
        for each in rows { try row(each) }
    }
}
