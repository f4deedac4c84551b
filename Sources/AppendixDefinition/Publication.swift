/// Which layout a definition's workbook is published in (`publish:`; `--accessible` on the
/// command line asks for the accessible one whatever the definition says).
public enum Publication: String, Sendable, CaseIterable {
    /// The committee-pack layout: merged titles, header groups, group headings and subtotals,
    /// notes under the table.
    case print
    /// The accessible layout of the UK Analysis Function's guidance "Releasing statistics in
    /// spreadsheets": a cover, contents and notes sheet, each table an Excel table with one
    /// header row, no merged cells, totals in a table of their own (docs/accessibility.md).
    case accessible
}

/// What the cover sheet of the accessible variant says besides the title (`cover:`).
public struct CoverDetails: Sendable, Equatable {
    /// Where the data comes from.
    public var source: String?
    /// Who to ask about it (a team, an email address).
    public var contact: String?
    /// The publication date as it should read; the build date (`26 November 2026`) when not given.
    public var date: String?

    /// A cover with the given texts (each optional).
    public init(source: String? = nil, contact: String? = nil, date: String? = nil) {
        self.source = source
        self.contact = contact
        self.date = date
    }
}
