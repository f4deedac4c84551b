import Foundation

/// What a CSV column holds, inferred from its values: the kind of data, how many values are
/// blank or "N/A", how many distinct values there are, and the values that do not fit.
public struct ColumnProfile: Sendable {
    /// The kinds of data a column can hold, from the most to the least specific.
    public enum Kind: String, Sendable, CaseIterable {
        /// Percentages such as `12.5%`.
        case percentage
        /// Amounts with a currency sign (`£1,234.50`) or in brackets (`(243)`).
        case money
        /// Whole numbers written without a decimal point (and `-` or `–` for none).
        case count
        /// Other numbers.
        case number
        /// Dates such as `2018-10-01`, `01/10/2018` or `1 Oct 2018` (read as `date` fields).
        case date
        /// Anything else, or a mix.
        case text
    }

    /// A value that does not read as the column's kind.
    public struct Misfit: Sendable, Equatable {
        /// The CSV line of the value.
        public var line: Int
        /// The value as written.
        public var text: String
    }

    /// The column's header.
    public var name: String
    /// The most specific kind at least 80% of the values fit (the rest are ``misfits``).
    public var kind: Kind
    /// Data rows (records under the header).
    public var rows = 0
    /// Empty values.
    public var blanks = 0
    /// Values such as "N/A" that mean no value.
    public var notApplicable = 0
    /// Distinct values, counted up to ``distinctCap``.
    public var distinct = 0
    /// Whether there are more distinct values than ``distinctCap`` (``distinct`` is then the cap).
    public var distinctIsCapped = false
    /// The most distinct values counted per column (to bound memory).
    public static let distinctCap = 10_000
    /// ``distinct`` as a person should read it: `10000+` when capped.
    public var distinctText: String { distinctIsCapped ? "\(distinct)+" : "\(distinct)" }
    /// Longest value, in characters.
    public var longest = 0
    /// Mean length of the values, in characters.
    public var averageLength = 0.0
    /// Whether some money amounts have pence.
    public var hasPence = false
    /// Values that are whole years: four digits from 1900 to 2100 (`2013`).
    public var years = 0
    /// The most decimal places among the numbers as written (`12.50%` has 2, `3.1` has 1).
    public var decimalPlaces = 0
    /// Values holding HTML markup (a tag such as `<p>` or `<br>`, or an entity such as `&amp;`).
    public var htmlValues = 0
    /// The markup seen most often in ``htmlValues`` (`<p>`, `&amp;`); `nil` when none.
    public var commonMarkup: String? { markupSeen.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key }
    /// How many values hold each piece of markup.
    var markupSeen: [String: Int] = [:]
    /// Up to 5 values that do not fit ``kind``, with their lines.
    public var misfits: [Misfit] = []
    /// How many values do not fit ``kind`` (``misfits`` lists the first five).
    public var misfitCount = 0

    /// Values that are neither blank nor "N/A".
    public var values: Int { rows - blanks - notApplicable }

    /// Whether the column holds years, to be shown as plain integers (`2013`, not `2,013`): a
    /// whole-number column named "year" (any case, alone or as the last word), or one whose
    /// every value is a year.
    public var isYear: Bool {
        guard kind == .count, values > 0 else { return false }
        let words = name.lowercased().split(whereSeparator: { !$0.isLetter })
        return words.last == "year" || years == values
    }

    /// Whether the column looks like a grouping label: text repeated in runs.
    public var isGroupingLabel: Bool {
        kind == .text && rows >= 4 && distinct >= 1 && distinct <= max(1, rows / 2) && longest <= 120
    }

    /// The field type a definition should use for this column: `auto` when some values do not
    /// fit, so the definition still builds (they stay text) while ``misfits`` reports them.
    public var fieldType: FieldType {
        if misfitCount > 0 { return .auto }
        switch kind {
        case .percentage: return .percent
        case .money: return .money
        case .count: return .integer
        case .number: return .number
        case .date: return .date
        case .text: return .text
        }
    }

    /// Profiles every column of a CSV file (reads it once, streaming).
    public static func profile(_ reader: CSVReader) throws -> [ColumnProfile] {
        // The text as written matters ("£" and "%" tell money and percentages apart).
        var header: [String]?
        var samples: [[(line: Int, text: String)]] = []
        var kindsSeen: [[Kind: Int]] = []
        var columns: [ColumnProfile] = []
        var distinct: [Set<String>] = []
        var lengths: [Int] = []
        let parser = FieldParser()
        try reader.forEachRecord { record in
            guard let header else {
                let names = record.fields.map { $0.trimmingSpaces() }
                header = names
                samples = Array(repeating: [], count: names.count)
                kindsSeen = Array(repeating: [:], count: names.count)
                columns = names.map { ColumnProfile(name: $0, kind: .text) }
                distinct = Array(repeating: [], count: names.count)
                lengths = Array(repeating: 0, count: names.count)
                return
            }
            guard record.fields.count == header.count else {
                throw DataError(file: reader.displayName, line: record.line, message: "expected \(header.count) fields as in the header, found \(record.fields.count)")
            }
            for (index, text) in record.fields.enumerated() where index < header.count {
                columns[index].rows += 1
                let trimmed = text.trimmingSpaces()
                if trimmed.isEmpty { columns[index].blanks += 1; continue }
                if case .missing = parser.parse(text, as: .auto) { columns[index].notApplicable += 1; continue }
                let kind = ColumnProfile.kind(of: trimmed)
                columns[index].note(trimmed, kind: kind)
                kindsSeen[index][kind, default: 0] += 1
                if distinct[index].count <= distinctCap { distinct[index].insert(trimmed) }
                columns[index].longest = max(columns[index].longest, trimmed.count)
                lengths[index] += trimmed.count
                samples[index].append((record.line, trimmed))
                if samples[index].count > 200_000 { samples[index].removeFirst(100_000) }
            }
        }
        guard header != nil else { throw DataError(file: reader.displayName, message: "the file is empty: expected a header row") }
        for index in columns.indices {
            let counts = kindsSeen[index]
            let values = counts.values.reduce(0, +)
            columns[index].distinct = min(distinct[index].count, distinctCap)
            columns[index].distinctIsCapped = distinct[index].count > distinctCap
            columns[index].averageLength = values == 0 ? 0 : Double(lengths[index]) / Double(values)
            columns[index].kind = ColumnProfile.dominant(counts)
            let fits = ColumnProfile.fits(columns[index].kind)
            let misfits = samples[index].filter { !fits(ColumnProfile.kind(of: $0.text)) }
            columns[index].misfitCount = misfits.count
            columns[index].misfits = misfits.prefix(5).map { Misfit(line: $0.line, text: $0.text) }
        }
        return columns
    }

    /// Notes what one value as written says about the column: pence, years, decimal places.
    private mutating func note(_ text: String, kind: Kind) {
        if kind == .money, text.contains(".") { hasPence = true }
        if kind == .text, let markup = HTMLText.markupExample(in: text) {
            htmlValues += 1
            markupSeen[markup, default: 0] += 1
        }
        if kind == .count, text.count == 4, let year = Int(text), (1900...2100).contains(year) { years += 1 }
        guard kind == .percentage || kind == .number || kind == .money, let point = text.lastIndex(of: ".") else { return }
        decimalPlaces = max(decimalPlaces, text[text.index(after: point)...].prefix(while: \.isNumber).count)
    }

    /// The kind of one value as written.
    package static func kind(of text: String) -> Kind {
        if text.hasSuffix("%"), FinanceNumber.parse(text) != nil { return .percentage }
        if let value = FinanceNumber.parse(text) {
            if text.contains("£") || text.contains("$") || text.contains("€") || text.hasPrefix("(") { return .money }
            if value == value.rounded(), !text.contains("."), !text.lowercased().contains("e") { return .count }
            return .number
        }
        if text == "-" || text == "–" { return .count }
        if isDate(text) { return .date }
        return .text
    }

    /// Whether `text` reads as a day in a `date` field (UK order for numeric dates).
    private static func isDate(_ text: String) -> Bool {
        DateText.day(text, order: .dayFirst) != nil
    }

    /// The most specific kind that at least 80% of the values fit (the rest are reported as misfits).
    private static func dominant(_ counts: [Kind: Int]) -> Kind {
        let total = counts.values.reduce(0, +)
        guard total > 0 else { return .text }
        for kind in [Kind.percentage, .count, .money, .number, .date] where kind != .money || (counts[.money] ?? 0) > 0 {
            let fitting = counts.filter { fits(kind)($0.key) }.values.reduce(0, +)
            if Double(fitting) >= 0.8 * Double(total) { return kind }
        }
        return .text
    }

    /// Which value kinds a column kind accepts: money columns take plain numbers too.
    private static func fits(_ kind: Kind) -> (Kind) -> Bool {
        switch kind {
        case .percentage: return { $0 == .percentage }
        case .money: return { $0 == .money || $0 == .count || $0 == .number }
        case .count: return { $0 == .count }
        case .number: return { $0 == .count || $0 == .number }
        case .date: return { $0 == .date }
        case .text: return { _ in true }
        }
    }
}
