/// Text with bold and italic runs: what a cell of a `markup: html` column shows. Adjacent runs
/// never share the same font (they are merged) and none is empty.
package struct RichText: Sendable, Equatable, Hashable {
    /// The runs, in reading order.
    package private(set) var runs: [RichTextRun] = []

    package init(runs: [RichTextRun] = []) {
        for run in runs { append(run.text, font: run.font) }
    }

    /// The text without its fonts: what is measured for widths and row heights, and counted
    /// against Excel's 32,767 characters per cell.
    package var plainText: String { runs.map(\.text).joined() }

    /// Whether any run is bold or italic (else the text is written as a plain string).
    package var hasFonts: Bool { runs.contains { $0.font != .regular } }

    /// Adds `text` in `font`, merged into the last run when that has the same font.
    package mutating func append(_ text: String, font: RunFont) {
        guard !text.isEmpty else { return }
        if let last = runs.indices.last, runs[last].font == font {
            runs[last].text += text
        } else {
            runs.append(RichTextRun(text: text, font: font))
        }
    }

    /// Removes spaces and line breaks at the end of the last runs.
    mutating func trimTrailingWhitespace() {
        while let last = runs.indices.last {
            while let character = runs[last].text.last, character == " " || character == "\n" { runs[last].text.removeLast() }
            guard runs[last].text.isEmpty else { return }
            runs.removeLast()
        }
    }

    /// The last character written, if any.
    var lastCharacter: Character? { runs.last?.text.last }
}

/// One run of a ``RichText``: text in one font.
package struct RichTextRun: Sendable, Equatable, Hashable {
    package var text: String
    package var font: RunFont

    package init(text: String, font: RunFont) {
        self.text = text
        self.font = font
    }
}

/// The font of a run: the cell's font, made bold and/or italic.
package struct RunFont: Sendable, Equatable, Hashable {
    package var bold = false
    package var italic = false

    package init(bold: Bool = false, italic: Bool = false) {
        self.bold = bold
        self.italic = italic
    }

    /// The cell's own font.
    package static let regular = RunFont()
}
