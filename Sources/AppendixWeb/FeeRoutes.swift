import AppendixKit
import Foundation
import Hummingbird

extension WebServer {
    func feesForm(context: WebContext) -> Response {
        let files = catalog.dataFiles()
        let firstFeeTable = files.first { $0.name.contains("fees") }?.name
        let feeTable = DataFilePicker(slot: "fees", field: "fees", legend: "This year's fee table", noneLabel: "None: I upload a file",
                                      files: files, selectedName: firstFeeTable)
        let dataFiles = files.map { file -> [String: Any] in
            ["id": file.id, "name": file.name, "comparatorsDefault": file.name.contains("comparator")]
        }
        let definitions = catalog.templates().entries.filter { $0.id.contains("fee") }.map { entry -> [String: Any] in
            ["id": entry.id, "title": entry.title, "selected": entry.id == "registrar-fees-published"]
        }
        let policies = catalog.policies().map { ["id": $0.id, "name": $0.name] }
        return pages.page("fees", title: "Fees", values: ["feeTable": feeTable.values, "dataFiles": dataFiles, "policies": policies, "definitions": definitions], context: context)
    }

    /// `POST /fees`: this year's table (upload or data file), a policy and optional comparators
    /// and fee definition, all by id → the proposal, the appendix and the changes workbook.
    func fees(_ request: Request, context: WebContext) async -> Response {
        await job(request, context: context, kind: "fees") { form, folder in
            guard let policyID = form.fields["policy"], let policy = catalog.policy(id: policyID) else {
                throw Refusal(status: .badRequest, message: "Pick an uplift policy.")
            }
            guard let fees = try feeInput(form, name: "fees") else { throw Refusal(status: .badRequest, message: "Upload this year's fee table or pick one from the data folder.") }
            let comparators = try feeInput(form, name: "comparators")
            var definition: TemplateEntry?
            if let id = form.fields["definition"], !id.isEmpty {
                guard let entry = catalog.template(id: id) else { throw Refusal(status: .notFound, message: "No template has that name.") }
                definition = entry
            }
            var names = DisplayNames(hiding: [configuration.state, configuration.data, configuration.templates])
            names.add(policy.url, as: policy.name)
            for input in [fees, comparators].compactMap({ $0 }) { names.add(input.url, as: input.name) }
            let job = FeeJob(folder: folder, dataFolder: configuration.data, fees: fees, policy: JobInput(source: "policy", name: policy.name, url: policy.url),
                             comparators: comparators, definition: definition, names: names)
            return PreparedJob(template: definition?.id ?? policy.name, definitionURL: policy.url, inputs: [fees] + (comparators.map { [$0] } ?? []), run: job.run)
        }
    }

    private func feeInput(_ form: UploadedForm, name: String) throws -> JobInput? {
        if let upload = form.file("file.\(name)") { return JobInput(source: name, name: upload.name, url: upload.url) }
        guard let pick = form.fields["pick.\(name)"], !pick.isEmpty else { return nil }
        guard let file = catalog.dataFile(id: pick) else { throw Refusal(status: .badRequest, message: "No data file has the id '\(pick)'.") }
        return JobInput(source: name, name: file.name, url: file.url)
    }
}
