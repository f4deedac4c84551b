import AppendixData

/// A house style (`style:`): fonts, colours, borders and alignment of each role, number-format
/// defaults, page set-up, page header and footer, a logo and document properties. A style file
/// (`Templates/styles/*.yaml`) is shared by many definitions; the definition's own `style:`
/// mapping overrides it key by key. What neither sets keeps Appendix's built-in look, so a
/// definition without a style builds exactly as before.
package struct HouseStyle: Sendable, Equatable {
    /// The font of every role (`font:`), under each role's own `font:`; its size applies to
    /// roles whose built-in size is the default (the title keeps its larger size).
    package var font = StyleFont()
    /// Each role's look, as far as the style sets it.
    package var roles: [StyleRole: RoleStyle] = [:]
    /// The look of GREEN, AMBER and RED status texts (`status_colours:` columns).
    package var status: [StatusColour: RoleStyle] = [:]
    /// What the format names `money`, `percent` and `count` stand for (`formats:`).
    package var formats: [NumberFormatDefault: NumberFormat] = [:]
    /// Paper, orientation and margins for sheets whose `print:` does not set them.
    package var page = PageStyle()
    /// Page header and footer for sheets whose `print:` does not set them.
    package var header: PageText?
    package var footer: PageText?
    /// The logo image (`logo:`), a PNG or JPEG relative to the data folder, shown in the page
    /// header section holding `{logo}`.
    package var logo: String?
    /// Document properties (`properties:`).
    package var properties = DocumentProperties()
    /// The style file (`style: file`), for messages; `nil` for a style written in the definition alone.
    package var file: String?
    /// Where each key is written (`roles.header.fill`, `logo`), for messages.
    package var keyLocations: [String: DefinitionLocation] = [:]

    package init() {}

    /// Whether the style sets nothing: the built-in look.
    package var isEmpty: Bool { self == HouseStyle() }

    /// This style with every key `other` sets taken from `other` (the definition over its style file).
    package func overlaid(by other: HouseStyle) -> HouseStyle {
        var merged = self
        merged.font = font.overlaid(by: other.font)
        for (role, style) in other.roles { merged.roles[role] = (roles[role] ?? RoleStyle()).overlaid(by: style) }
        for (colour, style) in other.status { merged.status[colour] = (status[colour] ?? RoleStyle()).overlaid(by: style) }
        merged.formats.merge(other.formats) { $1 }
        merged.page = page.overlaid(by: other.page)
        merged.header = other.header ?? header
        merged.footer = other.footer ?? footer
        merged.logo = other.logo ?? logo
        merged.properties = properties.overlaid(by: other.properties)
        merged.file = other.file ?? file
        merged.keyLocations.merge(other.keyLocations) { $1 }
        return merged
    }
}

/// A part of a sheet a house style styles.
package enum StyleRole: String, Sendable, CaseIterable {
    case title, subtitle, header, body
    case groupHeading = "group_heading"
    case subtotal, total, notes
}

/// A status text coloured by `status_colours:`.
package enum StatusColour: String, Sendable, CaseIterable {
    case green, amber, red
}

/// The number formats a style may redefine, by the names columns use.
package enum NumberFormatDefault: String, Sendable, CaseIterable {
    case money, percent, count
}

/// The fonts Appendix ships metrics for, so columns and rows are sized to the text: a style may
/// name only these (Calibri measured with Carlito, Arial with Liberation Sans).
package enum FontName: String, Sendable, CaseIterable, Hashable {
    case calibri = "Calibri"
    case arial = "Arial"

    /// The font called `name`, ignoring case; `nil` for a font without metrics.
    package init?(named name: String) {
        guard let font = Self.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else { return nil }
        self = font
    }

    /// "Calibri, Arial", for messages.
    package static var supportedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A cell border's weight.
package enum BorderWeight: String, Sendable, CaseIterable, Hashable {
    case none, thin, medium, thick
}

/// A role's fill: none, or a colour.
package enum RoleFill: Sendable, Equatable {
    case none
    case colour(RGB)
}

/// A role's font, as far as a style sets it.
package struct StyleFont: Sendable, Equatable {
    package var name: FontName?
    /// Size in points (6 to 72).
    package var size: Double?
    package var bold: Bool?
    package var italic: Bool?
    package var colour: RGB?

    package init() {}

    package func overlaid(by other: StyleFont) -> StyleFont {
        var merged = self
        merged.name = other.name ?? name
        merged.size = other.size ?? size
        merged.bold = other.bold ?? bold
        merged.italic = other.italic ?? italic
        merged.colour = other.colour ?? colour
        return merged
    }
}

/// One role's look, as far as a style sets it; what it leaves `nil` keeps the built-in look.
package struct RoleStyle: Sendable, Equatable {
    package var font = StyleFont()
    package var fill: RoleFill?
    package var border: BorderWeight?
    package var alignment: HorizontalAlignment?

    package init() {}

    func overlaid(by other: RoleStyle) -> RoleStyle {
        var merged = self
        merged.font = font.overlaid(by: other.font)
        merged.fill = other.fill ?? fill
        merged.border = other.border ?? border
        merged.alignment = other.alignment ?? alignment
        return merged
    }
}

/// Page margins in inches.
package struct PageMargins: Sendable, Equatable, Hashable {
    package var left: Double, right: Double, top: Double, bottom: Double

    package init(left: Double, right: Double, top: Double, bottom: Double) {
        self.left = left
        self.right = right
        self.top = top
        self.bottom = bottom
    }

    /// libxlsxwriter's (and Excel's) defaults: 0.7 inch at the sides, 0.75 at top and bottom.
    package static let standard = PageMargins(left: 0.7, right: 0.7, top: 0.75, bottom: 0.75)
}

/// A style's page set-up, as far as it sets it.
package struct PageStyle: Sendable, Equatable {
    package var paper: PrintSetup.Paper?
    package var orientation: PrintSetup.Orientation?
    package var margins: PageMargins?

    package init() {}

    func overlaid(by other: PageStyle) -> PageStyle {
        PageStyle(paper: other.paper ?? paper, orientation: other.orientation ?? orientation, margins: other.margins ?? margins)
    }

    init(paper: PrintSetup.Paper?, orientation: PrintSetup.Orientation?, margins: PageMargins?) {
        self.paper = paper
        self.orientation = orientation
        self.margins = margins
    }
}

/// A document property (`properties:`), by its YAML key.
package enum DocumentProperty: String, Sendable, CaseIterable {
    case title, subject, author, manager, company, category, keywords, comments, status
}

/// Document properties shown in the file's properties.
package struct DocumentProperties: Sendable, Equatable {
    /// The properties set.
    package var values: [DocumentProperty: String] = [:]

    package init() {}

    package subscript(property: DocumentProperty) -> String? {
        get { values[property] }
        set { values[property] = newValue }
    }

    func overlaid(by other: DocumentProperties) -> DocumentProperties {
        DocumentProperties(values: values.merging(other.values) { $1 })
    }

    init(values: [DocumentProperty: String]) {
        self.values = values
    }

    /// Whether any property is set.
    package var isEmpty: Bool { values.isEmpty }
}
