import AppendixDefinition
import Foundation
import Yams

/// How next year's fees are proposed from this year's (an uplift policy file).
///
/// ```yaml
/// key: fee_id                      # the stable fee key column
/// amount: charge_2018_19           # the approved amount each proposal starts from
/// proposed: recommended_2019_20    # the column written with the proposed fee
/// default: { percent: 4, round: { to: 0.25, mode: nearest } }
/// areas: { field: title, rules: { "Late Arrival Fees": { percent: 4 } } }
/// lines:
///   RF01: { percent: 4.25 }
///   RF02: { amount: 165, reason: Increased in line with cost recovery }
/// frozen: [RF30]
/// statutory: statutory             # a yes/no column (or { field: comments, equals: Statutory fee }):
///                                  # statutory fees are never uplifted
/// higher_end: { RF02: 200, RF10: See detail comments }
/// benchmark: { tolerance: 25 }     # flag proposals more than 25% from the comparator average
/// ```
public struct UpliftPolicy: Sendable {
    /// One line's (or area's, or the default) rule.
    package struct Rule: Sendable, Equatable {
        package var percent: Decimal?
        package var amount: Decimal?
        package var rounding: Rounding?
        package var reason: String?
    }

    /// The rule for the lines of one area (a value of ``areaField``).
    package struct AreaRule: Sendable {
        package var name: String
        package var rule: Rule
    }

    /// The rule for one fee line, and where the policy gives it.
    package struct LineRule: Sendable {
        package var key: String
        package var rule: Rule
        package var location: DefinitionLocation
    }

    /// A fee line the policy leaves unchanged, and where it names it.
    package struct FrozenLine: Sendable {
        package var key: String
        package var location: DefinitionLocation
    }

    /// A fee's entry for the higher-end column (an amount or a text), and where the policy gives it.
    package struct HigherEnd: Sendable {
        package var key: String
        package var value: String
        package var location: DefinitionLocation
    }

    /// The policy file, as named in messages.
    public var file: String
    /// Checks (`checks:`, as in a definition) that next year's fee table must meet before it is
    /// written: over its columns by name, with the input fee table as source `current`.
    package var checks: [CheckDefinition] = []
    package var key = "fee_id"
    package var amount: String
    package var proposed: String
    /// Name of the output column holding the starting amount (default: `amount`).
    package var current: String?
    package var higherEndColumn = "higher_end_fee"
    package var defaultRule: Rule
    package var areaField: String?
    package var areaRules: [AreaRule] = []
    package var lineRules: [LineRule] = []
    package var frozen: [FrozenLine] = []
    package var statutoryField: String?
    /// Values of ``statutoryField`` that mark a statutory fee (compared without case).
    package var statutoryValues: [String] = ["yes", "y", "true", "1", "statutory"]
    package var higherEnd: [HigherEnd] = []
    package var allowDecrease = false
    /// Flag proposals further than this % from the comparator average.
    package var benchmarkTolerance: Decimal?
    /// Columns left out of the output.
    package var drop: [String] = []

    /// Reads a policy file.
    public static func load(contentsOf url: URL, displayName: String? = nil) throws -> UpliftPolicy {
        let name = displayName ?? url.path
        return try load(yaml: YAMLNode.text(of: url, name: name, kind: "policy"), file: name)
    }

    /// Reads a policy from YAML text.
    public static func load(yaml text: String, file: String) throws -> UpliftPolicy {
        let top = try YAMLNode.document(text, file: file, emptyMessage: "the policy is empty")
        let keys = try top.mapping(allowed: ["key", "amount", "current", "proposed", "higher_end_column", "default", "areas", "lines",
                                             "frozen", "statutory", "higher_end", "allow_decrease", "benchmark", "drop", "checks"])
        func required(_ key: String) throws -> YAMLNode {
            guard let node = keys[key] else { throw top.error("missing required key '\(key)'") }
            return node
        }
        let allowDecrease = try keys["allow_decrease"]?.bool() ?? false
        let amount = try required("amount").string(), proposed = try required("proposed").string()
        let defaultNode = try required("default")
        var policy = UpliftPolicy(file: file, amount: amount, proposed: proposed, defaultRule: try rule(defaultNode, allowDecrease: allowDecrease))
        policy.allowDecrease = allowDecrease
        if let value = keys["key"] { policy.key = try value.string() }
        if let value = keys["current"] { policy.current = try value.string() }
        if let value = keys["higher_end_column"] { policy.higherEndColumn = try value.string() }
        if policy.defaultRule.percent == nil && policy.defaultRule.amount == nil {
            throw defaultNode.error("the default rule needs a 'percent'")
        }
        if let areas = keys["areas"] {
            let areaKeys = try areas.mapping(allowed: ["field", "rules"])
            guard let field = areaKeys["field"], let rules = areaKeys["rules"] else { throw areas.error("areas need 'field' and 'rules'") }
            policy.areaField = try field.string()
            policy.areaRules = try rules.namedEntries().map { AreaRule(name: $0.name, rule: try rule($0.node, allowDecrease: allowDecrease)) }
        }
        if let lines = keys["lines"] {
            policy.lineRules = try lines.namedEntries().map { LineRule(key: $0.name, rule: try rule($0.node, allowDecrease: allowDecrease), location: $0.node.location) }
        }
        if let frozen = keys["frozen"] {
            policy.frozen = try frozen.sequence().map { FrozenLine(key: try $0.string(), location: $0.location) }
        }
        if let statutory = keys["statutory"] {
            if case .scalar = statutory.node {
                policy.statutoryField = try statutory.string()
            } else {
                let statutoryKeys = try statutory.mapping(allowed: ["field", "equals"])
                guard let field = statutoryKeys["field"] else { throw statutory.error("missing required key 'field'") }
                policy.statutoryField = try field.string()
                if let equals = statutoryKeys["equals"] { policy.statutoryValues = try equals.strings() }
            }
        }
        if let higher = keys["higher_end"] {
            policy.higherEnd = try higher.namedEntries().map { HigherEnd(key: $0.name, value: try $0.node.string(), location: $0.node.location) }
        }
        if let benchmark = keys["benchmark"] {
            let benchmarkKeys = try benchmark.mapping(allowed: ["tolerance"])
            if let tolerance = benchmarkKeys["tolerance"] {
                policy.benchmarkTolerance = Decimal(try tolerance.number(in: 0...1000))
            }
        }
        if let drop = keys["drop"] { policy.drop = try drop.strings() }
        if let checks = keys["checks"] { policy.checks = try DefinitionLoader.checks(checks) }
        return policy
    }

    private static func rule(_ node: YAMLNode, allowDecrease: Bool) throws -> Rule {
        let keys = try node.mapping(allowed: ["percent", "amount", "round", "reason"])
        var rule = Rule()
        if let percent = keys["percent"] {
            let text = try percent.string()
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_GB")), Double(text) != nil else {
                throw percent.error("expected a percentage such as 4 or 4.25, found '\(text)'")
            }
            if value < 0 && !allowDecrease {
                throw percent.error("a negative uplift (\(text)%) lowers the fee; set 'allow_decrease: true' at the top of the policy to allow it")
            }
            rule.percent = value
        }
        if let amount = keys["amount"] {
            let text = try amount.string()
            guard let value = Money.parse(text), value >= 0 else { throw amount.error("expected an amount such as 165 or £20.85, found '\(text)'") }
            rule.amount = value
        }
        if rule.percent != nil && rule.amount != nil { throw node.error("a rule has either 'percent' or 'amount', not both") }
        if let round = keys["round"] {
            let roundKeys = try round.mapping(allowed: ["to", "mode"])
            guard let stepNode = roundKeys["to"] else { throw round.error("missing required key 'to' (e.g. 0.05, 0.25 or 1)") }
            let text = try stepNode.string()
            guard let step = Money.parse(text), step > 0 else { throw stepNode.error("expected a step such as 0.05, 0.25 or 1, found '\(text)'") }
            rule.rounding = Rounding(step: step, mode: try roundKeys["mode"]?.choice(Rounding.Mode.self) ?? .nearest)
        }
        rule.reason = try keys["reason"]?.string()
        return rule
    }
}
