import Foundation
import Hummingbird
import ServiceLifecycle

extension WebServer {
    func historyPage(context: WebContext) async throws -> Response {
        let records = try await history.records(user: users == nil ? nil : context.identity?.name)
        let rows = records.map { record -> [String: Any] in
            ["id": record.id, "createdText": record.createdText, "template": record.template, "user": record.user ?? "", "status": record.status.rawValue,
             "filesRemoved": record.filesRemoved, "definitionSHA256": record.definitionSHA256, "toolVersion": record.toolVersion,
             "inputs": record.inputs.map { ["name": $0.name, "sha256": $0.sha256, "size": $0.size] as [String: Any] },
             "outputs": record.outputs.map { ["name": $0.name, "sha256": $0.sha256, "size": $0.size] as [String: Any] }]
        }
        let values: [String: Any] = ["records": rows, "auth": users != nil, "retentionDays": configuration.retentionDays]
        return pages.page("history", title: "History", values: values, context: context)
    }

    func buildPage(context: WebContext) async throws -> Response {
        guard let id = context.parameters.get("id"), let record = try await visibleRecord(id, context: context), let folder = folder(of: id) else {
            return pages.message("No build has that id.", title: "Not found", status: .notFound, context: context)
        }
        let report = try? JSONDecoder().decode(BuildReport.self, from: Data(contentsOf: folder.appendingPathComponent("report.json")))
        return pages.result(record, report: report, context: context)
    }

    /// `GET /builds/ID/files/N`: the build's Nth output, while it is kept.
    func download(context: WebContext) async throws -> Response {
        guard let id = context.parameters.get("id"), let index = context.parameters.get("index").flatMap(Int.init),
              let record = try await visibleRecord(id, context: context), let folder = folder(of: id), record.outputs.indices.contains(index) else {
            return pages.message("No such file.", title: "Not found", status: .notFound, context: context)
        }
        guard !record.filesRemoved else {
            return pages.message("This build's files were deleted; its hashes are in the history.", title: "Gone", status: .gone, context: context, back: "/builds/\(id)")
        }
        let file = record.outputs[index]
        var headers = HTTPFields()
        headers[.contentType] = Self.mediaType(of: file.name)
        headers[.contentDisposition] = "\(file.name.hasSuffix(".png") ? "inline" : "attachment"); filename=\"\(file.name)\""
        headers[.contentLength] = String(file.size)
        let path = folder.appendingPathComponent("outputs").appendingPathComponent(file.name).path
        return Response(status: .ok, headers: headers, body: try await FileIO().loadFile(path: path, context: context))
    }

    static func mediaType(of name: String) -> String {
        switch URL(fileURLWithPath: name).pathExtension {
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "png": "image/png"
        case "pdf": "application/pdf"
        default: "text/csv; charset=utf-8"
        }
    }

    /// `POST /builds/ID/delete`: removes the build's files; its history row and hashes stay.
    func delete(_ request: Request, context: WebContext) async throws -> Response {
        _ = try await checkedForm(request, context: context)
        guard let id = context.parameters.get("id"), let record = try await visibleRecord(id, context: context), record.status != .running else {
            return pages.message("No build has that id.", title: "Not found", status: .notFound, context: context)
        }
        try await removeFiles(of: record.id)
        return pages.message("The build's files were deleted; its hashes stay in the history.", title: "Deleted", status: .ok, context: context, back: "/history")
    }

    func removeFiles(of id: String) async throws {
        guard let folder = folder(of: id) else { return }
        try await queue.run {
            for name in ["inputs", "outputs"] { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        }
        try await history.markFilesRemoved(id: id)
    }

    /// Removes the files of builds older than the retention period.
    func sweep(now: Date = Date()) async throws {
        let cutoff = now.addingTimeInterval(-Double(configuration.retentionDays) * 86_400)
        for record in try await history.keptRecords(before: cutoff) {
            try await removeFiles(of: record.id)
            logger.info("retention: removed files", metadata: ["build": "\(record.id)"])
        }
    }
}

/// Sweeps old builds' files at start and every hour until shutdown.
struct RetentionSweep: Service {
    let server: WebServer

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do { try await server.sweep() } catch { server.logger.error("retention sweep failed", metadata: ["error": "\(error)"]) }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(3600)) }
        }
    }
}
