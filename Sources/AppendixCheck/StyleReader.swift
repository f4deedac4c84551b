import AppendixZip
/// Resolves the colours of `xl/styles.xml` — `rgb`, `indexed` (the default palette or the
/// workbook's own `indexedColors`), `theme` (xl/theme/theme1.xml's colour scheme, Office's
/// default when there is none) and `tint` — into ``CellStyles``.
package struct StyleReader {
    /// The theme's colours by Excel's index: lt1, dk1, lt2, dk2, accent1…6, hlink, folHlink
    /// (the first two pairs swapped from the order the theme lists them in).
    var theme: [RGB]
    var indexed: [RGB]

    /// Office's default theme (2007–2013), for a workbook without a theme part.
    static let defaultTheme = ["FFFFFF", "000000", "EEECE1", "1F497D", "4F81BD", "C0504D", "9BBB59", "8064A2", "4BACC6", "F79646", "0000FF", "800080"]
        .compactMap { RGB(hex: $0) }

    /// Excel's default palette for `indexed` 0…63; 64 is the system text colour, 65 the window background.
    static let defaultIndexed = [
        "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
        "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
        "800000", "008000", "000080", "808000", "800080", "008080", "C0C0C0", "808080",
        "9999FF", "993366", "FFFFCC", "CCFFFF", "660066", "FF8080", "0066CC", "CCCCFF",
        "000080", "FF00FF", "FFFF00", "00FFFF", "800080", "800000", "008080", "0000FF",
        "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF", "FF99CC", "CC99FF", "FFCC99",
        "3366FF", "33CCCC", "99CC00", "FFCC00", "FF9900", "FF6600", "666699", "969696",
        "003366", "339966", "003300", "333300", "993300", "993366", "333399", "333333",
        "000000", "FFFFFF",
    ].compactMap { RGB(hex: $0) }

    init(theme: XMLNode?, styles: XMLNode?) {
        self.theme = Self.themeColours(theme) ?? Self.defaultTheme
        var indexed = Self.defaultIndexed
        let custom = styles?.child("colors")?.child("indexedColors")?.children("rgbColor").compactMap { $0.attributes["rgb"].flatMap(RGB.init(hex:)) } ?? []
        for (index, colour) in custom.enumerated() where index < indexed.count { indexed[index] = colour }
        self.indexed = indexed
    }

    /// The colours of every `cellXfs` style of `styles` (no part: one style, black on white).
    package static func read(styles: XMLNode?, theme: XMLNode?) -> CellStyles {
        let reader = StyleReader(theme: theme, styles: styles)
        guard let styles else { return CellStyles(styles: [CellColours(text: .black, fill: nil)]) }
        let fonts = styles.child("fonts")?.children("font").map { reader.colour($0.child("color")) ?? .black } ?? []
        let fills = styles.child("fills")?.children("fill").map(reader.fill) ?? []
        let xfs = styles.child("cellXfs")?.children("xf") ?? []
        return CellStyles(styles: xfs.map { xf in
            let font = Int(xf.attributes["fontId"] ?? "0") ?? 0, fill = Int(xf.attributes["fillId"] ?? "0") ?? 0
            return CellColours(text: fonts.indices.contains(font) ? fonts[font] : .black,
                               fill: fills.indices.contains(fill) ? fills[fill] : nil)
        })
    }

    /// A `color`/`fgColor` element; nil for `auto` or none.
    func colour(_ element: XMLNode?) -> RGB? {
        guard let attributes = element?.attributes, attributes["auto"] != "1" && attributes["auto"] != "true" else { return nil }
        var base: RGB?
        if let rgb = attributes["rgb"] {
            base = RGB(hex: rgb)
        } else if let index = attributes["theme"].flatMap({ Int($0) }), theme.indices.contains(index) {
            base = theme[index]
        } else if let index = attributes["indexed"].flatMap({ Int($0) }), indexed.indices.contains(index) {
            base = indexed[index]
        }
        return base?.tinted(attributes["tint"].flatMap { Double($0) } ?? 0)
    }

    /// A fill's colour: a pattern's foreground (solid is the only pattern cells use in
    /// practice); nil for `none` or a gradient.
    func fill(_ element: XMLNode) -> RGB? {
        guard let pattern = element.child("patternFill"), let type = pattern.attributes["patternType"], type != "none" else { return nil }
        return colour(pattern.child("fgColor"))
    }

    /// The 12 colours of a theme part's colour scheme, in Excel's index order.
    static func themeColours(_ theme: XMLNode?) -> [RGB]? {
        guard let scheme = theme?.descendants("clrScheme").first else { return nil }
        let order = ["lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"]
        let colours = order.compactMap { name -> RGB? in
            guard let slot = scheme.child(name) else { return nil }
            if let srgb = slot.child("srgbClr")?.attributes["val"] { return RGB(hex: srgb) }
            return slot.child("sysClr").flatMap { $0.attributes["lastClr"] }.flatMap(RGB.init(hex:))
        }
        return colours.count == order.count ? colours : nil
    }
}
