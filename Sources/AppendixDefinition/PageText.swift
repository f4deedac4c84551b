/// A page header or footer of a house style: a text for the left, centre and right of the page,
/// each with fields in braces — `{page}`, `{pages}`, `{sheet}`, `{date}`, `{file}`, `{title}`
/// and, in a header, `{logo}` (the style's logo image).
package struct PageText: Sendable, Equatable {
    /// A section of a page header or footer.
    package enum Section: String, Sendable, CaseIterable {
        case left, center, right

        /// Excel's code starting the section.
        var code: String {
            switch self {
            case .left: "&L"
            case .center: "&C"
            case .right: "&R"
            }
        }
    }

    /// Each section's text as written, fields unreplaced.
    package var sections: [Section: String] = [:]

    package init(left: String? = nil, center: String? = nil, right: String? = nil) {
        sections[.left] = left
        sections[.center] = center
        sections[.right] = right
    }

    /// Fields and the Excel header/footer codes they become (`{title}` is the report's title).
    static let fieldCodes = ["page": "&P", "pages": "&N", "sheet": "&A", "date": "&D", "file": "&F", "logo": "&G"]
    /// Every field name, for messages.
    static let fieldNames = ["page", "pages", "sheet", "date", "file", "title", "logo"]

    /// The first section holding `{logo}`, if any.
    package var logoSection: Section? {
        Section.allCases.first { sections[$0]?.contains("{logo}") == true }
    }

    /// The text in Excel's header/footer codes (`&LAcme&RPage &P of &N`): a literal `&` doubled,
    /// fields replaced, `{title}` by `title` (empty when the report has none); each section in
    /// `font` (`&"Arial,Regular"`) when the style names one.
    package func excelCodes(title: String?, font: FontName? = nil) -> String {
        let fontCode = font.map { "&\"\($0.rawValue),Regular\"" } ?? ""
        return Section.allCases.compactMap { section in
            sections[section].map { section.code + fontCode + Self.codes(of: $0, title: title ?? "") }
        }.joined()
    }

    /// The unknown fields of a section's text, in order (`{pgae}`).
    static func unknownFields(in text: String) -> [String] {
        fields(in: text).filter { !fieldNames.contains($0) }
    }

    private static func codes(of text: String, title: String) -> String {
        var result = text.replacingOccurrences(of: "&", with: "&&")
        for field in fields(in: text) {
            let code = field == "title" ? title.replacingOccurrences(of: "&", with: "&&") : fieldCodes[field] ?? "{\(field)}"
            result = result.replacingOccurrences(of: "{\(field)}", with: code)
        }
        return result
    }

    /// The names in braces in `text`.
    private static func fields(in text: String) -> [String] {
        var names: [String] = [], current: String?
        for character in text {
            if character == "{" { current = "" } else if character == "}", let name = current { names.append(name); current = nil } else { current?.append(character) }
        }
        return names
    }
}
