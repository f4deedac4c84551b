/// Excel's worksheet limits, checked before anything is written.
enum ExcelLimits {
    static let rows = 1_048_576
    static let columns = 16_384
    static let cellCharacters = 32_767
    static let sheetNameCharacters = 31

    /// The length of a sheet name as Excel counts it: UTF-16 units, so an emoji counts 2. This
    /// is never less than libxlsxwriter's count (Unicode code points, so a decomposed `é` counts
    /// 2), so a name that passes here passes both.
    static func sheetNameLength(_ name: String) -> Int {
        name.utf16.count
    }

    /// Whether `text` is longer than a cell can hold (Excel counts UTF-16 units; the O(1) UTF-8
    /// count, never smaller, rules out almost every text first).
    static func isTooLongForACell(_ text: String) -> Bool {
        text.utf8.count > cellCharacters && text.utf16.count > cellCharacters
    }
}
