extension Formula {
    /// A reference shown as a formula's whole result (the summary's `='Oct 2018'!$B$5`): when
    /// the cell is blank, `IF(ISBLANK(ref),"",ref)`, because spreadsheets show a reference to a
    /// blank cell as 0, and the summary's change columns would then count the month as zero.
    /// A blank month reads as missing, in the cached value and when recalculated.
    package static func resultReference(_ reference: Formula) -> Formula {
        let blank: Bool
        switch reference {
        case .range(_, let values): blank = values == [.blank]
        case .cell(_, let value): blank = value == .blank
        default: blank = false
        }
        return blank ? .function(.if, [.function(.isblank, [reference]), .string(""), reference]) : reference
    }
}
