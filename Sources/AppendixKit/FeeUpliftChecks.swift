import AppendixData
import AppendixDefinition
import AppendixFees
import AppendixLayout
import AppendixPipeline
import Foundation

extension FeeUplift.Proposal {
    /// Works out `policy`'s `checks:` over next year's fee table before it is written: the
    /// checks read a sheet `Proposed fees` whose column ids are the table's column names (those
    /// that are letters, digits and `_`), and may read the input fee table `fees` as source
    /// `current` (`keys_in: current.fee_id`). Laid out in memory, as a build would, and nothing
    /// is written. Throws ``/AppendixLayout/CheckFailures`` when a check fails.
    ///
    /// Here rather than in AppendixFees because the checks run through the build pipeline.
    public func check(_ policy: UpliftPolicy, fees: URL) throws {
        guard !policy.checks.isEmpty else { return }
        let ids = csv.header.filter(Self.isColumnID)
        let sheet = SheetDefinition(name: "Proposed fees", source: "proposed", columns: ids.map { ColumnDefinition.field($0) })
        let sources = [SourceDefinition(name: "proposed", file: "proposed.csv"), SourceDefinition(name: "current", file: fees.standardizedFileURL.path)]
        var definition = ReportDefinition(file: policy.file, sources: sources, sheets: [sheet])
        definition.checks = policy.checks
        var build = ReportBuild(definition: definition, dataDirectory: fees.deletingLastPathComponent())
        build.sourceRows["proposed"] = CSVRows(name: "next year's fee table", header: csv.header, rows: csv.rows)
        do {
            _ = try build.validation(mode: .memory)
        } catch var failures as CheckFailures {
            failures.consequence = "so next year's fee table is not written"
            throw failures
        }
    }

    /// Whether a column name can be a column id: letters, digits and `_`, starting with a letter.
    private static func isColumnID(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
