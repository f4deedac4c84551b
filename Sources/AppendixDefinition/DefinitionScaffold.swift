/// Writes a starter report definition for a CSV file from its column profiles: field types,
/// formats (years as plain integers, percentages and decimals with the places the data has),
/// header texts (acronyms kept), wrapping for long text, repeated labels suppressed for grouping
/// columns, and totals for money and count columns. The result builds as it is.
public enum DefinitionScaffold {
    /// The YAML text of a definition named `name` reading `file` (relative to the data folder).
    /// - Throws: ``/AppendixData/DataError`` when the CSV has more columns than an Excel sheet holds, so the
    ///   definition could not build.
    public static func yaml(name: String, file: String, columns: [ColumnProfile]) throws -> String {
        try checkFitsASheet(columns, file: file)
        let title = headerText(name)
        var lines: [String] = [
            "# Starter definition for \(file), written by `appendix init`.",
            "# Edit headers, formats and widths to taste; Templates/README.md lists every key.",
            "output: \(quoted(name + ".xlsx"))",
            "",
            "sources:",
            "  data:",
            "    file: \(quoted(file))",
        ]
        let typed = columns.filter { $0.fieldType != .auto || $0.misfitCount > 0 }
        if !typed.isEmpty {
            lines.append("    fields:")
            for column in typed {
                let note = column.misfitCount > 0
                    ? "   # mostly \(column.kind.rawValue); \(column.misfitCount) value(s) are not, e.g. line \(column.misfits[0].line): \(column.misfits[0].text)"
                    : ""
                lines.append("      \(quoted(column.name)): \(column.fieldType.rawValue)\(note.replacingOccurrences(of: "\n", with: " "))")
            }
        }
        lines += ["", "sheets:", "  - name: \(quoted(sheetName(title)))", "    source: data", "    title: \(quoted(title))", "    columns:"]
        var ids: Set<String> = []
        var totalIDs: [String] = []
        let grouping = Set(columns.prefix(3).filter(\.isGroupingLabel).prefix(2).map(\.name))
        for column in columns {
            let id = uniqueID(column.name, taken: &ids)
            lines.append("      - field: \(quoted(column.name))")
            if id != column.name { lines.append("        id: \(id)") }
            lines.append("        header: \(quoted(headerText(column.name)))")
            lines += columnKeys(column)
            if grouping.contains(column.name) { lines.append("        suppress_repeats: true") }
            if isTotalled(column) { totalIDs.append(id) }
        }
        if !totalIDs.isEmpty {
            lines.append("    totals:")
            lines.append("      columns: [\(totalIDs.joined(separator: ", "))]")
            lines.append("      label: Total")
        }
        lines.append("    freeze:")
        lines.append("      header: true")
        lines.append("      columns: 1")
        lines.append("    print:")
        lines.append("      orientation: \(columns.count > 6 ? "landscape" : "portrait")")
        lines.append("      fit_width: 1")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A column's `format` (or `width` and `wrap` for long text), from what its values are.
    static func columnKeys(_ column: ColumnProfile) -> [String] {
        switch column.kind {
        case .money: return ["        format: \(column.hasPence ? "money" : "money0")"]
        case .percentage: return ["        format: \(percentFormat(decimals: column.decimalPlaces))"]
        case .count: return [column.isYear ? "        format: \"0\"" : "        format: count"]
        case .number: return ["        format: \(column.decimalPlaces == 2 ? "number" : quoted(decimalFormat(column.decimalPlaces, suffix: "", grouped: true)))"]
        case .date, .text:
            let markup = column.htmlValues > 0 ? ["        markup: html"] : []
            return markup + (column.averageLength > 25 || !markup.isEmpty ? ["        width: 40", "        wrap: true"] : [])
        }
    }

    /// The percentage preset (or code) showing `decimals` places, at most 6.
    static func percentFormat(decimals: Int) -> String {
        switch decimals {
        case 0: "percent0"
        case 1: "percent1"
        case 2: "percent"
        default: quoted(decimalFormat(decimals, suffix: "%", grouped: false))
        }
    }

    /// `#,##0.000` (grouped) or `0.000%`: `decimals` places, at most 6.
    private static func decimalFormat(_ decimals: Int, suffix: String, grouped: Bool) -> String {
        let places = min(6, max(0, decimals))
        return (grouped ? "#,##0" : "0") + (places > 0 ? "." + String(repeating: "0", count: places) : "") + suffix
    }

    /// Whether a Total row adds the column up: money, and counts that are not years or
    /// references (a column named id, ref, reference or code).
    static func isTotalled(_ column: ColumnProfile) -> Bool {
        if column.kind == .money { return true }
        guard column.kind == .count, !column.isYear else { return false }
        let words = column.name.lowercased().split(whereSeparator: { !$0.isLetter })
        return !words.contains { ["id", "ref", "reference", "code"].contains($0) }
    }

    /// Refuses a CSV wider than an Excel sheet: its definition would not build.
    static func checkFitsASheet(_ columns: [ColumnProfile], file: String) throws {
        guard columns.count > ExcelLimits.columns else { return }
        throw DataError(file: file, line: 1, message: "the CSV has \(columns.count) columns; an Excel sheet holds at most \(ExcelLimits.columns.groupedDigits), so init cannot write a definition that builds: split the columns over several CSV files",
                        limit: .sheetColumns(found: columns.count, maximum: ExcelLimits.columns))
    }

    /// `charge_2018_19` → `Charge 2018/19`; names that are not snake_case are kept as written.
    package static func headerText(_ field: String) -> String {
        guard field.allSatisfy({ ($0.isLetter && $0.isASCII) || $0.isNumber || $0 == "_" || $0 == "-" }),
              field.first?.isLetter == true else { return field }
        var words = field.replacingOccurrences(of: "-", with: "_").split(separator: "_").map(String.init)
        var index = 0
        while index + 1 < words.count {
            if words[index].count == 4, words[index].allSatisfy(\.isNumber), words[index + 1].count == 2, words[index + 1].allSatisfy(\.isNumber) {
                words[index] += "/" + words[index + 1]
                words.remove(at: index + 1)
            }
            index += 1
        }
        words = words.map { acronyms.contains($0.lowercased()) ? $0.uppercased() : $0 }
        guard let first = words.first else { return field }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ")
    }

    /// Words written in capitals in a header or title whatever the file name's case
    /// (`kpi-targets` → "KPI targets"); words already in capitals stay so.
    static let acronyms: Set<String> = [
        "kpi", "kpis", "rag", "dot", "ytd", "id", "ids", "nhs", "vat", "fte", "hr", "ict", "asb", "sla", "uk", "gp", "cctv",
        "csv", "pdf", "url", "ceo", "cqc", "mtfs", "hra", "q1", "q2", "q3", "q4", "ons", "lsoa", "send", "ehcp", "dbs", "gdpr",
    ]

    /// A valid Excel sheet name from a title.
    package static func sheetName(_ title: String) -> String {
        let cleaned = String(title.map { DefinitionValidator.forbiddenSheetCharacters.contains($0) ? "-" : $0 })
            .trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        var name = Substring(cleaned)
        while ExcelLimits.sheetNameLength(String(name)) > ExcelLimits.sheetNameCharacters { name = name.dropLast() }
        return name.isEmpty || name.lowercased() == "history" ? "Data" : String(name)
    }

    /// An id for a field: ASCII letters, digits and single underscores, starting with a letter
    /// (`c_` before one that would not), unique among `taken`.
    static func uniqueID(_ field: String, taken: inout Set<String>) -> String {
        let words = field.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        var id = words.joined(separator: "_")
        if id.first.map({ !$0.isLetter }) ?? true { id = "c_" + id }
        if id == "c_" { id = "c" }
        var candidate = id, counter = 2
        while taken.contains(candidate) { candidate = "\(id)_\(counter)"; counter += 1 }
        taken.insert(candidate)
        return candidate
    }

    /// A double-quoted YAML scalar.
    package static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 { result += String(format: "\\x%02X", scalar.value) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }
}

import AppendixData
import Foundation
