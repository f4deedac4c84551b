import AppendixKit
import Foundation
import Hummingbird

extension WebServer {
    /// `GET /fees/import`: the form for an edited fee workbook and, optionally, the fee table it
    /// was built from.
    func feeImportForm(context: WebContext) -> Response {
        let feeTable = DataFilePicker(
            slot: "fees", field: "fees", legend: "The fee table it was built from (optional)",
            note: "Give it to get that table back with the typed amounts in its amount column, every other column as it is, so the same definition builds it again. Without it, next year's table has the key, description and amount only.",
            noneLabel: "None", files: catalog.dataFiles())
        return pages.page("feeImport", title: "Import an edited fee workbook", values: ["feeTable": feeTable.values], context: context)
    }

    /// `POST /fees/import`: the workbook (`file.workbook`) and the optional fee table (`file.fees`
    /// or `pick.fees`) → next year's fee table and the change log, or the import's refusal.
    func feeImport(_ request: Request, context: WebContext) async -> Response {
        await job(request, context: context, kind: "fees-import") { form, folder in
            guard let upload = form.file("file.workbook") else {
                throw Refusal(status: .badRequest, message: "Upload the edited fee workbook (.xlsx).")
            }
            let workbook = JobInput(source: "workbook", name: upload.name, url: upload.url)
            let fees = try feeTable(form)
            let job = FeeImportJob(folder: folder, workbook: workbook, fees: fees)
            return PreparedJob(template: "fees import", definitionURL: nil, inputs: [workbook] + (fees.map { [$0] } ?? []), run: job.run)
        }
    }

    private func feeTable(_ form: UploadedForm) throws -> JobInput? {
        if let upload = form.file("file.fees") { return JobInput(source: "fees", name: upload.name, url: upload.url) }
        guard let pick = form.fields["pick.fees"], !pick.isEmpty else { return nil }
        guard let file = catalog.dataFile(id: pick) else { throw Refusal(status: .badRequest, message: "No data file has the id '\(pick)'.") }
        return JobInput(source: "fees", name: file.name, url: file.url)
    }
}

/// `appendix fees import` on an uploaded workbook: next year's fee table (merged into the fee
/// table it was built from, when given, as `--fees` does) and the change log, or the refusal
/// naming the sheet and cell.
struct FeeImportJob: Sendable {
    var folder: URL
    var workbook: JobInput
    /// The fee table the workbook was built from, when the user gave it.
    var fees: JobInput?

    static let tableName = "next-year-fees.csv"
    static let changeLogName = "fee-change-log.csv"

    func run() -> JobResult {
        var report = BuildReport()
        let outputs = folder.appendingPathComponent("outputs")
        do {
            let imported = try FeeImport.read(workbook.url, displayName: workbook.name)
            try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
            let table = outputs.appendingPathComponent(Self.tableName), changeLog = outputs.appendingPathComponent(Self.changeLogName)
            try imported.write(table: table, changes: changeLog, mergedInto: fees.map { try CSVReader(url: $0.url, displayName: $0.name) })
            let changed = imported.lines.filter(\.changed)
            report.importedChanges = changed.map(ImportedFeeChange.init)
            report.summary = "\(imported.lines.count) fees read from sheet '\(imported.sheet)': \(changed.count) changed, \(imported.lines.count - changed.count) as built"
            let records = try [table, changeLog].map { try FileRecord(hashing: $0) }
            return JobResult(status: .built, report: report, outputs: records)
        } catch {
            report.problems.append(problem(error))
            try? FileManager.default.removeItem(at: outputs)
            return JobResult(status: .invalid, report: report, outputs: [])
        }
    }

    /// The problem with the workbook's sheet and cell in the Column column.
    private func problem(_ error: Error) -> Problem {
        var names = DisplayNames(hiding: [folder])
        names.add(workbook.url, as: workbook.name)
        if let fees { names.add(fees.url, as: fees.name) }
        guard let refusal = error as? FeeImportError else { return names.problem(error) }
        let place = [refusal.sheet.map { "sheet '\($0)'" }, refusal.cell.map { "cell \($0)" }].compactMap { $0 }.joined(separator: " ")
        return Problem(file: names.scrub(refusal.file), column: place.isEmpty ? nil : place, message: names.scrub(refusal.message))
    }
}

/// A line of the change log: a fee whose typed amount differs from the one built.
struct ImportedFeeChange: Codable, Sendable, Equatable {
    var key: String
    var description: String
    var built: String
    var typed: String
    var change: String
}

extension ImportedFeeChange {
    init(_ line: FeeImport.Line) {
        key = line.key
        description = line.description
        built = line.built.map(Money.format) ?? "N/A"
        typed = line.typed.map(Money.format) ?? "N/A"
        change = line.change.map(Money.format) ?? ""
    }
}
