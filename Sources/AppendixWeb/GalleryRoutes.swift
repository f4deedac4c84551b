import AppendixKit
import Foundation
import Hummingbird

extension WebServer {
    func gallery(context: WebContext) -> Response {
        let (entries, broken) = catalog.templates()
        let templates: [[String: Any]] = entries.map { entry in
            var values: [String: Any] = [
                "id": entry.id, "title": entry.title, "sheets": entry.definition.sheets.count, "preview": entry.preview != nil,
                "sources": entry.definition.sources.map { ["name": $0.name, "file": $0.file, "folder": $0.isFolder] as [String: Any] },
            ]
            if let description = entry.definition.description { values["description"] = description }
            return values
        }
        let brokenValues = broken.map { ["id": $0.id, "message": $0.message] }
        return pages.page("gallery", title: "Templates", values: ["templates": templates, "broken": brokenValues], context: context)
    }

    func preview(context: WebContext) async throws -> Response {
        guard let id = context.parameters.get("id"), let url = catalog.template(id: id)?.preview else { throw HTTPError(.notFound) }
        var headers = HTTPFields()
        headers[.contentType] = "image/png"
        return Response(status: .ok, headers: headers, body: try await FileIO().loadFile(path: url.path, context: context))
    }

    func buildForm(context: WebContext) -> Response {
        guard let id = context.parameters.get("id"), let entry = catalog.template(id: id) else {
            return pages.message("No template has that name.", title: "Not found", status: .notFound, context: context)
        }
        let files = catalog.dataFiles()
        // Each source in the definition's order: a folder (read from the data folder) or a picker.
        let sources: [[String: Any]] = entry.definition.sources.enumerated().map { index, source in
            if source.isFolder { return ["folder": ["name": source.name, "file": source.file], "picker": false] }
            let picker = DataFilePicker(slot: String(index), field: source.name, legend: "Source", legendCode: source.name,
                                        legendNote: "(the definition reads \(source.file))", noneLabel: "None: I upload a file",
                                        files: files, selectedName: source.file)
            return ["folder": false, "picker": picker.values]
        }
        var values: [String: Any] = ["id": entry.id, "sources": sources, "definitionUpload": configuration.allowsDefinitionUpload]
        if let description = entry.definition.description { values["description"] = description }
        return pages.page("build", title: "Build: \(entry.title)", values: values, context: context)
    }
}
