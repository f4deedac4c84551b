/// HTML text, as case-management exports write it (`<p>Agreed &amp; closed</p>`), made into
/// what a cell shows (`markup: html`): `<p>`, `<div>`, `<br>`, headings and table rows start
/// new lines; `<ul>`/`<ol>` items start with "• " or "1. ", "2. " (nested lists indented two
/// spaces a level); `<b>`/`<strong>` and `<i>`/`<em>` become bold and italic runs; entities
/// (``HTMLEntities``) become characters; comments and the content of `<script>` and `<style>` are
/// dropped; every other tag is removed and its text kept. Nothing becomes a link or a formula.
///
/// Text with a tag is read as HTML reads it: runs of spaces, tabs and line breaks are one space,
/// and spaces at the start and end of lines go. Text without a tag keeps its own spaces and line
/// breaks, only its entities decoded; text with neither `<` nor `&` is returned unchanged. A `<`
/// that does not start a complete tag (`a < b`, `<3`) is text.
package enum HTMLText {
    /// `text` as cell text with fonts.
    package static func richText(from text: String) -> RichText {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else {
            return RichText(runs: [RichTextRun(text: text, font: .regular)])
        }
        var converter = HTMLConverter(Array(text.unicodeScalars))
        return converter.converted()
    }

    /// The first HTML tag of a common element (`<p>`, `</li>`, `<br/>` shown as `<br>`) or named
    /// entity (`&amp;`) in `text`, for `inspect`'s hint; `nil` when there is none.
    package static func markupExample(in text: String) -> String? {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else { return nil }
        let scalars = Array(text.unicodeScalars)
        for index in scalars.indices {
            if scalars[index] == "<", let tag = HTMLTag.read(scalars, at: index), commonElements.contains(tag.name) { return "<\(tag.name)>" }
            if scalars[index] == "&", let entity = HTMLEntities.read(scalars, at: index) {
                return String(String.UnicodeScalarView(scalars[index..<entity.end]))
            }
        }
        return nil
    }

    /// Elements whose tags mark a text as HTML.
    static let commonElements: Set<String> = ["p", "br", "ul", "ol", "li", "b", "strong", "i", "em", "div", "span", "a", "font", "u", "h1", "h2", "h3", "table", "tr", "td"]

    /// `text` as plain cell text: ``richText(from:)`` without its fonts.
    package static func plainText(from text: String) -> String {
        richText(from: text).plainText
    }
}

/// One pass over the characters of an HTML text (``HTMLText``).
struct HTMLConverter {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var output = RichText()
    private let collapsesWhitespace: Bool
    private var pendingSpace = false
    /// The font of the text around the first character of the pending whitespace.
    private var pendingSpaceFont = RunFont.regular
    private var boldDepth = 0
    private var italicDepth = 0
    private var lists: [ListLevel] = []

    private struct ListLevel {
        var ordered: Bool
        var next = 1
    }

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        var probe = 0, hasTag = false
        while !hasTag, let found = scalars[probe...].firstIndex(of: "<") {
            hasTag = HTMLTag.read(scalars, at: found) != nil
            probe = found + 1
        }
        collapsesWhitespace = hasTag
    }

    private var font: RunFont { RunFont(bold: boldDepth > 0, italic: italicDepth > 0) }

    mutating func converted() -> RichText {
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<", let tag = HTMLTag.read(scalars, at: index) {
                index = tag.end
                apply(tag)
            } else if scalar == "&", let entity = HTMLEntities.read(scalars, at: index) {
                index = entity.end
                emit(entity.scalar)
            } else {
                index += 1
                emit(scalar)
            }
        }
        if collapsesWhitespace { output.trimTrailingWhitespace() }
        return output
    }

    /// One character of text: with HTML's whitespace rules when the text has tags.
    private mutating func emit(_ scalar: Unicode.Scalar) {
        guard collapsesWhitespace else { return output.append(String(scalar), font: font) }
        if scalar.isHTMLSpace {
            if !pendingSpace { pendingSpaceFont = font }
            pendingSpace = true
            return
        }
        if pendingSpace, let last = output.lastCharacter, last != "\n", last != " " { output.append(" ", font: pendingSpaceFont) }
        pendingSpace = false
        output.append(String(scalar), font: font)
    }

    /// A new line, unless the text is empty or already at the start of a line.
    private mutating func startLine() {
        pendingSpace = false
        if let last = output.lastCharacter, last != "\n" { lineBreak() }
    }

    private mutating func lineBreak() {
        pendingSpace = false
        output.trimTrailingSpaces()
        output.append("\n", font: .regular)
    }

    private mutating func apply(_ tag: HTMLTag) {
        switch tag.name {
        case "br": if !tag.closing { lineBreak() }
        case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote": startLine()
        case "ul", "ol":
            startLine()
            if tag.closing { _ = lists.popLast() } else if !tag.selfClosing { lists.append(ListLevel(ordered: tag.name == "ol")) }
        case "li": tag.closing ? startLine() : startItem()
        case "b", "strong": boldDepth = max(0, boldDepth + (tag.closing ? -1 : tag.selfClosing ? 0 : 1))
        case "i", "em": italicDepth = max(0, italicDepth + (tag.closing ? -1 : tag.selfClosing ? 0 : 1))
        case "script", "style": if !tag.closing && !tag.selfClosing { index = HTMLTag.end(of: tag.name, in: scalars, from: index) }
        default: break
        }
    }

    /// A list item's line: its bullet or number, indented by its list's depth.
    private mutating func startItem() {
        startLine()
        let indent = String(repeating: "  ", count: max(0, lists.count - 1))
        var marker = "• "
        if let last = lists.indices.last, lists[last].ordered {
            marker = "\(lists[last].next). "
            lists[last].next += 1
        }
        output.append(indent + marker, font: .regular)
    }
}

extension RichText {
    /// Removes spaces at the end of the last run (before a line break).
    mutating func trimTrailingSpaces() {
        guard let last = runs.indices.last, runs[last].text.last == " " else { return }
        var trimmed = runs
        while let character = trimmed[last].text.last, character == " " { trimmed[last].text.removeLast() }
        self = RichText(runs: trimmed)
    }
}
