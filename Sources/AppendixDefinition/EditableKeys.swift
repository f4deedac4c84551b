import AppendixExpression

// The keys for workbooks officers edit (issue #18): editable columns and what may be typed into
// them, sheet protection, autofilters, defined names and conditional formats beyond RAG.

/// What Excel lets an officer type into an editable column's cells (`validation:`).
package struct CellValidation: Sendable, Equatable {
    /// The values allowed.
    package enum Rule: Sendable, Equatable {
        /// One of these texts, offered in a drop-down (`list:`).
        case list([String])
        /// The values of a defined name's cells (`list_from:`, a name under some sheet's
        /// `names:`): the body cells of a column, such as a source's column on another sheet.
        case listFrom(String)
        /// A number, with or without decimals, within the bounds (`minimum:`, `maximum:`, `whole_numbers:`).
        case number(NumberBounds, wholeNumbers: Bool)
    }

    package var rule: Rule
    /// The title and text shown when the cell is selected (`input_title`, `input_message`).
    package var inputTitle: String?
    package var inputMessage: String?
    /// The title and text of the message refusing a value (`error_title`, `error_message`).
    package var errorTitle: String?
    package var errorMessage: String?
    package var location: DefinitionLocation = .inCode
    package var keyLocations: [String: DefinitionLocation] = [:]

    /// Allows `rule`'s values, with the prompt and refusal texts given (`nil` for Excel's own).
    package init(_ rule: Rule, inputTitle: String? = nil, inputMessage: String? = nil, errorTitle: String? = nil, errorMessage: String? = nil) {
        self.rule = rule
        self.inputTitle = inputTitle
        self.inputMessage = inputMessage
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
    }
}

/// The smallest and largest number allowed; `nil` for no bound on that side.
package struct NumberBounds: Sendable, Equatable {
    package var minimum: Double?
    package var maximum: Double?

    package init(minimum: Double? = nil, maximum: Double? = nil) {
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// A conditional format over a column's body cells (`highlight:`), beyond RAG status colours.
package struct ColumnHighlight: Sendable, Equatable {
    /// What the format shows.
    package enum Kind: Sendable, Equatable {
        /// A bar in each cell, as long as the value against the column's smallest and largest (`data_bar: true`).
        case dataBar
        /// Three arrows (`icons: arrows`): up for the top third of the column's range, level for
        /// the middle third, down for the bottom third (libxlsxwriter 1.1.4 sets only these
        /// percentage thresholds: docs/library-facts.md).
        case arrows
        /// The fill when the cell's number is greater than the value (`above:`).
        case above(Double)
        /// The fill when the cell's number is less than the value (`below:`).
        case below(Double)
        /// The fill when the cell's number is below the `low` column's or above the `high`
        /// column's number on the same row (`outside: [low, high]`, column ids).
        case outside(low: String, high: String)
    }

    package var kind: Kind
    /// The fill of `above`, `below` and `outside` (`colour:`, default red).
    package var colour: HighlightColour
    package var location: DefinitionLocation = .inCode

    /// A conditional format of `kind`, filled with `colour` where it fills.
    package init(_ kind: Kind, colour: HighlightColour = .red) {
        self.kind = kind
        self.colour = colour
    }
}

/// The fills of threshold highlights: the RAG colours of `status_colours`.
package enum HighlightColour: String, Sendable, CaseIterable {
    case red, amber, green

    /// The fill and font colours, as 0xRRGGBB.
    package var fill: UInt32 {
        switch self {
        case .red: 0xFFC7CE
        case .amber: 0xFFEB9C
        case .green: 0xC6EFCE
        }
    }

    package var font: UInt32 {
        switch self {
        case .red: 0x9C0006
        case .amber: 0x9C5700
        case .green: 0x006100
        }
    }
}

/// A workbook-wide name for a column's body cells (`names:` of a sheet: `ProposedFees: recommended`).
package struct DefinedName: Sendable, Equatable {
    package var name: String
    /// The column id whose body cells the name refers to.
    package var column: String
    package var location: DefinitionLocation = .inCode

    package init(name: String, column: String) {
        self.name = name
        self.column = column
    }
}

extension CellValidation {
    /// Excel's limits on the texts of a validation (libxlsxwriter refuses a 33-character title).
    package static let titleCharacters = 32
    package static let messageCharacters = 255
    /// A list's values joined by commas may be at most this long (Excel's limit on the formula).
    package static let listCharacters = 255
}

/// Where a column's links go (`link:`): a field holding each row's whole URL, or a pattern
/// whose `{field}` parts are filled from each row (`https://example.gov.uk/fees/{fee_id}`).
package enum ColumnLink: Sendable, Equatable {
    case field(String)
    case pattern(LinkPattern)
}

/// A link pattern: fixed text and `{field}` parts. Its fixed start is the scheme (`https://` and
/// a host, or `mailto:`), so no CSV value can choose where a link goes beyond its path.
package struct LinkPattern: Sendable, Equatable {
    package enum Part: Sendable, Equatable {
        case literal(String)
        case field(String)
    }

    package var text: String
    package var parts: [Part]

    /// The pattern read from `text`; `nil` when a `{` has no `}` or a `{}` names nothing.
    package init?(_ text: String) {
        self.text = text
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}"), rest.index(after: open) < close else { return nil }
            if open > rest.startIndex { parts.append(.literal(String(rest[..<open]))) }
            parts.append(.field(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        self.parts = parts
    }

    /// The fields the pattern reads, in order.
    package var fields: [String] {
        parts.compactMap { if case .field(let name) = $0 { name } else { nil } }
    }
}

extension ColumnLink {
    /// A `link:` value: a pattern when it has a scheme or `{`, else a field name.
    package static func written(_ text: String) -> ColumnLink? {
        guard text.contains("{") || text.contains(":") else { return .field(text) }
        return LinkPattern(text).map(ColumnLink.pattern)
    }
}

/// Excel's and Appendix's limits on links and notes.
package enum LinkLimits {
    /// Links one sheet may hold (Excel's limit; libxlsxwriter 1.1.4 does not enforce it).
    package static let linksPerSheet = 65_530
    /// Characters of a link's address (libxlsxwriter refuses 2,080).
    package static let urlCharacters = 2_079
    /// Notes (comments) one sheet may hold: Appendix's cap, not Excel's — each note is a shape in
    /// the sheet's drawing, which spreadsheet programs draw slowly by the ten thousand.
    package static let notesPerSheet = 10_000
}
