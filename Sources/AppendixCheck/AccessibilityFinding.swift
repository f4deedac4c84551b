/// One thing `appendix check` found wrong with a workbook.
public struct AccessibilityFinding: Sendable, Equatable, Codable {
    /// The rule broken.
    public var rule: AccessibilityRule
    /// The sheet, by its tab name; nil for the workbook as a whole.
    public var sheet: String?
    /// The cells, in A1 style (`A1:M1`); nil for a whole sheet or the workbook.
    public var range: String?
    /// What is wrong, in one line.
    public var message: String

    /// A finding of `rule` at `sheet`!`range`.
    public init(rule: AccessibilityRule, sheet: String?, range: String?, message: String) {
        self.rule = rule
        self.sheet = sheet
        self.range = range
        self.message = message
    }

    /// Where: `'Sheet name'!A1:B2`, `'Sheet name'`, or `workbook`.
    public var place: String {
        guard let sheet else { return "workbook" }
        let quoted = "'\(sheet.replacingOccurrences(of: "'", with: "''"))'"
        return range.map { "\(quoted)!\($0)" } ?? quoted
    }

    private enum CodingKeys: String, CodingKey { case rule, sheet, range, message, fix, checklistItem }

    /// Reads a finding written by ``encode(to:)`` (`fix` and `checklistItem` follow from the rule).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rule = try container.decode(AccessibilityRule.self, forKey: .rule)
        sheet = try container.decodeIfPresent(String.self, forKey: .sheet)
        range = try container.decodeIfPresent(String.self, forKey: .range)
        message = try container.decode(String.self, forKey: .message)
    }

    /// Writes every field, `sheet` and `range` as null when absent, with the rule's `fix` and `checklistItem`.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(sheet, forKey: .sheet)
        try container.encode(range, forKey: .range)
        try container.encode(message, forKey: .message)
        try container.encode(rule.fix, forKey: .fix)
        try container.encode(rule.checklistItem, forKey: .checklistItem)
    }

    /// `rule place: message; fix: …`, the line `appendix check` prints (after the file's name).
    public var line: String { "\(rule.rawValue) \(place): \(message); fix: \(rule.fix)" }
}
