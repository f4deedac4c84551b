import AppendixData
import AppendixDefinition
import Foundation

/// Applies an ``UpliftPolicy`` to a fee table: next year's proposals, each with its reason,
/// benchmark flags, and the CSV to write. Deterministic: the same inputs give the same bytes.
public struct FeeUplift: Sendable {
    /// One fee line's outcome.
    public struct Line: Sendable, Equatable {
        public var key: String
        public var description: String
        public var current: Decimal
        public var proposed: Decimal
        public var reason: String
        /// Where the proposal stands against comparators, if any were given.
        public var benchmark: String?

        public var changed: Bool { proposed != current }
        public var change: Decimal { proposed - current }
        /// The change as a percentage of the current fee (0 when the current fee is 0).
        public var changePercent: Decimal { current == 0 ? 0 : change / current * 100 }
    }

    public var policy: UpliftPolicy
    /// Comparator fees by key, for the benchmark check.
    public var comparators: [String: [Decimal]] = [:]

    public init(policy: UpliftPolicy, comparators: [String: [Decimal]] = [:]) {
        self.policy = policy
        self.comparators = comparators
    }

    /// Reads comparator fees (`key` and `fee` columns) for the benchmark check.
    public static func comparators(from reader: CSVReader, key: String = "fee_id", fee: String = "fee") throws -> [String: [Decimal]] {
        let records = try reader.readAll()
        guard let header = records.first else { throw DataError(file: reader.displayName, message: "the file is empty: expected a header row") }
        guard let keyIndex = header.fields.firstIndex(of: key), let feeIndex = header.fields.firstIndex(of: fee) else {
            throw DataError(file: reader.displayName, line: 1, message: "expected columns '\(key)' and '\(fee)'; the header has: \(header.fields.joined(separator: ", "))")
        }
        var result: [String: [Decimal]] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                throw DataError(file: reader.displayName, line: record.line, message: "expected \(header.fields.count) fields as in the header, found \(record.fields.count)")
            }
            guard let value = Money.parse(record.fields[feeIndex]) else {
                throw DataError(file: reader.displayName, line: record.line, column: fee, message: "expected an amount, found '\(record.fields[feeIndex])'")
            }
            result[record.fields[keyIndex], default: []].append(value)
        }
        return result
    }

    /// The proposals for every line of `fees`, and the CSV of next year's table.
    public func apply(to fees: CSVReader) throws -> (lines: [Line], csv: CSVWriter) {
        let records = try fees.readAll()
        guard let headerRecord = records.first else { throw DataError(file: fees.displayName, message: "the file is empty: expected a header row") }
        let header = headerRecord.fields
        func column(_ name: String, _ key: String) throws -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw DataError(file: fees.displayName, line: 1, message: "no column '\(name)' (named by '\(key)' in \(policy.file)); the header has: \(header.joined(separator: ", "))")
            }
            return index
        }
        let keyIndex = try column(policy.key, "key")
        let amountIndex = try column(policy.amount, "amount")
        let areaIndex = try policy.areaField.map { try column($0, "areas.field") }
        let statutoryIndex = try policy.statutoryField.map { try column($0, "statutory") }
        let descriptionIndex = header.firstIndex(of: "description")
        let statutoryValues = Set(policy.statutoryValues.map { $0.lowercased() })

        // Every key the policy names must exist, once.
        var rows: [String: CSVRecord] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == header.count else {
                throw DataError(file: fees.displayName, line: record.line, message: "expected \(header.count) fields as in the header, found \(record.fields.count)")
            }
            let key = record.fields[keyIndex]
            if rows[key] != nil {
                throw DataError(file: fees.displayName, line: record.line, column: policy.key, message: "the fee key '\(key)' appears twice; keys must be unique")
            }
            rows[key] = record
        }
        let named = policy.lineRules.map { ($0.key, $0.location, "lines") } + policy.frozen.map { ($0.key, $0.location, "frozen") }
            + policy.higherEnd.map { ($0.key, $0.location, "higher_end") }
        for (key, location, section) in named where rows[key] == nil {
            var place = location
            place.path = place.path.isEmpty ? "\(section).\(key)" : place.path
            throw DefinitionError(place, "no fee with \(policy.key) '\(key)' in \(fees.displayName)")
        }

        var lines: [Line] = []
        var outputRows: [[String]] = []
        let frozen = Set(policy.frozen.map(\.key))
        let lineRules = Dictionary(policy.lineRules.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let areaRules = Dictionary(policy.areaRules.map { ($0.name, $0.rule) }, uniquingKeysWith: { a, _ in a })
        let higherEnd = Dictionary(policy.higherEnd.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        for record in records.dropFirst() {
            let key = record.fields[keyIndex]
            guard let current = Money.parse(record.fields[amountIndex]) else {
                throw DataError(file: fees.displayName, line: record.line, column: policy.amount, message: "expected an amount such as £20.00, found '\(record.fields[amountIndex])'")
            }
            var line = Line(key: key, description: descriptionIndex.map { record.fields[$0] } ?? key, current: current, proposed: current, reason: "")
            let statutory = statutoryIndex.map { statutoryValues.contains(record.fields[$0].trimmingSpaces().lowercased()) } ?? false
            if statutory {
                line.reason = "statutory fee, set nationally: unchanged"
            } else if frozen.contains(key) {
                line.reason = "frozen by the policy: unchanged"
            } else {
                let (rule, source): (UpliftPolicy.Rule, String)
                if let lineRule = lineRules[key] { (rule, source) = (lineRule.rule, "line \(key)") }
                else if let areaIndex, let areaRule = areaRules[record.fields[areaIndex]] { (rule, source) = (areaRule, "area '\(record.fields[areaIndex])'") }
                else { (rule, source) = (policy.defaultRule, "default") }
                if let amount = rule.amount {
                    line.proposed = amount
                    line.reason = "fixed at \(Money.format(amount)) (\(source))"
                } else {
                    let percent = rule.percent ?? policy.defaultRule.percent ?? 0
                    let rounding = rule.rounding ?? policy.defaultRule.rounding ?? .pence
                    line.proposed = rounding.apply(current * (1 + percent / 100))
                    line.reason = "\(NSDecimalNumber(decimal: percent))% uplift (\(source)), \(rounding)"
                }
                if let reason = rule.reason { line.reason += "; \(reason)" }
                if line.proposed < current && !policy.allowDecrease {
                    let location = lineRules[key]?.location ?? DefinitionLocation(file: policy.file, path: "default", line: 1, column: 1)
                    throw DefinitionError(location, "\(key): the proposed \(Money.format(line.proposed)) is below the current \(Money.format(current)); set 'allow_decrease: true' to allow a reduction")
                }
            }
            line.benchmark = benchmark(for: line)
            lines.append(line)
            outputRows.append(outputRow(record.fields, header: header, line: line, higherEnd: higherEnd[key]))
        }
        var csv = CSVWriter(header: outputHeader(header))
        csv.rows = outputRows
        return (lines, csv)
    }

    private func benchmark(for line: Line) -> String? {
        guard let values = comparators[line.key], let low = values.min(), let high = values.max() else {
            return comparators.isEmpty ? nil : "no comparators"
        }
        let average = values.reduce(0, +) / Decimal(values.count)
        let proposed = line.proposed
        if proposed < low { return "below the comparator range \(Money.format(low)) - \(Money.format(high))" }
        if proposed > high { return "above the comparator range \(Money.format(low)) - \(Money.format(high))" }
        if let tolerance = policy.benchmarkTolerance, average != 0 {
            let distance = (proposed - average) / average * 100
            if (distance < 0 ? -distance : distance) > tolerance {
                return "more than \(NSDecimalNumber(decimal: tolerance))% from the comparator average \(Money.format(Money.round(average, step: Decimal(string: "0.01")!, mode: .nearest)))"
            }
        }
        return "within the comparator range"
    }

    private func outputHeader(_ header: [String]) -> [String] {
        var result: [String] = []
        for name in header where !policy.drop.contains(name) && name != policy.proposed && name != policy.higherEndColumn {
            if name == policy.amount {
                result.append(policy.current ?? name)
                result.append(policy.proposed)
                if !policy.higherEnd.isEmpty { result.append(policy.higherEndColumn) }
            } else {
                result.append(name)
            }
        }
        if !comparators.isEmpty { result.append("benchmark_flag") }
        return result
    }

    private func outputRow(_ fields: [String], header: [String], line: Line, higherEnd: String?) -> [String] {
        var result: [String] = []
        for (name, value) in zip(header, fields) where !policy.drop.contains(name) && name != policy.proposed && name != policy.higherEndColumn {
            if name == policy.amount {
                result.append(Money.format(line.current))
                result.append(Money.format(line.proposed))
                if !policy.higherEnd.isEmpty {
                    result.append(higherEnd.map { Money.parse($0).map(Money.format) ?? $0 } ?? "N/A")
                }
            } else {
                result.append(value)
            }
        }
        if !comparators.isEmpty { result.append(line.benchmark ?? "") }
        return result
    }
}
