extension ReportDefinition {
    /// The document properties: the style's, with the definition's `title:` over the style's title.
    package var documentProperties: DocumentProperties {
        var properties = style.properties
        if let title { properties[.title] = title }
        return properties
    }

    /// Gives each sheet the style's paper, orientation, header and footer where its own `print:`
    /// does not set them (the definition beats the style, the style beats the built-in
    /// defaults), and the style's margins and logo.
    mutating func applyStyleToPrintSetup() {
        guard !style.isEmpty else { return }
        let reportTitle = documentProperties[.title]
        for index in sheets.indices {
            let set = sheets[index].keyLocations
            var print = sheets[index].print
            if set["print.paper"] == nil, let paper = style.page.paper { print.paper = paper }
            if set["print.orientation"] == nil, let orientation = style.page.orientation { print.orientation = orientation }
            if set["print.footer"] == nil, let footer = style.footer { print.footer = footer.excelCodes(title: reportTitle, font: style.font.name) }
            if set["print.header"] == nil, let header = style.header {
                print.header = header.excelCodes(title: reportTitle, font: style.font.name)
                if let logo = style.logo, let section = header.logoSection {
                    let location = style.keyLocations["logo"] ?? .inCode
                    print.headerImage = HeaderImage(file: logo, section: section, location: location)
                }
            }
            print.margins = style.page.margins
            sheets[index].print = print
        }
    }
}
