import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import AppendixWeb

/// A web server over the shipped templates and sample data with a state folder of its own.
struct WebFixture {
    var configuration: WebConfiguration
    var server: WebServer

    init(_ adjust: (inout WebConfiguration) -> Void = { _ in }) throws {
        var configuration = WebConfiguration(templates: TestFiles.root.appendingPathComponent("Templates"),
                                             data: TestFiles.root.appendingPathComponent("SampleData"), state: try TestFiles.scratchFolder())
        configuration.previews = TestFiles.root.appendingPathComponent("docs/previews")
        configuration.port = 0
        adjust(&configuration)
        self.configuration = configuration
        var logger = Logger(label: "appendix-web-test")
        logger.logLevel = .warning
        server = try WebServer(configuration: configuration, logger: logger)
    }

    /// Runs `test` against the routes (no sockets), with a client that keeps cookies.
    func test<Value: Sendable>(_ test: @escaping @Sendable (WebClient) async throws -> Value) async throws -> Value {
        try await server.application().test(.router) { client in try await test(WebClient(client: client)) }
    }
}

/// A test client that keeps the CSRF cookie (and session) like a browser, and builds forms.
final class WebClient: @unchecked Sendable {
    let client: any TestClientProtocol
    private let lock = NSLock()
    private var cookies: [String: String] = [:]

    init(client: any TestClientProtocol) { self.client = client }

    var csrf: String { lock.withLock { cookies["appendix_csrf"] ?? "" } }

    func request(_ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> TestResponse {
        var headers = headers
        let cookieLine = lock.withLock { cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if !cookieLine.isEmpty { headers[.cookie] = cookieLine }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { lock.withLock { cookies[pair[0]] = pair[1] } }
        }
        return response
    }

    /// Gets a page first when no CSRF cookie is held yet.
    func ensureToken() async throws {
        if csrf.isEmpty { _ = try await request("/") }
    }

    /// Posts a multipart form: `_csrf` first (unless `token` is nil), then fields, then files.
    func postMultipart(_ uri: String, token: String?? = .none, fields: [(String, String)] = [], files: [MultipartFile] = []) async throws -> TestResponse {
        try await ensureToken()
        let boundary = "----appendix-test-boundary"
        var parts: [(String, String)] = []
        switch token {
        case .none: parts.append(("_csrf", csrf))
        case .some(.some(let value)): parts.append(("_csrf", value))
        case .some(.none): break
        }
        var body = ByteBuffer()
        for (name, value) in parts + fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: text/csv\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers = HTTPFields()
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        headers[.contentLength] = String(body.readableBytes)
        return try await request(uri, method: .post, headers: headers, body: body)
    }

    /// Posts a small url-encoded form with the CSRF token.
    func postForm(_ uri: String, _ fields: [(String, String)], token: String? = nil) async throws -> TestResponse {
        try await ensureToken()
        let all = [("_csrf", token ?? csrf)] + fields
        let text = all.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await request(uri, method: .post, headers: headers, body: ByteBuffer(string: text))
    }
}

struct MultipartFile {
    var field: String
    var name: String
    var bytes: [UInt8]

    init(field: String, name: String, text: String) {
        self.field = field
        self.name = name
        bytes = Array(text.utf8)
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The first `/builds/ID/files/N` link on the page.
    var downloadLinks: [String] {
        let pattern = /href="(\/builds\/[0-9a-f]{32}\/files\/[0-9]+)"/
        return text.matches(of: pattern).map { String($0.output.1) }
    }
}

/// The data folder's id for a file name (as the forms list it).
func dataID(_ name: String, _ fixture: WebFixture) -> String {
    fixture.server.catalog.dataFiles().first { $0.name == name }?.id ?? "missing"
}
