import AppendixData
import AppendixDefinition

/// The one place that maps a role (title, header, body, totals, …) to its ``CellStyle``: the
/// built-in look (``CellStyle``'s static styles) with the house style over it. Without a house
/// style every style is exactly the built-in one.
package struct CellRoles: Sendable {
    package let style: HouseStyle

    package init(_ style: HouseStyle) {
        self.style = style
    }

    /// Appendix's built-in look.
    package static let builtIn = CellRoles(HouseStyle())

    package var title: CellStyle { styled(.title, CellStyle.title) }
    package var subtitle: CellStyle { styled(.subtitle, CellStyle.subtitle) }
    package var header: CellStyle { styled(.header, CellStyle.header) }
    package var note: CellStyle { styled(.notes, CellStyle.note) }
    package var groupHeading: CellStyle { styled(.groupHeading, CellStyle.groupHeading) }
    /// A plain body cell (a text in General format), as the body role styles it.
    package var plainBody: CellStyle { styled(.body, CellStyle()) }

    /// A body cell of `column`: the column's own `align` beats the style's.
    package func body(_ column: ColumnDefinition) -> CellStyle {
        var cell = styled(.body, CellStyle.body(column))
        if let alignment = column.alignment { cell.alignment = alignment }
        return cell
    }

    /// A cell of a subtotal row, or (`grand`) of the grand-total row: the body cell with the
    /// total role over it.
    package func total(_ column: ColumnDefinition, grand: Bool) -> CellStyle {
        totalStyled(CellStyle.total(column, grand: grand), grand: grand, alignable: column.alignment == nil)
    }

    /// `builtIn` with the body role's font (not its boldness) and, when `alignable`, alignment,
    /// then the total or subtotal role, over it.
    private func totalStyled(_ builtIn: CellStyle, grand: Bool, alignable: Bool) -> CellStyle {
        var cell = builtIn
        let body = style.roles[.body]
        var font = body?.font ?? StyleFont()
        font.bold = nil
        cell.apply(RoleStyle(font: font, alignment: alignable ? body?.alignment : nil), base: style.font)
        cell.apply(style.roles[grand ? .total : .subtotal], base: StyleFont())
        return cell
    }

    /// Each role's text and fill colours where they contrast less than WCAG 2 AA's 4.5:1 (a
    /// role without a fill is measured on white, automatic text as black).
    package func lowContrast() -> [RoleContrast] {
        var totalBase = CellStyle()
        totalBase.bold = true
        let roles: [(String, CellStyle)] = [
            ("title", title), ("subtitle", subtitle), ("header", header), ("body", plainBody), ("group_heading", groupHeading),
            ("subtotal", totalStyled({ var cell = totalBase; cell.fill = 0xF2F2F2; return cell }(), grand: false, alignable: true)),
            ("total", totalStyled({ var cell = totalBase; cell.fill = 0xD9E1F2; return cell }(), grand: true, alignable: true)),
            ("notes", note),
        ]
        let looks = roles.map { RoleContrast(key: "roles.\($0.0)", text: RGB(value: $0.1.fontColour ?? 0), fill: RGB(value: $0.1.fill ?? 0xFFFFFF)) }
            + StatusColour.allCases.map { colour in
                let look = status(colour)
                return RoleContrast(key: "status.\(colour.rawValue)", text: RGB(value: look.fontColour), fill: RGB(value: look.fill))
            }
        return looks.filter { $0.ratio < RGB.minimumTextContrast }
    }

    /// The conditional fill and text colour of a status text.
    package func status(_ colour: StatusColour) -> StatusLook {
        let builtIn: StatusLook = switch colour {
        case .green: StatusLook(fill: 0xC6EFCE, fontColour: 0x006100)
        case .amber: StatusLook(fill: 0xFFEB9C, fontColour: 0x9C5700)
        case .red: StatusLook(fill: 0xFFC7CE, fontColour: 0x9C0006)
        }
        guard let role = style.status[colour] else { return builtIn }
        var look = builtIn
        if case .colour(let fill)? = role.fill { look.fill = fill.value }
        if let text = role.font.colour { look.fontColour = text.value }
        return look
    }

    private func styled(_ role: StyleRole, _ builtIn: CellStyle) -> CellStyle {
        var cell = builtIn
        cell.apply(style.roles[role], base: style.font)
        return cell
    }
}

/// A role's text and fill colours and their WCAG 2 contrast.
package struct RoleContrast: Sendable, Equatable {
    /// The role's key in a style (`roles.header`, `status.amber`).
    package var key: String
    package var text: RGB
    package var fill: RGB
    package var ratio: Double { text.contrast(with: fill) }
}

/// The fill and text colour of a status text (0xRRGGBB).
package struct StatusLook: Sendable, Equatable {
    package var fill: UInt32
    package var fontColour: UInt32
}

extension RoleStyle {
    init(font: StyleFont, alignment: HorizontalAlignment?) {
        self.init()
        self.font = font
        self.alignment = alignment
    }
}

extension CellStyle {
    /// Puts `role` over the style: the base font's name and colour, and its size where the
    /// style has the default size; then whatever the role sets.
    mutating func apply(_ role: RoleStyle?, base: StyleFont) {
        if let name = base.name { fontName = name }
        if let colour = base.colour { fontColour = colour.value }
        if fontSize == nil, let size = base.size { fontSize = size }
        guard let role else { return }
        let font = role.font
        if let name = font.name { fontName = name }
        if let size = font.size { fontSize = size }
        if let bold = font.bold { self.bold = bold }
        if let italic = font.italic { self.italic = italic }
        if let colour = font.colour { fontColour = colour.value }
        switch role.fill {
        case .none?: fill = nil
        case .colour(let colour)?: fill = colour.value
        case nil: break
        }
        if let weight = role.border {
            border = weight != .none
            if weight != .none { borderWeight = weight }
        }
        if let alignment = role.alignment { self.alignment = alignment }
    }
}
