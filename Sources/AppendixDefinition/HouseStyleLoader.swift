import AppendixData
import Foundation

/// Reads a house style: a style file (`Templates/styles/*.yaml`) or the `style:` key of a
/// definition, which names a file (`style: styles/corporate.yaml`) or is a mapping of the same
/// keys as a style file plus `file:`, its keys overriding the file's.
enum HouseStyleLoader {
    /// The keys of a style file.
    static let keys = ["font", "roles", "status", "formats", "page", "header", "footer", "logo", "properties"]

    /// The definition's `style:` key: the style file it names (relative to `directory`, the
    /// definition's folder) overlaid by its own keys.
    static func style(_ node: YAMLNode, directory: URL) throws -> HouseStyle {
        var style: HouseStyle
        if case .scalar = node.node {
            style = try file(node, directory: directory)
        } else {
            let entries = try node.mapping(allowed: ["file"] + keys)
            let base = try entries["file"].map { try file($0, directory: directory) } ?? HouseStyle()
            style = base.overlaid(by: try self.style(entries))
        }
        try checkLogo(style, definitionFile: node.file)
        return style
    }

    /// The style file named at `node`.
    private static func file(_ node: YAMLNode, directory: URL) throws -> HouseStyle {
        let name = try node.string()
        let url = (name.hasPrefix("/") ? URL(fileURLWithPath: name) : directory.appendingPathComponent(name)).standardizedFileURL
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw node.error("the style file '\(name)' does not exist (looked for \(url.path))")
        }
        let current = FileManager.default.currentDirectoryPath + "/"
        let displayName = url.path.hasPrefix(current) ? String(url.path.dropFirst(current.count)) : url.path
        let text = try YAMLNode.text(of: url, name: displayName, kind: "style")
        let top = try YAMLNode.document(text, file: displayName, emptyMessage: "the style file is empty: expected some of \(keys.joined(separator: ", "))")
        var style = try style(try top.mapping(allowed: keys))
        style.file = displayName
        return style
    }

    /// A style from the entries of its mapping.
    private static func style(_ entries: [String: YAMLNode]) throws -> HouseStyle {
        var style = HouseStyle()
        style.font = try entries["font"].map(font) ?? StyleFont()
        if let node = entries["roles"] {
            let roles = try node.mapping(allowed: StyleRole.allCases.map(\.rawValue))
            for role in StyleRole.allCases { style.roles[role] = try roles[role.rawValue].map(self.role) }
        }
        if let node = entries["status"] {
            let colours = try node.mapping(allowed: StatusColour.allCases.map(\.rawValue))
            for colour in StatusColour.allCases { style.status[colour] = try colours[colour.rawValue].map(role) }
        }
        if let node = entries["formats"] {
            let formats = try node.mapping(allowed: NumberFormatDefault.allCases.map(\.rawValue))
            for name in NumberFormatDefault.allCases { style.formats[name] = try formats[name.rawValue].map(formatCode) }
        }
        style.page = try entries["page"].map(page) ?? PageStyle()
        style.header = try entries["header"].map { try pageText($0, logoAllowed: true) }
        style.footer = try entries["footer"].map { try pageText($0, logoAllowed: false) }
        style.logo = try entries["logo"]?.string()
        if let node = entries["properties"] {
            let properties = try node.mapping(allowed: DocumentProperty.allCases.map(\.rawValue))
            for property in DocumentProperty.allCases { style.properties[property] = try properties[property.rawValue]?.string() }
        }
        style.keyLocations = locations(of: entries)
        return style
    }

    /// Where each key and nested key is written (`roles.header.fill`).
    private static func locations(of entries: [String: YAMLNode]) -> [String: DefinitionLocation] {
        var found: [String: DefinitionLocation] = [:]
        func visit(_ key: String, _ node: YAMLNode) {
            found[key] = node.location
            guard case .mapping(let mapping) = node.node else { return }
            for (keyNode, value) in mapping {
                let name = keyNode.string ?? ""
                visit("\(key).\(name)", YAMLNode(node: value, path: "\(node.path).\(name)", file: node.file))
            }
        }
        for (key, node) in entries { visit(key, node) }
        return found
    }

    /// A logo needs a header section holding `{logo}`, `{logo}` needs a logo, and appears
    /// once: libxlsxwriter refuses a header whose `&G` codes and images differ in number (and
    /// then crashes closing the workbook, docs/library-facts.md).
    private static func checkLogo(_ style: HouseStyle, definitionFile: String) throws {
        func place(_ key: String) -> DefinitionLocation {
            style.keyLocations[key] ?? DefinitionLocation(file: definitionFile, path: "style", line: 1, column: 1)
        }
        let logos = style.header.map { header in
            header.sections.values.map { $0.components(separatedBy: "{logo}").count - 1 }.reduce(0, +)
        } ?? 0
        if let logo = style.logo, logos == 0 {
            throw DefinitionError(place("logo"), "a logo is shown in the page header: put {logo} in one of header.left, header.center or header.right", value: logo)
        }
        if logos > 1 { throw DefinitionError(place("header"), "{logo} may appear once in the header, found \(logos) times") }
        if logos == 1, style.logo == nil {
            throw DefinitionError(place("header"), "the header shows {logo} but the style has no 'logo' (a PNG file in the data folder)")
        }
    }

    private static func role(_ node: YAMLNode) throws -> RoleStyle {
        let entries = try node.mapping(allowed: ["font", "fill", "border", "align"])
        var role = RoleStyle()
        role.font = try entries["font"].map(font) ?? StyleFont()
        role.fill = try entries["fill"].map { node in
            if try node.string().lowercased() == "none" { return RoleFill.none }
            return .colour(try colour(node))
        }
        role.border = try entries["border"]?.choice(BorderWeight.self)
        role.alignment = try entries["align"]?.choice(HorizontalAlignment.self)
        return role
    }

    private static func font(_ node: YAMLNode) throws -> StyleFont {
        let entries = try node.mapping(allowed: ["name", "size", "bold", "italic", "colour"])
        var font = StyleFont()
        if let nameNode = entries["name"] {
            let name = try nameNode.string()
            guard let found = FontName(named: name) else { throw nameNode.error(FontName.unsupportedMessage(name)) }
            font.name = found
        }
        font.size = try entries["size"]?.number(in: 6...72)
        font.bold = try entries["bold"]?.bool()
        font.italic = try entries["italic"]?.bool()
        font.colour = try entries["colour"].map(colour)
        return font
    }

    /// `#RRGGBB` (or `RRGGBB`).
    static func colour(_ node: YAMLNode) throws -> RGB {
        let text = try node.string()
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard digits.count == 6, let colour = RGB(hex: digits) else {
            throw node.error("expected a colour as #RRGGBB (such as #1F3864), found '\(text)'")
        }
        return colour
    }

    private static func formatCode(_ node: YAMLNode) throws -> NumberFormat {
        let text = try node.string()
        guard !text.isEmpty, NumberFormat.named(text) != nil else {
            throw node.error("expected an Excel format code such as '£#,##0' or a format name, found '\(text)'")
        }
        // A name resolves as the built-in preset, never as another default (no chains).
        return NumberFormat.named(text) ?? .general
    }

    private static func page(_ node: YAMLNode) throws -> PageStyle {
        let entries = try node.mapping(allowed: ["paper", "orientation", "margins"])
        var page = PageStyle()
        page.paper = try entries["paper"]?.choice(PrintSetup.Paper.self)
        page.orientation = try entries["orientation"]?.choice(PrintSetup.Orientation.self)
        page.margins = try entries["margins"].map { node in
            let sides = try node.mapping(allowed: ["left", "right", "top", "bottom"])
            let standard = PageMargins.standard
            func side(_ key: String, _ value: Double) throws -> Double { try sides[key]?.number(in: 0...5) ?? value }
            return PageMargins(left: try side("left", standard.left), right: try side("right", standard.right),
                               top: try side("top", standard.top), bottom: try side("bottom", standard.bottom))
        }
        return page
    }

    /// `header:`/`footer:`: a mapping of `left`, `center` and `right` texts with fields.
    private static func pageText(_ node: YAMLNode, logoAllowed: Bool) throws -> PageText {
        let entries = try node.mapping(allowed: PageText.Section.allCases.map(\.rawValue))
        var text = PageText()
        for section in PageText.Section.allCases {
            guard let child = entries[section.rawValue] else { continue }
            let value = try child.string()
            let unknown = PageText.unknownFields(in: value) + (logoAllowed || !value.contains("{logo}") ? [] : ["logo"])
            if let field = unknown.first {
                let allowed = PageText.fieldNames.filter { logoAllowed || $0 != "logo" }.map { "{\($0)}" }.joined(separator: ", ")
                throw child.error("unknown field '{\(field)}'\(field == "logo" ? " (the logo goes in the header)" : ""); use \(allowed)")
            }
            text.sections[section] = value
        }
        return text
    }
}

extension FontName {
    /// The message for a font without metrics, naming the fonts with them.
    package static func unsupportedMessage(_ name: String) -> String {
        "font '\(name)' has no metrics to size columns and rows with; supported fonts: \(supportedList)"
    }
}
