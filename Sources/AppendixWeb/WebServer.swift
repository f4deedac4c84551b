import AppendixKit
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import ServiceLifecycle

/// The web app: its folders, history, build queue and pages, and the routes over them.
public struct WebServer: Sendable {
    let configuration: WebConfiguration
    let catalog: Catalog
    let history: History
    let queue: BuildQueue
    let pages: Pages
    let users: UserFile?
    let logger: Logger
    let previews = PreviewLock()

    /// Opens the state folder (creating it and the history database) and reads the users file.
    public init(configuration: WebConfiguration, logger: Logger) throws {
        try configuration.check()
        self.configuration = configuration
        catalog = Catalog(templatesFolder: configuration.templates, dataFolder: configuration.data, previewsFolder: configuration.previews)
        try FileManager.default.createDirectory(at: configuration.state.appendingPathComponent("builds"), withIntermediateDirectories: true)
        history = try History(path: configuration.state.appendingPathComponent("history.sqlite").path)
        queue = BuildQueue(workers: configuration.workers, queueLimit: configuration.queueLimit)
        users = try configuration.usersFile.map(UserFile.init(url:))
        pages = try Pages(loginEnabled: users != nil)
        self.logger = logger
    }

    /// The Hummingbird application: routes, middleware, and the build queue and retention sweep
    /// as services (a graceful shutdown lets running builds finish).
    public func application() -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "appendix-web"),
            services: [queue, RetentionSweep(server: self)],
            logger: logger
        )
    }

    func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: CSRFMiddleware())
        if let users {
            router.add(middleware: SessionMiddleware(storage: MemoryPersistDriver()))
            router.add(middleware: SessionAuthenticator(context: WebContext.self) { name, _ in users.hashes[name] == nil ? nil : WebUser(name: name) })
            router.add(middleware: LoginRequiredMiddleware(pages: pages))
        }
        router.get("/healthz") { _, _ in try await self.health() }
        router.get("/") { _, context in self.gallery(context: context) }
        router.get("/templates/:id/preview.png") { _, context in try await self.preview(context: context) }
        router.get("/build/:id") { _, context in self.buildForm(context: context) }
        router.post("/build") { request, context in await self.build(request, context: context) }
        router.get("/fees") { _, context in self.feesForm(context: context) }
        router.post("/fees") { request, context in await self.fees(request, context: context) }
        router.get("/fees/import") { _, context in self.feeImportForm(context: context) }
        router.post("/fees/import") { request, context in await self.feeImport(request, context: context) }
        router.get("/history") { _, context in try await self.historyPage(context: context) }
        router.get("/builds/:id") { _, context in try await self.buildPage(context: context) }
        router.get("/builds/:id/files/:index") { _, context in try await self.download(context: context) }
        router.post("/builds/:id/delete") { request, context in try await self.delete(request, context: context) }
        router.get("/login") { _, context in self.pages.loginPage(context: context, status: .ok, message: nil) }
        router.post("/login") { request, context in try await self.login(request, context: context) }
        router.post("/logout") { request, context in try await self.logout(request, context: context) }
        return router
    }

    func health() async throws -> Response {
        let load = await queue.load()
        let text = "{\"status\":\"ok\",\"running\":\(load.running),\"waiting\":\(load.waiting)}"
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A build's folder: `state/builds/ID` (the id is ours, checked to be hex).
    func folder(of id: String) -> URL? {
        guard id.count == 32, id.allSatisfy(\.isHexDigit) else { return nil }
        return configuration.state.appendingPathComponent("builds").appendingPathComponent(id)
    }

    /// The record `id`, if it exists and (with login on) is the user's.
    func visibleRecord(_ id: String, context: WebContext) async throws -> BuildRecord? {
        guard folder(of: id) != nil, let record = try await history.record(id: id) else { return nil }
        if users != nil, record.user != context.identity?.name { return nil }
        return record
    }

    /// Checks a small form's CSRF token.
    func checkedForm(_ request: Request, context: WebContext) async throws -> [String: String] {
        let form = try await SmallForm.read(request, context: context)
        guard CSRF.matches(form["_csrf"] ?? "", context.csrfToken) else { throw HTTPError(.forbidden, message: "The form's security token is missing or out of date: reload the page and try again.") }
        return form
    }
}
