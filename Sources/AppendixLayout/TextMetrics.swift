import AppendixData
import AppendixDefinition

/// How text fits in cells, measured with a font's advance widths (libxlsxwriter has no autofit):
/// text widths in points, Excel column widths (character units: a column of width *w* is
/// *w*·7 + 5 pixels, 7 pixels being the width of a digit of 11-point Calibri), wrapped lines
/// and the row heights they need.
package struct TextMetrics: Sendable {
    package let font: FontMetrics

    /// Pixels per Excel character unit, and the padding every column has (libxlsxwriter's rule).
    static let pixelsPerCharacter = 7.0, paddingPixels = 5.0
    /// A row's height when nothing sets it (libxlsxwriter's default for 11-point Calibri).
    static let defaultRowHeight = 15.0

    package init(font: FontMetrics) {
        self.font = font
    }

    /// The metrics of the workbook's font (``FontMetrics/forWorkbook()``).
    package static var workbook: TextMetrics { TextMetrics(font: .forWorkbook()) }

    /// The face and size a cell style prints with: its own font's (``FontMetrics/forWorkbook(_:)``).
    func style(_ cell: CellStyle) -> TextStyle {
        let cellFont = cell.fontName.map(FontMetrics.forWorkbook) ?? font
        return TextStyle(face: cellFont.face(bold: cell.bold, italic: cell.italic), size: cell.fontSize ?? 11, linePitch: cellFont.linePitch)
    }

    /// The printed width, in points, of a column `width` characters wide, as LibreOffice prints
    /// it: the width libxlsxwriter stores (``storedWidth(_:)``) times the font's digit at
    /// 11 points. Measured in LibreOffice 7.4's PDF output, columns of width 5, 8.43, 10 and 20
    /// printed 31.72, 50.71, 59.39 and 115.0 points wide (5.55 points per unit; Carlito's digit
    /// is 5.575), about 6 % wider than Excel's 7 pixels (5.25 points) per unit, so a table that
    /// fits by this measure fits in Excel too.
    func printedPoints(width: Double) -> Double {
        Self.storedWidth(width) * Double(font.regular.latin[0x30]) * 11 / Double(font.regular.unitsPerEm)
    }

    /// The width libxlsxwriter writes for a column `width` characters wide: its pixels (whole
    /// pixels plus the padding) in character units, rounded down to 1/256.
    static func storedWidth(_ width: Double) -> Double {
        guard width > 0 else { return 0 }
        let pixels = width < 1 ? (width * (pixelsPerCharacter + paddingPixels) + 0.5).rounded(.down)
                               : (width * pixelsPerCharacter + 0.5).rounded(.down) + paddingPixels
        return (pixels / pixelsPerCharacter * 256).rounded(.down) / 256
    }

    /// The room for text, in points, in a column `width` characters wide as Excel shows it: the
    /// column less its padding (narrower than in LibreOffice). Widths are sized so text fits here.
    static func textPoints(width: Double) -> Double { width * pixelsPerCharacter * 0.75 }

    /// The room LibreOffice wraps text in, in points, in a cell over columns of `widths`: their
    /// printed width less 5 points. Against 306 wrapped cells of the templates printed by
    /// LibreOffice 7.4, the printed width less 2 points predicted 303 line counts exactly (less
    /// 3: 302, less 6: 233; Excel's room, ``textPoints(width:)``: 221); less 3 still gave a row
    /// one line short for a text 1.8 points narrower than its room (case-log, which LibreOffice
    /// wrapped and cut), so 5 points are kept: a row a line too tall loses nothing, a row a line
    /// short hides text. Excel, with narrower columns, may wrap a line more.
    func wrapPoints(widths: [Double]) -> Double {
        widths.map(printedPoints).reduce(0, +) - 5
    }

    /// The narrowest column width (in quarter characters) whose ``textPoints(width:)`` holds
    /// `points` of text with half a character to spare.
    static func columnWidth(forTextPoints points: Double) -> Double {
        ((points / (pixelsPerCharacter * 0.75) + 0.5) * 4).rounded(.up) / 4
    }

    /// The height of a row of `lines` lines of `size`-point text: the measured line pitch
    /// (`linePitch`, a fraction of the size: the cell's font's, by default the workbook
    /// font's) per line plus the padding a default row has around its one line; `nil` when a
    /// default row holds it.
    func rowHeight(lines: Int, size: Double, linePitch: Double? = nil) -> Double? {
        let padding = Self.defaultRowHeight - font.linePitch * 11
        let height = Double(lines) * (linePitch ?? font.linePitch) * size + padding
        guard height > Self.defaultRowHeight + 0.01 else { return nil }
        return (height / 0.75).rounded(.up) * 0.75
    }

    /// The height of a row holding `text` in `style` wrapped across a merged cell over columns of
    /// `widths` (visible ones); `nil` for a default row.
    func spanningHeight(_ text: String, style: CellStyle, widths: [Double]) -> Double? {
        let textStyle = self.style(style)
        return rowHeight(lines: wrappedLines(text, textStyle, room: wrapPoints(widths: widths)), size: textStyle.size, linePitch: textStyle.linePitch)
    }

    /// The width of `text` in points (one line; a line break measures as nothing).
    func points(_ text: String, _ style: TextStyle) -> Double {
        style.points(TextRuns.measure(text, style.face).line)
    }

    /// Lines `text` takes when wrapped at spaces (and within a word longer than a line) in
    /// `room` points, each "\n" starting a new line.
    func wrappedLines(_ text: String, _ style: TextStyle, room: Double) -> Int {
        var wrap = LineWrap(room: max(1, Int(room / style.size * Double(style.face.unitsPerEm))))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": wrap.newLine()
            case "\r": continue
            case " ": wrap.space(style.face.advance(scalar))
            default: wrap.glyph(style.face.advance(scalar))
            }
        }
        return wrap.finish()
    }
}

/// A face at a size, with its font's line pitch (a fraction of the size).
struct TextStyle {
    let face: FontFace
    let size: Double
    let linePitch: Double

    /// `units` of the face in points.
    func points(_ units: Int) -> Double { Double(units) * size / Double(face.unitsPerEm) }
}

/// Greedy word wrap in font units: words placed on the current line while they fit, a word
/// wider than a whole line broken where it reaches the edge.
private struct LineWrap {
    let room: Int
    var lines = 1, line = 0, word = 0, spaces = 0

    init(room: Int) { self.room = room }

    mutating func glyph(_ advance: Int) { word += advance }

    mutating func space(_ advance: Int) {
        placeWord()
        if line > 0 { spaces += advance }
    }

    mutating func newLine() {
        placeWord()
        lines += 1
        line = 0
        spaces = 0
    }

    mutating func finish() -> Int {
        placeWord()
        return lines
    }

    private mutating func placeWord() {
        guard word > 0 else { return }
        if line > 0 && line + spaces + word > room {
            lines += 1
            line = 0
        }
        line += line > 0 ? spaces + word : word
        while line > room {
            lines += 1
            line -= room
        }
        word = 0
        spaces = 0
    }
}
