import AppendixData
import AppendixDefinition

/// A cell's link: an address that is https (with a host) or mailto, at most 2,079 characters,
/// made only of the characters a URL may hold; and the text the cell shows.
package struct Hyperlink: Sendable, Equatable {
    package let url: String
    package let text: String

    /// The link to `url` showing `text`; `nil` when `url` is not a safe https or mailto address
    /// (`javascript:`, `file:`, `=HYPERLINK(…)`, spaces, control characters, too long).
    package init?(url: String, text: String) {
        guard Self.isSafe(url) else { return nil }
        self.url = url
        self.text = text
    }

    /// Characters of RFC 3986 (unreserved, reserved and `%`), without `[`, `]` and the quote,
    /// space and angle brackets that libxlsxwriter would escape.
    private static let allowed: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&'()*+,;=%".utf8))

    static func isSafe(_ url: String) -> Bool {
        let bytes = Array(url.utf8)
        guard !bytes.isEmpty, bytes.count <= LinkLimits.urlCharacters, bytes.allSatisfy(allowed.contains) else { return false }
        let lower = url.lowercased()
        if lower.hasPrefix("mailto:") { return lower.count > "mailto:".count }
        guard lower.hasPrefix("https://") else { return false }
        let host = lower.dropFirst("https://".count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty
    }

    /// `value` percent-encoded for a pattern's `{field}`: everything but letters, digits, `-._~`
    /// (and `@` in a mailto address) becomes `%XX` of its UTF-8 bytes.
    static func encoded(_ value: String, mailto: Bool) -> String {
        var out = ""
        for byte in value.utf8 {
            let scalar = Unicode.Scalar(byte)
            let plain = (byte < 0x80 && (Character(scalar).isLetter || Character(scalar).isNumber)) || "-._~".utf8.contains(byte) || (mailto && byte == 0x40)
            out += plain ? String(Character(scalar)) : "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// A column's link bound to the CSV header: the field holding each row's URL, or a pattern's
/// parts with their fields' indices.
package struct BoundLink: Sendable {
    package enum Part: Sendable {
        case literal(String)
        case field(Int)
    }

    let parts: [Part]
    let mailto: Bool
    /// The whole URL comes from one field (no encoding).
    let wholeField: Bool

    init(_ link: ColumnLink, header: [String], file: String, neededBy: String) throws {
        switch link {
        case .field(let name):
            parts = [.field(try FieldBinding.index(of: name, in: header, file: file, neededBy: neededBy))]
            mailto = false
            wholeField = true
        case .pattern(let pattern):
            parts = try pattern.parts.map { part in
                switch part {
                case .literal(let text): return .literal(text)
                case .field(let name): return .field(try FieldBinding.index(of: name, in: header, file: file, neededBy: neededBy))
                }
            }
            mailto = pattern.text.lowercased().hasPrefix("mailto:")
            wholeField = false
        }
    }

    /// The row's link showing `text`, or `nil` when the address is not a safe one.
    func link(for values: [CellValue], text: String) -> Hyperlink? {
        var url = ""
        for part in parts {
            switch part {
            case .literal(let literal): url += literal
            case .field(let index):
                let value = values[index].displayText
                url += wholeField ? value : Hyperlink.encoded(value, mailto: mailto)
            }
        }
        return Hyperlink(url: url, text: text)
    }
}

/// A note (comment) on one cell of a row.
package struct CellNote: Sendable, Equatable {
    package var column: Int
    package var text: String
}

/// Links and notes counted as a sheet's rows are laid out, against Excel's 65,530 links and
/// Appendix's 10,000 notes per sheet: the row that goes over is refused, naming its CSV line.
struct LinkAndNoteTally {
    private var links = 0
    private var notes = 0

    mutating func record(_ contents: [CellContent], notes rowNotes: [CellNote], line: Int, in bound: BoundSheet) throws {
        for column in bound.linkColumns {
            guard case .link = contents[column] else { continue }
            links += 1
            guard links <= LinkLimits.linksPerSheet else {
                throw DataError(file: bound.file, line: line, column: bound.sheet.columns[column].header,
                                message: "sheet '\(bound.sheet.name)' would hold more than \(LinkLimits.linksPerSheet.groupedDigits) links, Excel's limit for one sheet; filter the sheet's rows or remove 'link' from column '\(bound.sheet.columns[column].id)'")
            }
        }
        notes += rowNotes.count
        if notes > LinkLimits.notesPerSheet, let note = rowNotes.last {
            throw DataError(file: bound.file, line: line, column: bound.sheet.columns[note.column].header,
                            message: "sheet '\(bound.sheet.name)' would hold more than \(LinkLimits.notesPerSheet.groupedDigits) notes, the most Appendix writes on one sheet; filter the sheet's rows or remove 'note_from' from column '\(bound.sheet.columns[note.column].id)'")
        }
    }
}

extension BoundSheet {
    /// A field cell's content as a link when its column has one and the row's address is safe;
    /// otherwise the content as it is (an unsafe address leaves the text plain).
    func linked(_ content: CellContent, column: Int, values: [CellValue]) -> CellContent {
        guard let link = links[column], case .text(let text) = content, let hyperlink = link.link(for: values, text: text) else { return content }
        return .link(hyperlink)
    }

    /// The notes of a data row: each `note_from` field's text, where it has any.
    package func notes(for dataRow: DataRow) -> [CellNote] {
        guard !noteColumns.isEmpty else { return [] }
        return noteColumns.compactMap { column in
            guard let index = noteFields[column] else { return nil }
            let text = dataRow.values[index].displayText
            return text.isEmpty ? nil : CellNote(column: column, text: text)
        }
    }
}
