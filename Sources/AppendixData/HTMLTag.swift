/// A tag of an HTML text: `<p>`, `</b>`, `<br/>`, `<a href="x">`, or a comment or `<!DOCTYPE …>`
/// (read with an empty name, and dropped).
struct HTMLTag {
    /// The lower-cased element name; empty for a comment or declaration.
    var name: String
    var closing: Bool
    /// Written `<br/>`.
    var selfClosing: Bool
    /// The index just after the tag's `>`.
    var end: Int

    /// The most characters a tag may have, `<` to `>`: a `<` whose tag does not end within
    /// them is text. It bounds the work on text with many `<` and no `>` (each would otherwise
    /// be read to the end of the text).
    static let maximumLength = 1_024

    /// The tag starting at `start` (a `<`), or `nil` when none does: `<` not followed by a
    /// letter, `/` and a letter, `!` or `?`, or a tag without its closing `>` within
    /// ``maximumLength`` characters. (A comment runs to its `-->` or the end of the text.)
    static func read(_ scalars: [Unicode.Scalar], at start: Int) -> HTMLTag? {
        var index = start + 1
        guard index < scalars.count else { return nil }
        let limit = min(scalars.count, start + maximumLength)
        if scalars[index] == "!" || scalars[index] == "?" { return declaration(scalars, at: start) }
        let closing = scalars[index] == "/"
        if closing { index += 1 }
        var name = ""
        while index < limit, name.isEmpty ? scalars[index].isASCIILetter : scalars[index].isASCIIAlphanumeric {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard !name.isEmpty else { return nil }
        guard index == scalars.count || scalars[index] == ">" || scalars[index] == "/" || scalars[index].isHTMLSpace else { return nil }
        var quote: Unicode.Scalar?
        var previous: Unicode.Scalar = " "
        while index < limit {
            let scalar = scalars[index]
            index += 1
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == ">" {
                return HTMLTag(name: name.lowercased(), closing: closing, selfClosing: previous == "/", end: index)
            }
            previous = scalar
        }
        return nil
    }

    /// `<!-- … -->` (to its end, or to the end of the text), `<!DOCTYPE …>` or `<?xml …?>`.
    private static func declaration(_ scalars: [Unicode.Scalar], at start: Int) -> HTMLTag? {
        let opensComment = start + 3 < scalars.count && scalars[start + 1] == "!" && scalars[start + 2] == "-" && scalars[start + 3] == "-"
        var index = start + (opensComment ? 4 : 2)
        let limit = opensComment ? scalars.count : min(scalars.count, start + maximumLength)
        while index < limit {
            if opensComment {
                if index + 2 < scalars.count, scalars[index] == "-", scalars[index + 1] == "-", scalars[index + 2] == ">" {
                    return HTMLTag(name: "", closing: false, selfClosing: true, end: index + 3)
                }
            } else if scalars[index] == ">" {
                return HTMLTag(name: "", closing: false, selfClosing: true, end: index + 1)
            }
            index += 1
        }
        return opensComment ? HTMLTag(name: "", closing: false, selfClosing: true, end: scalars.count) : nil
    }

    /// The index after `</name>` from `start` on (case-insensitive), or the end of the text:
    /// where the content of `<script>` or `<style>` ends.
    static func end(of name: String, in scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while let open = scalars[index...].firstIndex(of: "<") {
            guard let tag = read(scalars, at: open) else {
                index = open + 1
                continue
            }
            if tag.closing, tag.name == name { return tag.end }
            index = tag.end
        }
        return scalars.count
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool {
        ("a"..."z").contains(self) || ("A"..."Z").contains(self)
    }

    var isASCIIAlphanumeric: Bool {
        isASCIILetter || ("0"..."9").contains(self)
    }

    var isHTMLSpace: Bool {
        self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\u{0C}"
    }
}
