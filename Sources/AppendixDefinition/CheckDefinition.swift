import AppendixData
import AppendixExpression

/// A control check (`checks[i]`): something that must hold of a sheet before its workbook is
/// written, worked out from the values the workbook caches.
public struct CheckDefinition: Sendable {
    /// What kind of check, by its key.
    package enum Rule: String, Sendable {
        /// `expect:` two figures over whole columns compared.
        case expect
        /// `each:` a condition every data row must meet.
        case each
        /// `keys_in:` every key of a reference source appears on the sheet.
        case keysIn = "keys_in"
    }

    /// The check's name, used in messages and on the Checks sheet.
    public var name: String
    /// The sheet checked, by name; `nil` for the first sheet.
    public var sheet: String?
    package var rule: Rule
    /// The `expect:`, `each:` or `keys_in:` text as written.
    package var text: String
    /// `tolerance:` for `expect:` with `=` or `<>`: how far apart the figures may be and still be equal.
    package var tolerance: Double?
    /// `column:` for `keys_in:`: the column id of the sheet whose values are the keys.
    package var column: String?
    /// Where the check is written, for messages.
    package var location: DefinitionLocation
    /// Where each key of the check is written.
    package var keyLocations: [String: DefinitionLocation] = [:]

    /// Set by ``ReportDefinition/checked()``: the parsed `expect:`.
    package var expectation: CheckExpectation?
    /// Set by ``ReportDefinition/checked()``: the parsed `each:`.
    package var condition: CheckCondition?
    /// Set by ``ReportDefinition/checked()``: the `keys_in:` source and field.
    package var reference: SourceField?
    /// Set by ``ReportDefinition/checked()``: the index of the checked sheet.
    package var sheetIndex = 0

    package init(name: String, sheet: String?, rule: Rule, text: String, location: DefinitionLocation) {
        self.name = name
        self.sheet = sheet
        self.rule = rule
        self.text = text
        self.location = location
    }

    /// The check as its key reads: `sum(amount) = ledger.total`, `each amount >= 0`.
    package var described: String { "\(rule.rawValue): \(text)" }

    /// Where key `key` of the check is written.
    package func location(of key: String) -> DefinitionLocation {
        keyLocations[key] ?? location.appending(key)
    }
}

extension DefinitionLoader {
    /// `checks:`: a list of checks, each with a name and one of `expect`, `each`, `keys_in`.
    package static func checks(_ node: YAMLNode) throws -> [CheckDefinition] {
        try node.sequence().map { item in
            let keys = try item.mapping(allowed: ["name", "sheet", "expect", "tolerance", "each", "keys_in", "column"])
            let rules = CheckDefinition.Rule.allRules.filter { keys[$0.rawValue] != nil }
            guard rules.count == 1, let rule = rules.first else {
                throw item.error("a check has exactly one of 'expect' (figures compared), 'each' (a condition for every row) or 'keys_in' (keys of another source)")
            }
            var check = CheckDefinition(name: try required("name", in: keys, of: item).string(), sheet: try keys["sheet"]?.string(), rule: rule,
                                        text: try keys[rule.rawValue].map { try $0.string() } ?? "", location: item.location)
            check.tolerance = try keys["tolerance"]?.number(in: 0...Double.greatestFiniteMagnitude)
            check.column = try keys["column"]?.string()
            check.keyLocations = keys.mapValues(\.location)
            return check
        }
    }
}

extension CheckDefinition.Rule {
    static let allRules: [Self] = [.expect, .each, .keysIn]
}
