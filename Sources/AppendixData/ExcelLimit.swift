/// Which limit of Excel (or of Appendix itself) an input goes over, carried by the error that
/// refuses it (``AppendixError/limit``) so callers and tests can tell limits apart by case,
/// not by the wording of the message. `found` is what the input needs, `maximum` what the
/// limit allows (from `ExcelLimits` and `FormulaLimits`, which hold the numbers).
public enum ExcelLimit: Sendable, Hashable {
    /// A sheet's rows (1,048,576 in Excel), counting its title, headers, totals and notes:
    /// `dataRowsThatFit` data rows fit on sheet `sheet`.
    case sheetRows(sheet: String, dataRowsThatFit: Int, maximum: Int)
    /// A sheet's columns (16,384).
    case sheetColumns(found: Int, maximum: Int)
    /// The text of one cell (32,767 characters, counted as Excel does in UTF-16 units).
    case cellCharacters(found: Int, maximum: Int)
    /// A sheet name (31 characters, UTF-16 units).
    case sheetNameCharacters(found: Int, maximum: Int)
    /// One formula (8,192 characters without the `=`). `found` is a lower bound when the
    /// formula is too long to be worth building (over 100,000).
    case formulaCharacters(found: Int, maximum: Int)
    /// Functions nested inside one another in one formula (64).
    case formulaNesting(found: Int, maximum: Int)
    /// A number format code (255 characters).
    case numberFormatCharacters(found: Int, maximum: Int)
    /// A page header or footer (255 characters).
    case pageHeaderFooterCharacters(found: Int, maximum: Int)
    /// A number beyond Excel's largest (about 1.8E+308): a computed result or a total.
    case numberSize
    /// Appendix's own limit on operators, functions and signs inside one another in one
    /// expression (its parser's depth).
    case expressionDepth(maximum: Int)
    /// Appendix's own limit on brackets, functions and signs nested in one expression.
    case expressionNesting(maximum: Int)
}
