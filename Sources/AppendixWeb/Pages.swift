import AppendixKit
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the pages: each page's template into the layout, as an HTML response.
struct Pages: Sendable {
    let library: MustacheLibrary
    let loginEnabled: Bool

    init(loginEnabled: Bool) throws {
        var library = MustacheLibrary()
        for (name, text) in PageTemplates.all { try library.register(text, named: name) }
        self.library = library
        self.loginEnabled = loginEnabled
    }

    /// `template` rendered with `values` (plus the CSRF token) inside the layout.
    func page(_ template: String, title: String, values: [String: Any], context: WebContext, status: HTTPResponse.Status = .ok) -> Response {
        var values = values
        values["csrf"] = context.csrfToken
        let body = library.render(values, withTemplate: template) ?? ""
        var layout: [String: Any] = ["title": title, "body": body, "csrf": context.csrfToken, "version": AppendixVersion.current]
        if let user = context.identity { layout["user"] = ["name": user.name] }
        let html = library.render(layout, withTemplate: "layout") ?? ""
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.contentTypeOptions] = "nosniff"
        headers[.frameOptions] = "DENY"
        headers[.contentSecurityPolicy] = "default-src 'self'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A short page with one message (errors such as 403, 404, 413, 503).
    func message(_ text: String, title: String, status: HTTPResponse.Status, context: WebContext, back: String = "/") -> Response {
        page("message", title: title, values: ["message": text, "kind": status.code < 400 ? "ok" : "error", "back": back], context: context, status: status)
    }

    func loginPage(context: WebContext, status: HTTPResponse.Status, message: String?) -> Response {
        var values: [String: Any] = [:]
        if let message { values["message"] = message }
        return page("login", title: "Sign in", values: values, context: context, status: status)
    }
}

extension Pages {
    /// The page of a build or fee proposal: its problems, inspect summaries, fee lines and downloads.
    func result(_ record: BuildRecord, report: BuildReport?, context: WebContext, status: HTTPResponse.Status = .ok) -> Response {
        let report = report ?? BuildReport()
        let wording = ResultWording(kind: record.kind)
        let statusText: String
        switch record.status {
        case .running: statusText = "still running: reload this page in a moment"
        case .built: statusText = wording.done
        case .invalid: statusText = "not built: problems found"
        case .failed: statusText = "failed"
        }
        var problems = report.problems
        if problems.isEmpty, record.status == .invalid || record.status == .failed, let message = record.message {
            problems = [Problem(file: "", message: message)]
        }
        let values: [String: Any] = [
            "buildID": record.id, "template": record.template, "created": record.createdText, "statusText": statusText,
            "hasProblems": !problems.isEmpty, "problems": problems.map(Self.values), "built": record.status == .built,
            "summary": report.summary ?? record.message ?? "", "filesRemoved": record.filesRemoved,
            "outputs": record.outputs.enumerated().map { ["index": $0.offset, "name": $0.element.name, "size": $0.element.size] as [String: Any] },
            "warnings": report.warnings,
            "pictures": record.filesRemoved ? [] : record.outputs.enumerated().filter { $0.element.name.hasSuffix(".png") }.map { ["index": $0.offset, "name": $0.element.name] as [String: Any] }, "hasFees": !report.fees.isEmpty, "fees": report.fees.map(Self.values),
            "inputs": report.inputs.map(Self.values),
            "hasImportedChanges": report.importedChanges != nil, "importedChanges": (report.importedChanges ?? []).map(Self.values),
            "again": Self.formPath(record), "doneHeading": wording.heading, "noun": wording.noun,
        ]
        return page("result", title: Self.title(record), values: values, context: context, status: status)
    }

    static func formPath(_ record: BuildRecord) -> String {
        switch record.kind {
        case "fees": "/fees"
        case "fees-import": "/fees/import"
        default: "/build/\(record.template)"
        }
    }

    static func title(_ record: BuildRecord) -> String {
        switch record.kind {
        case "fees": "Fee proposal"
        case "fees-import": "Fee import"
        default: "Build of \(record.template)"
        }
    }

    static func values(_ change: ImportedFeeChange) -> [String: Any] {
        ["key": change.key, "description": change.description, "built": change.built, "typed": change.typed, "change": change.change]
    }

    static func values(_ problem: Problem) -> [String: Any] {
        var values: [String: Any] = ["file": problem.file, "line": problem.line.map(String.init) ?? "", "column": problem.column ?? "",
                                     "value": problem.value ?? "", "message": problem.message]
        if let keyPath = problem.keyPath, !keyPath.isEmpty { values["keyPath"] = keyPath }
        return values
    }

    static func values(_ line: FeeLine) -> [String: Any] {
        ["key": line.key, "description": line.description, "current": line.current, "proposed": line.proposed, "change": line.change,
         "reason": line.reason, "benchmark": line.benchmark ?? "", "flagged": line.flagged]
    }

    static func values(_ input: InputSummary) -> [String: Any] {
        ["source": input.source, "name": input.name, "rows": input.rows, "columns": input.columns.map { column -> [String: Any] in
            var values: [String: Any] = ["name": column.name, "type": column.type, "blanks": column.blanks, "notApplicable": column.notApplicable,
                                         "distinct": column.distinct, "markup": column.markup ?? ""]
            if let misfits = column.misfits { values["misfits"] = misfits }
            return values
        }]
    }
}

/// What a result page calls a job that worked: a fee import's files are imported, not built.
struct ResultWording: Equatable {
    /// The heading over the downloads ("Built", "Imported").
    var heading: String
    /// The status line's word ("built", "imported").
    var done: String
    /// The job, in "Delete this build's files" ("build", "import").
    var noun: String

    init(kind: String) {
        switch kind {
        case "fees-import": (heading, done, noun) = ("Imported", "imported", "import")
        default: (heading, done, noun) = ("Built", "built", "build")
        }
    }
}

extension HTTPField.Name {
    // swift-format-ignore: NeverForceUnwrap
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!  // a valid token: cannot fail
    // swift-format-ignore: NeverForceUnwrap
    static let frameOptions = HTTPField.Name("X-Frame-Options")!  // a valid token: cannot fail
}
