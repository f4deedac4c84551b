import AppendixKit
import Foundation

/// A CSV file a job reads for one of the definition's sources.
struct JobInput: Sendable {
    var source: String
    /// The name the user knows it by.
    var name: String
    var url: URL
}

/// What a job wrote and found.
struct JobResult: Sendable {
    var status: BuildRecord.Status
    var report: BuildReport
    /// File names inside the build's `outputs` folder, each with its digest.
    var outputs: [FileRecord]
}

/// One appendix build in its own folder: `inspect` of every input, then the build (which
/// validates the definition and the data first and writes nothing on an error). Blocking: run it
/// on ``BuildQueue``.
struct BuildJob: Sendable {
    var folder: URL
    var dataFolder: URL
    var definitionURL: URL
    /// An uploaded definition (its `output:` is ignored), else the template file is read.
    var definition: ReportDefinition?
    var inputs: [JobInput]
    var outputName: String
    var names: DisplayNames
    /// Pictures of every printed page and a PDF (LibreOffice, one at a time), when asked for.
    var pictures: PreviewLock?

    func run() -> JobResult {
        var report = BuildReport()
        for input in inputs {
            do {
                report.inputs.append(try InputSummary.inspect(source: input.source, name: input.name, url: input.url))
            } catch {
                report.problems.append(names.problem(error))
            }
        }
        guard report.problems.isEmpty else { return JobResult(status: .invalid, report: report, outputs: []) }
        var build = ReportBuild(definitionURL: definitionURL, dataDirectory: dataFolder)
        build.definition = definition
        build.sourceFiles = Dictionary(inputs.map { ($0.source, $0.url) }, uniquingKeysWith: { _, last in last })
        build.runsBesideOthers()
        let outputs = folder.appendingPathComponent("outputs")
        do {
            try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
            let summary = try build.run(output: outputs.appendingPathComponent(outputName), mode: .auto)
            report.sheets = BuildReport.sheetLines(summary)
            report.warnings = summary.warnings.map { names.scrub("\($0)") }
            report.summary = "\(report.sheets.joined(separator: ", ")); \(summary.formulas) formulas"
            var files = [summary.output]
            if let pictures {
                do {
                    files += try pictures.render(build, into: outputs, name: URL(fileURLWithPath: outputName).deletingPathExtension().lastPathComponent)
                } catch {
                    report.warnings.append("no pictures of the pages: \(names.scrub("\(error)"))")
                }
            }
            let records = try files.map { try FileRecord(hashing: $0) }
            return JobResult(status: .built, report: report, outputs: records)
        } catch {
            report.problems.append(names.problem(error))
            return JobResult(status: .invalid, report: report, outputs: [])
        }
    }
}

/// Next year's fees from this year's table and an uplift policy (with comparators), then the
/// appendix built from the proposal with a fee definition, and the changes workbook (`fees diff`).
struct FeeJob: Sendable {
    var folder: URL
    var dataFolder: URL
    var fees: JobInput
    var policy: JobInput
    var comparators: JobInput?
    /// The definition whose first source reads the proposed table, when one was picked.
    var definition: TemplateEntry?
    var names: DisplayNames

    func run() -> JobResult {
        var report = BuildReport()
        let outputs = folder.appendingPathComponent("outputs")
        do {
            try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
            let policy = try UpliftPolicy.load(contentsOf: self.policy.url, displayName: self.policy.name)
            let comparators = try self.comparators.map { try FeeUplift.comparators(from: CSVReader(url: $0.url, displayName: $0.name)) } ?? [:]
            let proposal = try FeeUplift(policy: policy, comparators: comparators).apply(to: CSVReader(url: fees.url, displayName: fees.name))
            try proposal.check(policy, fees: fees.url)
            report.fees = proposal.lines.map(FeeLine.init)
            let csvName = definition?.definition.sources.first.map { URL(fileURLWithPath: $0.file).lastPathComponent } ?? "proposed-fees.csv"
            let csv = outputs.appendingPathComponent(Catalog.isSafeName(csvName) ? csvName : "proposed-fees.csv")
            try proposal.writeCSV(to: csv)
            var written = [csv]
            let diff = FeeDiff(key: policy.keyColumn, oldAmount: policy.amountColumn, newAmount: policy.proposedColumn)
            let entries = try diff.compare(old: CSVReader(url: fees.url, displayName: fees.name), new: CSVReader(url: csv, displayName: csv.lastPathComponent))
            let changes = outputs.appendingPathComponent("fee-changes.xlsx")
            try FeeDiff.writeWorkbook(entries, title: "Fee changes: \(fees.name) → \(csv.lastPathComponent)", to: changes, displayName: changes.lastPathComponent)
            written.append(changes)
            if let definition {
                written.append(try appendix(definition, proposal: csv, in: outputs, report: &report))
            }
            let changed = proposal.lines.filter(\.changed).count
            report.summary = "\(proposal.lines.count) lines, \(changed) changed, \(proposal.lines.count - changed) unchanged"
            let records = try written.map { try FileRecord(hashing: $0) }
            return JobResult(status: .built, report: report, outputs: records)
        } catch {
            report.problems.append(names.problem(error))
            try? FileManager.default.removeItem(at: outputs)
            return JobResult(status: .invalid, report: report, outputs: [])
        }
    }

    private func appendix(_ template: TemplateEntry, proposal: URL, in outputs: URL, report: inout BuildReport) throws -> URL {
        var build = ReportBuild(definitionURL: template.url, dataDirectory: dataFolder)
        if let first = template.definition.sources.first { build.sourceFiles[first.name] = proposal }
        build.runsBesideOthers()
        let output = outputs.appendingPathComponent("\(template.id).xlsx")
        let summary = try build.run(output: output, mode: .auto)
        report.sheets = BuildReport.sheetLines(summary)
        return output
    }
}

extension FeeLine {
    init(_ line: FeeUplift.Line) {
        key = line.key
        description = line.description
        current = Money.format(line.current)
        proposed = Money.format(line.proposed)
        change = line.changed ? "\(line.change < 0 ? "-" : "+")\(Money.format(abs(line.change)))" : "unchanged"
        reason = line.reason
        benchmark = line.benchmark
        flagged = ["below", "above", "more"].contains { (line.benchmark ?? "").hasPrefix($0) }
    }
}

/// LibreOffice renders one preview at a time (each conversion starts its own office process).
final class PreviewLock: Sendable {
    private let lock = NSLock()

    /// PNG pictures of every printed page of every sheet and the workbook as a PDF, in `folder`.
    func render(_ build: ReportBuild, into folder: URL, name: String) throws -> [URL] {
        var preview = WorkbookPreview(folder: folder)
        preview.resolution = 60
        return try lock.withLock { try preview.render(build, mode: .auto, name: name, pdf: true) }
    }
}

extension ReportBuild {
    /// One thread for the build and one for deflating: builds run side by side on the build
    /// pool, one per core (the setting `batch --jobs N` gives its jobs; this target sees only
    /// the library's public API).
    fileprivate mutating func runsBesideOthers() {
        threads = .one
        packageZip = .concurrentBuild
    }
}
