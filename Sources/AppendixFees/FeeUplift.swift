import AppendixData
import AppendixDefinition
import Foundation

/// Applies an ``UpliftPolicy`` to a fee table: next year's proposals, each with its reason,
/// benchmark flags, and the CSV to write. Deterministic: the same inputs give the same bytes.
public struct FeeUplift: Sendable {
    /// One fee line's outcome.
    public struct Line: Sendable, Equatable {
        /// The fee key.
        public var key: String
        /// The line's description.
        public var description: String
        /// This year's fee.
        public var current: Decimal
        /// Next year's proposed fee.
        public var proposed: Decimal
        /// Why: the rule applied and its rounding, or why the line is left alone.
        public var reason: String
        /// Where the proposal stands against comparators, if any were given.
        public var benchmark: String?

        /// Whether the proposal differs from the current fee.
        public var changed: Bool { proposed != current }
        /// Proposed minus current.
        public var change: Decimal { proposed - current }
        /// The change as a percentage of the current fee (0 when the current fee is 0).
        public var changePercent: Decimal { current == 0 ? 0 : change / current * 100 }
    }

    /// The policy applied.
    public var policy: UpliftPolicy
    /// Comparator fees by key, for the benchmark check.
    public var comparators: [String: [Decimal]] = [:]

    /// Applies `policy`, checking proposals against `comparators` (fees by key; see ``comparators(from:key:fee:)``).
    public init(policy: UpliftPolicy, comparators: [String: [Decimal]] = [:]) {
        self.policy = policy
        self.comparators = comparators
    }

    /// Reads comparator fees (`key` and `fee` columns) for the benchmark check.
    public static func comparators(from reader: CSVReader, key: String = "fee_id", fee: String = "fee") throws -> [String: [Decimal]] {
        let table = try FeeCSV(reader)
        guard let keyIndex = table.header.firstIndex(of: key), let feeIndex = table.header.firstIndex(of: fee) else {
            throw DataError(file: reader.displayName, line: 1, message: "expected columns '\(key)' and '\(fee)'; the header has: \(table.header.joined(separator: ", "))")
        }
        var result: [String: [Decimal]] = [:]
        for record in table.rows {
            guard let value = Money.parse(record.fields[feeIndex]) else {
                throw DataError(file: reader.displayName, line: record.line, column: fee, message: "expected an amount, found '\(record.fields[feeIndex])'")
            }
            result[record.fields[keyIndex], default: []].append(value)
        }
        return result
    }

    /// The proposals for every line of a fee table, and the CSV of next year's table.
    public struct Proposal: Sendable {
        /// Every fee line's outcome, in the table's order.
        public var lines: [Line]
        /// Next year's fee table.
        package var csv: CSVWriter

        /// Next year's fee table as CSV text (RFC 4180, LF line ends).
        public var csvText: String { csv.text }

        /// Writes next year's fee table to `url` through a temporary file and a rename; throws
        /// ``/AppendixData/DataError`` naming the file when it cannot be written.
        public func writeCSV(to url: URL) throws {
            try csv.write(to: url)
        }
    }

    /// Where the policy's columns stand in the fee table's header.
    private struct Columns {
        var key: Int
        var amount: Int
        var area: Int?
        var statutory: Int?
        var description: Int?
    }

    /// The proposals for every line of `fees`, and the CSV of next year's table.
    public func apply(to fees: CSVReader) throws -> Proposal {
        let table = try FeeCSV(fees)
        let columns = try self.columns(of: table)
        try table.checkUniqueKeys(at: columns.key, named: policy.key)
        try checkNamedKeys(table, key: columns.key)
        let higherEnd = Dictionary(policy.higherEnd.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        var lines: [Line] = []
        var outputRows: [[String]] = []
        for record in table.rows {
            let line = try propose(record, columns: columns, in: table.file)
            lines.append(line)
            outputRows.append(outputRow(record.fields, header: table.header, line: line, higherEnd: higherEnd[line.key]))
        }
        var csv = CSVWriter(header: outputHeader(table.header))
        csv.rows = outputRows
        return Proposal(lines: lines, csv: csv)
    }

    /// The columns the policy names, found in the fee table's header.
    private func columns(of table: FeeCSV) throws -> Columns {
        func column(_ name: String, _ key: String) throws -> Int {
            try table.column(name, neededBy: "named by '\(key)' in \(policy.file)")
        }
        return Columns(
            key: try column(policy.key, "key"), amount: try column(policy.amount, "amount"),
            area: try policy.areaField.map { try column($0, "areas.field") },
            statutory: try policy.statutoryField.map { try column($0, "statutory") },
            description: table.header.firstIndex(of: "description"))
    }

    /// Every key the policy names is a fee of the table.
    private func checkNamedKeys(_ table: FeeCSV, key keyIndex: Int) throws {
        let keys = Set(table.rows.map { $0.fields[keyIndex] })
        let named = policy.lineRules.map { ($0.key, $0.location, "lines") } + policy.frozen.map { ($0.key, $0.location, "frozen") }
            + policy.higherEnd.map { ($0.key, $0.location, "higher_end") }
        for (key, location, section) in named where !keys.contains(key) {
            var place = location
            place.path = place.path.isEmpty ? "\(section).\(key)" : place.path
            throw DefinitionError(place, "no fee with \(policy.key) '\(key)' in \(table.file)")
        }
    }

    /// One row's proposal: unchanged when statutory or frozen, else its rule applied.
    private func propose(_ record: CSVRecord, columns: Columns, in file: String) throws -> Line {
        let key = record.fields[columns.key]
        guard let current = Money.parse(record.fields[columns.amount]) else {
            throw DataError(file: file, line: record.line, column: policy.amount, message: "expected an amount such as £20.00, found '\(record.fields[columns.amount])'")
        }
        var line = Line(key: key, description: columns.description.map { record.fields[$0] } ?? key, current: current, proposed: current, reason: "")
        let statutoryValues = Set(policy.statutoryValues.map { $0.lowercased() })
        if let statutory = columns.statutory, statutoryValues.contains(record.fields[statutory].trimmingSpaces().lowercased()) {
            line.reason = "statutory fee, set nationally: unchanged"
        } else if policy.frozen.contains(where: { $0.key == key }) {
            line.reason = "frozen by the policy: unchanged"
        } else {
            try uplift(&line, area: columns.area.map { record.fields[$0] })
        }
        line.benchmark = benchmark(for: line)
        return line
    }

    /// Applies the line's rule (its own, its area's, or the default) to `line`.
    private func uplift(_ line: inout Line, area: String?) throws {
        let lineRule = policy.lineRules.first { $0.key == line.key }
        let (rule, source): (UpliftPolicy.Rule, String)
        if let lineRule { (rule, source) = (lineRule.rule, "line \(line.key)") }
        else if let area, let areaRule = policy.areaRules.first(where: { $0.name == area })?.rule { (rule, source) = (areaRule, "area '\(area)'") }
        else { (rule, source) = (policy.defaultRule, "default") }
        if let amount = rule.amount {
            line.proposed = amount
            line.reason = "fixed at \(Money.format(amount)) (\(source))"
        } else {
            let percent = rule.percent ?? policy.defaultRule.percent ?? 0
            let rounding = rule.rounding ?? policy.defaultRule.rounding ?? .pence
            line.proposed = rounding.apply(line.current * (1 + percent / 100))
            line.reason = "\(NSDecimalNumber(decimal: percent))% uplift (\(source)), \(rounding)"
        }
        if let reason = rule.reason { line.reason += "; \(reason)" }
        if line.proposed < line.current && !policy.allowDecrease {
            let location = lineRule?.location ?? DefinitionLocation(file: policy.file, path: "default", line: 1, column: 1)
            throw DefinitionError(location, "\(line.key): the proposed \(Money.format(line.proposed)) is below the current \(Money.format(line.current)); set 'allow_decrease: true' to allow a reduction")
        }
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
                return "more than \(NSDecimalNumber(decimal: tolerance))% from the comparator average \(Money.format(average))"
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
