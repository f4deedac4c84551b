import AppendixData
import AppendixDefinition
import AppendixExpression

/// The widest line and widest word of a text, in font units, measured in one pass without
/// allocating (byte by byte through the face's table for ASCII text).
struct TextRuns {
    var line = 0, word = 0

    static func measure(_ text: String, _ face: FontFace) -> TextRuns {
        let measured = text.utf8.withContiguousStorageIfAvailable { bytes in
            face.latin.withUnsafeBufferPointer { measureASCII(bytes, table: $0) }
        }
        return (measured ?? nil) ?? measureScalars(text, face)
    }

    /// ``measure(_:_:)`` of UTF-8 `bytes` through the 256-entry `table`; `nil` when a byte is not ASCII.
    private static func measureASCII(_ bytes: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt16>) -> TextRuns? {
        var runs = TextRuns(), line = 0, word = 0
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            switch byte {
            case 0x0A: runs.close(line: &line, word: &word)
            case 0x0D: continue
            case 0x20: runs.word = max(runs.word, word); word = 0; line += Int(table[0x20])
            default: let advance = Int(table[Int(byte)]); line += advance; word += advance
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
/// by row (every data row, not a sample) without allocating: text through the face's table,
/// numbers by counting their digits as their column's format shows them.
struct ColumnWidthTracker {
    private var lines: [Int]
    private var words: [Int]
    private let face: FontFace
    private let shapes: [NumberShape]
    /// Each column's date format, if it has one: a date shows as the format says (`1 Oct 2018`).
    private let dates: [DateFormatCode?]
    /// The extra a formatted number may show beyond its digits ("£", "," and ".").
    private let numberExtra: Int

    init(sheet: SheetDefinition, metrics: TextMetrics) {
        lines = Array(repeating: 0, count: sheet.columns.count)
        words = lines
        face = metrics.font.regular
        shapes = sheet.columns.map { NumberShape(format: $0.bodyFormat) }
        dates = sheet.columns.map { DateFormatCode($0.format.code) }
        numberExtra = TextRuns.measure("£,.", face).line
    }

    mutating func observe(_ contents: [CellContent]) {
        for (column, content) in contents.enumerated() {
            switch content {
            case .text(let text), .formula(_, .text(let text)): observe(TextRuns.measure(text, face), column: column)
            case .rich(let rich): observe(TextRuns.measure(rich.plainText, face), column: column)
            case .link(let link): observe(TextRuns.measure(link.text, face), column: column)
            case .number(let number), .formula(_, .number(let number)): observe(number: number, column: column)
            case .blank: continue
            }
        }
    }

    private mutating func observe(_ runs: TextRuns, column: Int) {
        if runs.line > lines[column] { lines[column] = runs.line }
        if runs.word > words[column] { words[column] = runs.word }
    }

    /// A number as its column's format shows it (every digit of Carlito and Liberation Sans has
    /// the same advance, so digits are counted, not formatted); under General, a fraction is
    /// measured as its General text.
    private mutating func observe(number: Double, column: Int) {
        if let date = dates[column] { return observe(TextRuns.measure(date.format(number), face), column: column) }
        let shape = shapes[column]
        var width: Int
        if let decimals = shape.decimals {
            let shown = abs(number) * (shape.percent ? 100 : 1)
            width = (NumberShape.integerDigits(shown) + decimals) * Int(face.latin[0x30]) + (shape.percent ? Int(face.latin[0x25]) : 0)
        } else if number == number.rounded(), abs(number) < 1e10 {
            width = NumberShape.integerDigits(abs(number)) * Int(face.latin[0x30])
        } else {
            width = TextRuns.measure(ExcelNumberText.general(abs(number)), face).line
        }
        width += numberExtra + (number < 0 ? Int(face.latin[0x2D]) : 0)
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

/// What a column's number format shows of a number: its decimals (`nil` under General) and
/// whether it is a percentage (the number times 100).
struct NumberShape {
    let decimals: Int?
    let percent: Bool

    init(format: NumberFormat) {
        let section = format.code.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        percent = section.contains("%")
        guard !section.isEmpty, section != "@", section.lowercased() != "general" else {
            decimals = nil
            return
        }
        let fraction = section.split(separator: ".", maxSplits: 1).dropFirst().first ?? ""
        decimals = fraction.prefix { $0 == "0" || $0 == "#" }.count
    }

    /// Digits before the point of a non-negative number (1 for numbers below 10).
    static func integerDigits(_ value: Double) -> Int {
        var digits = 1, rest = value
        while rest >= 10 && digits < 309 {
            rest /= 10
            digits += 1
        }
        return digits
    }
}
