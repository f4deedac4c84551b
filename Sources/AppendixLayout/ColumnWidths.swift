import AppendixData
import AppendixDefinition

/// The widest line and widest word of a text, in font units, measured in one pass without
/// allocating (byte by byte through the face's table for ASCII text).
struct TextRuns {
    var line = 0, word = 0

    static func measure(_ text: String, _ face: FontFace) -> TextRuns {
        var runs = TextRuns(), line = 0, word = 0
        for byte in text.utf8 {
            guard byte < 0x80 else { return measureScalars(text, face) }
            switch byte {
            case 0x0A: runs.close(line: &line, word: &word)
            case 0x0D: continue
            case 0x20: runs.word = max(runs.word, word); word = 0; line += Int(face.latin[0x20])
            default: let advance = Int(face.latin[Int(byte)]); line += advance; word += advance
            }
        }
        runs.close(line: &line, word: &word)
        return runs
    }

    /// ``measure(_:_:)`` scalar by scalar, for text with non-ASCII characters.
    private static func measureScalars(_ text: String, _ face: FontFace) -> TextRuns {
        var runs = TextRuns(), line = 0, word = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": runs.close(line: &line, word: &word)
            case "\r": continue
            case " ": runs.word = max(runs.word, word); word = 0; line += face.advance(scalar)
            default: let advance = face.advance(scalar); line += advance; word += advance
            }
        }
        runs.close(line: &line, word: &word)
        return runs
    }

    private mutating func close(line: inout Int, word: inout Int) {
        self.line = max(self.line, line)
        self.word = max(self.word, word)
        line = 0
        word = 0
    }
}

/// The widest content of each column seen so far, in font units of the body face, updated row
/// by row (every data row, not a sample) without allocating for text; turned into column widths
/// by ``widths(_:metrics:)``.
struct ColumnWidthTracker {
    private var lines: [Int]
    private var words: [Int]
    private let face: FontFace
    /// The extra a formatted number shows beyond its General text ("£", "," and ".").
    private let numberExtra: Int

    init(columns: Int, metrics: TextMetrics) {
        lines = Array(repeating: 0, count: columns)
        words = Array(repeating: 0, count: columns)
        face = metrics.font.regular
        numberExtra = TextRuns.measure("£,.", face).line
    }

    mutating func observe(_ contents: [CellContent]) {
        for (column, content) in contents.enumerated() {
            switch content {
            case .text(let text), .formula(_, .text(let text)): observe(TextRuns.measure(text, face), column: column)
            case .number(let number), .formula(_, .number(let number)): observe(number: number, column: column)
            case .blank: continue
            }
        }
    }

    private mutating func observe(_ runs: TextRuns, column: Int) {
        if runs.line > lines[column] { lines[column] = runs.line }
        if runs.word > words[column] { words[column] = runs.word }
    }

    /// A number as its General text plus the extras of a format; every digit of Carlito and
    /// Liberation Sans has the same advance, so whole numbers are measured by counting digits.
    private mutating func observe(number: Double, column: Int) {
        let digit = Int(face.latin[0x30])
        let width: Int
        if number == number.rounded(), abs(number) < 1e10 {
            var digits = 1, rest = abs(number)
            while rest >= 10 { rest /= 10; digits += 1 }
            width = digits * digit + (number < 0 ? Int(face.latin[0x2D]) : 0) + numberExtra
        } else {
            width = TextRuns.measure(ExcelNumberText.general(number), face).line + numberExtra
        }
        if width > lines[column] { lines[column] = width }
        if width > words[column] { words[column] = width }
    }

    /// Widths in Excel character units: as defined, else from the widest line (at least 8, at
    /// most 60 characters), or for a wrapped column the widest word or the widest line up to
    /// 30 characters (at least 12, at most 40); never narrower than the header's widest word in
    /// bold, so a header never breaks inside a word unless the definition sets the width.
    func widths(_ sheet: SheetDefinition, metrics: TextMetrics) -> [Double] {
        let header = metrics.style(.header)
        let body = TextStyle(face: face, size: 11)
        return sheet.columns.enumerated().map { index, column in
            if let width = column.width { return width }
            let headerWord = TextMetrics.columnWidth(forTextPoints: header.points(TextRuns.measure(column.header, header.face).word))
            let line = TextMetrics.columnWidth(forTextPoints: body.points(lines[index]))
            guard column.wrap else { return max(headerWord, min(60, max(8, line))) }
            let word = TextMetrics.columnWidth(forTextPoints: body.points(words[index]))
            return max(headerWord, min(40, max(12, word, min(line, 30))))
        }
    }
}
