import AppendixKit
import Foundation
import Hummingbird

/// A request refused with a page (its status and message).
struct Refusal: Error {
    var status: HTTPResponse.Status
    var message: String
    var retryAfter: Int?
}

extension WebServer {
    /// `POST /build`: the upload, then the build in its own folder, then its page.
    func build(_ request: Request, context: WebContext) async -> Response {
        await job(request, context: context, kind: "build") { form, folder in
            guard let id = form.fields["template"], let entry = catalog.template(id: id) else { throw Refusal(status: .notFound, message: "No template has that name.") }
            var names = DisplayNames(hiding: [configuration.state, configuration.data, configuration.templates])
            names.add(entry.url, as: "\(entry.id).yaml")
            var definitionURL = entry.url, definition: ReportDefinition?
            if let upload = form.file("definition") {
                definition = try uploadedDefinition(upload)
                definitionURL = upload.url
                names.add(upload.url, as: upload.name)
            }
            let inputs = try buildInputs(form, definition: definition ?? entry.definition)
            for input in inputs { names.add(input.url, as: input.name) }
            let job = BuildJob(folder: folder, dataFolder: configuration.data, definitionURL: definitionURL, definition: definition,
                               inputs: inputs, outputName: "\(entry.id).xlsx", names: names, pictures: form.fields["pictures"] == "on" ? previews : nil)
            return PreparedJob(template: entry.id, definitionURL: definitionURL, inputs: inputs, run: job.run)
        }
    }

    /// The input for each source: an upload (`file.SOURCE`), else a data-folder file by id
    /// (`pick.SOURCE`), else the data folder's file of the definition's name, if any.
    func buildInputs(_ form: UploadedForm, definition: ReportDefinition) throws -> [JobInput] {
        try definition.sources.filter { !$0.isFolder }.compactMap { source in
            if let upload = form.file("file.\(source.name)") { return JobInput(source: source.name, name: upload.name, url: upload.url) }
            if let pick = form.fields["pick.\(source.name)"], !pick.isEmpty {
                guard let file = catalog.dataFile(id: pick) else { throw Refusal(status: .badRequest, message: "No data file has the id '\(pick)'.") }
                return JobInput(source: source.name, name: file.name, url: file.url)
            }
            return catalog.defaultFile(for: source).map { JobInput(source: source.name, name: $0.name, url: $0.url) }
        }
    }

    /// An uploaded definition, when allowed: its sources may name only files directly in the
    /// data folder (no folders, no paths), and its `output:` is ignored.
    func uploadedDefinition(_ upload: UploadedFile) throws -> ReportDefinition {
        guard configuration.allowsDefinitionUpload else {
            throw Refusal(status: .forbidden, message: "Uploading a definition is not enabled on this server (appendix-web --allow-definition-upload).")
        }
        let text = try String(contentsOf: upload.url, encoding: .utf8)
        var definition = try DefinitionLoader.load(yaml: text, file: upload.name)
        for source in definition.sources where source.isFolder || source.file.contains("/") || source.file.contains("\\") || source.file.hasPrefix(".") {
            throw Refusal(status: .badRequest, message: "\(upload.name): source '\(source.name)' names '\(source.file)': an uploaded definition may name only a file in the data folder")
        }
        definition.output = nil
        return definition
    }
}

/// A job ready to run: what the history records before it starts, and the work.
struct PreparedJob: Sendable {
    var template: String
    /// The definition hashed into the history; nil when the job reads none (fee import).
    var definitionURL: URL?
    var inputs: [JobInput]
    var run: @Sendable () -> JobResult
}

extension WebServer {
    /// Receives the upload into a new build folder, prepares the job, records it, runs it on
    /// the build queue and answers with its page (200 built, 422 problems found, 202 still
    /// running after the request timeout, 503 when the queue is full).
    func job(_ request: Request, context: WebContext, kind: String, prepare: (UploadedForm, URL) throws -> PreparedJob) async -> Response {
        let id = newBuildID()
        // swift-format-ignore: NeverForceUnwrap
        let folder = folder(of: id)!  // newBuildID() gives 32 hex digits, which folder(of:) accepts
        do {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("inputs"), withIntermediateDirectories: true)
            let form = try await UploadReceiver(folder: folder.appendingPathComponent("inputs"), limit: configuration.maxUploadBytes, csrfToken: context.csrfToken).receive(request)
            let prepared = try prepare(form, folder)
            return try await run(prepared, id: id, folder: folder, kind: kind, context: context)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            return refusalPage(error, context: context)
        }
    }

    private func run(_ prepared: PreparedJob, id: String, folder: URL, kind: String, context: WebContext) async throws -> Response {
        let started = BuildRecord(id: id, created: Date(), kind: kind, template: prepared.template, user: context.identity?.name, inputs: [],
                                 definitionSHA256: "", toolVersion: AppendixVersion.current, status: .running, message: nil, outputs: [], filesRemoved: false)
        try await history.save(started)
        let history = history, queue = queue, logger = logger
        let task = Task { () throws -> (BuildRecord, BuildReport) in
            var record = started
            do {
                let (digests, definitionDigest, result) = try await queue.run {
                    let digests = try prepared.inputs.map { try FileRecord(hashing: $0.url, name: $0.name) }
                    return (digests, try prepared.definitionURL.map(SHA256.file), prepared.run())
                }
                record.inputs = digests
                record.definitionSHA256 = definitionDigest?.sha256 ?? ""
                record.status = result.status
                record.outputs = result.outputs
                record.message = result.report.problems.first.map { $0.message } ?? result.report.summary
                try JSONEncoder().encode(result.report).write(to: folder.appendingPathComponent("report.json"))
                try await history.save(record)
                logger.info("build finished", metadata: ["build": "\(id)", "template": "\(prepared.template)", "status": "\(result.status.rawValue)"])
                return (record, result.report)
            } catch let full as QueueFull {
                try? await history.delete(id: id)
                throw full
            }
        }
        guard let (done, report) = try await value(of: task, timeout: configuration.requestTimeout) else {
            return pages.message("The build is taking longer than \(Int(configuration.requestTimeout)) seconds; its page is at /builds/\(id) and in the history.",
                                 title: "Still building", status: .accepted, context: context, back: "/builds/\(id)")
        }
        return pages.result(done, report: report, context: context, status: done.status == .built ? .ok : .unprocessableContent)
    }

    /// The page for a refused request: 413, 403, 400, 404, 503 (with `Retry-After`), or 500.
    func refusalPage(_ error: Error, context: WebContext) -> Response {
        switch error {
        case UploadError.tooLarge(let limit):
            return pages.message("The upload is larger than the limit of \(limit / (1024 * 1024)) MB; nothing was stored.", title: "Upload too large", status: .contentTooLarge, context: context)
        case UploadError.forgery:
            return pages.message("The form's security token is missing or out of date: reload the page and try again.", title: "Form refused", status: .forbidden, context: context)
        case UploadError.malformed(let message):
            return pages.message(message, title: "Bad request", status: .badRequest, context: context)
        case let full as QueueFull:
            var response = pages.message("The server is busy; try again in \(full.retryAfter) seconds.", title: "Busy", status: .serviceUnavailable, context: context)
            response.headers[.retryAfter] = String(full.retryAfter)
            return response
        case let refusal as Refusal:
            return pages.message(refusal.message, title: refusal.status.reasonPhrase, status: refusal.status, context: context)
        case let error as AppendixError:
            return pages.message(DisplayNames(hiding: [configuration.state, configuration.data, configuration.templates]).scrub(error.description),
                                 title: "Bad input", status: .badRequest, context: context)
        default:
            logger.error("request failed", metadata: ["error": "\(error)"])
            return pages.message("Something went wrong on the server; it has been logged.", title: "Server error", status: .internalServerError, context: context)
        }
    }
}
