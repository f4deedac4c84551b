import AppendixData
import AppendixDefinition
import AppendixLayout
import AppendixRender
import Foundation

/// Builds many workbooks from one definition: one per input file, or one per value of a field,
/// in parallel. Each job writes atomically, so one failing input names itself and leaves the
/// others (and any earlier output of its own) untouched.
public struct BatchBuild: Sendable {
    /// The build each job starts from (its definition, data folder and options).
    public var build: ReportBuild
    /// The source whose data varies between jobs (default: the definition's first source).
    public var sourceName: String?
    /// How each workbook is written (``/AppendixDefinition/BuildMode``; `auto` decides per job from its input size).
    public var mode: BuildMode = .auto

    /// Batches of `build`, varying `sourceName` (default: the definition's first source).
    public init(build: ReportBuild, sourceName: String? = nil) {
        self.build = build
        self.sourceName = sourceName
    }

    /// One workbook to write.
    public struct Job: Sendable {
        /// What the job is for (a file name or a field value), for progress and errors.
        public var name: String
        /// The workbook it writes.
        public var output: URL
        /// Writes the workbook on as many threads as `concurrency` allows.
        package let work: @Sendable (JobConcurrency) throws -> ReportBuild.Summary

        /// Writes the workbook.
        public func run() throws -> ReportBuild.Summary { try work(.alone) }
    }

    /// A job per file matching `pattern` (a path relative to the data folder whose last part
    /// may contain `*` and `?`). The output pattern may use `{name}` (the file name without
    /// extension) and `{period}` (the period in the file name, e.g. `2018-10`).
    public func jobs(inputs pattern: String, output: String) throws -> [Job] {
        let definition = try build.loadDefinition()
        let source = try chosenSource(definition)
        let folder = build.dataDirectory.appendingPathComponent((pattern as NSString).deletingLastPathComponent)
        let mask = (pattern as NSString).lastPathComponent
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { fnmatch(mask, $0, 0) == 0 }.sorted()
        guard !names.isEmpty else {
            throw DataError(file: folder.appendingPathComponent(mask).relativeDisplayPath, message: "no input files match")
        }
        let inputs = build.inputs(of: definition) + names.map { OutputTarget.Input(folder.appendingPathComponent($0), role: "an input of the batch") }
        return try checkedOutputs(pattern: output, placeholders: ["name"], inputs: inputs, names.map { name in
            let url = folder.appendingPathComponent(name)
            let stem = (name as NSString).deletingPathExtension
            let target = try outputURL(output, values: ["name": stem, "period": Period.inFileName(name)?.code ?? stem])
            var jobBuild = build
            jobBuild.sourceFiles[source.name] = url
            let run = jobBuild, mode = mode
            return Job(name: url.relativeDisplayPath, output: target) { concurrency in
                return try concurrency.applied(to: run).assemble(definition, to: target, streaming: try run.streams(definition, mode: mode))
            }
        })
    }

    /// A job per distinct value of `field` in the source, in order of first appearance. The
    /// output pattern may use `{value}` and, when the values are periods, `{period}`.
    public func jobs(split field: String, output: String) throws -> [Job] {
        let definition = try build.loadDefinition()
        let source = try chosenSource(definition)
        let table = try build.load(source, of: definition)
        var tables = [source.name: table]
        for other in definition.sources where other.name != source.name { tables[other.name] = try build.load(other, of: definition) }
        guard let index = table.index(of: field) else {
            throw DataError(file: table.file, line: 1, message: "no column '\(field)' to split by; the header has: \(table.header.joined(separator: ", "))")
        }
        var order: [String] = []
        var groups: [String: [DataRow]] = [:]
        for row in table.rows {
            let value = row.values[index].displayText
            if groups[value] == nil { order.append(value) }
            groups[value, default: []].append(row)
        }
        let runner = build, streaming = try build.streams(definition, mode: mode)
        return try checkedOutputs(pattern: output, placeholders: ["value"], inputs: build.inputs(of: definition), order.enumerated().map { position, value in
            let target = try outputURL(output, values: ["value": value, "period": Period(value)?.code ?? value])
            var jobTables = tables
            var part = DataTable(file: table.file, header: table.header, rows: groups[value] ?? [])
            // The file was read once for all jobs: its warnings are reported once, with the first.
            if position == 0 { part.noteReading(of: table) }
            jobTables[source.name] = part
            let frozen = jobTables
            return Job(name: "\(field) = \(value)", output: target) { concurrency in
                return try concurrency.applied(to: runner).write(definition, tables: frozen, to: target, streaming: streaming)
            }
        })
    }

    /// Runs `jobs` on up to `parallelism` threads; `progress` is called after each job
    /// (completed count, total, job) from the finishing thread, one call at a time. With more
    /// than one job at a time each lays out and writes on one thread (``BuildThreads/one``) and
    /// deflates on one thread (``/AppendixRender/PackageZip/concurrentBuild``).
    public static func run(_ jobs: [Job], parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
                           progress: @escaping @Sendable (Int, Int, Job) -> Void = { _, _, _ in }) -> [Result<ReportBuild.Summary, Error>] {
        let results = ResultBox(count: jobs.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, parallelism)
        let concurrency = JobConcurrency(jobs: jobs.count, parallelism: queue.maxConcurrentOperationCount)
        for (index, job) in jobs.enumerated() {
            queue.addOperation {
                let result = Result { try job.work(concurrency) }
                results.set(index, result) { done in progress(done, jobs.count, job) }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return results.values
    }


    private func chosenSource(_ definition: ReportDefinition) throws -> SourceDefinition {
        guard let name = sourceName else { return definition.sources[0] }
        guard let source = definition.source(named: name) else {
            throw DefinitionError(DefinitionLocation(file: definition.file, path: "sources", line: 1, column: 1),
                                  "no source named '\(name)'; sources are: \(definition.sources.map(\.name).joined(separator: ", "))")
        }
        return source
    }

    private func outputURL(_ pattern: String, values: [String: String]) throws -> URL {
        _ = try OutputTarget(argument: pattern)
        var path = pattern
        for (key, value) in values {
            path = path.replacingOccurrences(of: "{\(key)}", with: BatchBuild.fileNameSafe(value))
        }
        if let open = path.range(of: "{"), path[open.lowerBound...].contains("}") {
            throw RenderError(file: pattern, message: "unknown placeholder in the output pattern; use \(values.keys.sorted().map { "{\($0)}" }.joined(separator: ", "))")
        }
        return URL(fileURLWithPath: path)
    }

    /// `jobs` if no two write the same file and each output passes ``OutputTarget``'s checks;
    /// `placeholders` are those that tell jobs apart (`{period}` may be the same for several).
    private func checkedOutputs(pattern: String, placeholders: [String], inputs: [OutputTarget.Input], _ jobs: [Job]) throws -> [Job] {
        var seen: [String: Job] = [:]
        for job in jobs {
            if let earlier = seen[job.output.path] {
                throw RenderError(file: job.output.relativeDisplayPath, message: BatchBuild.collision(earlier, job, pattern: pattern, placeholders: placeholders))
            }
            seen[job.output.path] = job
            try build.outputTarget(job.output).check(against: inputs)
        }
        return jobs
    }

    /// Why two jobs got the same file, and what to change.
    static func collision(_ first: Job, _ second: Job, pattern: String, placeholders: [String]) -> String {
        let both = "several inputs would write this file (\(first.name) and \(second.name))"
        let unused = placeholders.filter { !pattern.contains("{\($0)}") }
        if !unused.isEmpty {
            return "\(both); put \(unused.map { "{\($0)}" }.joined(separator: " or ")) in the output pattern"
        }
        return "\(both): in file names, characters other than letters, digits, '-', '_' and '.' become '-'; make the values differ in those"
    }

    /// Names Windows reserves for devices, with any extension (`CON.xlsx` cannot be opened there).
    static let windowsReservedNames: Set<String> = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })

    /// `value` with characters that are awkward in file names replaced by `-`, no leading or
    /// trailing `-` or `.`, and `_` after a name Windows reserves (`CON` → `CON_`).
    static func fileNameSafe(_ value: String) -> String {
        let cleaned = String(value.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "-" }).trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        let stem = cleaned.prefix { $0 != "." }
        guard windowsReservedNames.contains(stem.uppercased()) else { return cleaned }
        return stem + "_" + cleaned.dropFirst(stem.count)
    }
}

/// Results written by concurrent jobs.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    /// Every job's result; one that never ran (which `run` does not allow) reads as cancelled.
    private(set) var values: [Result<ReportBuild.Summary, Error>]
    private var done = 0

    package init(count: Int) { values = Array(repeating: .failure(CancellationError()), count: count) }

    /// Stores a result and reports how many are done, under the lock.
    package func set(_ index: Int, _ result: Result<ReportBuild.Summary, Error>, then report: (Int) -> Void) {
        lock.lock(); defer { lock.unlock() }
        values[index] = result
        done += 1
        report(done)
    }
}

/// How a batch job runs beside the others: a job alone uses the build's threads and zip layer;
/// jobs side by side use one thread each for laying out and writing and for deflating, so the
/// cores are not oversubscribed.
package struct JobConcurrency: Sendable {
    var threads: BuildThreads?
    var zip: PackageZip?

    /// As the batch's build says.
    static let alone = JobConcurrency(threads: nil, zip: nil)
    /// One thread for the build and one for deflate.
    static let sideBySide = JobConcurrency(threads: .one, zip: .concurrentBuild)

    init(threads: BuildThreads?, zip: PackageZip?) {
        self.threads = threads
        self.zip = zip
    }

    /// Side by side when more than one of `jobs` runs at a time.
    init(jobs: Int, parallelism: Int) {
        self = min(jobs, parallelism) > 1 ? .sideBySide : .alone
    }

    /// `build` with these settings.
    func applied(to build: ReportBuild) -> ReportBuild {
        var build = build
        if let threads { build.threads = threads }
        if let zip { build.packageZip = zip }
        return build
    }
}
