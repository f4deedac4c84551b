/// Something a build went on with but a reader of the workbook should know, such as values
/// left out of totals. Printed as `appendix: warning: …` by the command line.
public struct BuildWarning: Sendable, Equatable, CustomStringConvertible {
    /// The CSV file, as shown in messages.
    public var file: String
    /// The CSV column header concerned, if any.
    public var column: String?
    /// The first lines concerned (at most five), in file order.
    public var lines: [Int]
    /// How many values are concerned in all.
    public var count: Int
    /// What happened, with the count and the lines.
    public var message: String

    package init(file: String, column: String?, lines: [Int], count: Int, message: String) {
        self.file = file
        self.column = column
        self.lines = lines
        self.count = count
        self.message = message
    }

    public var description: String {
        "\(file)\(column.map { ", column '\($0)'" } ?? ""): \(message)"
    }
}
