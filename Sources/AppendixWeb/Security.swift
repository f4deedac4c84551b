import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdBcrypt

/// A signed-in user (login on), or nobody (login off).
struct WebUser: Sendable, Equatable {
    var name: String
}

/// Each request's context: the user (from the session cookie) and the page's CSRF token.
struct WebContext: AuthRequestContext, SessionRequestContext, RequestContext {
    var coreContext: CoreRequestContextStorage
    var identity: WebUser?
    let sessions: SessionContext<String>
    /// The token forms carry in `_csrf`, also in the `appendix_csrf` cookie.
    var csrfToken = ""

    init(source: Source) {
        coreContext = .init(source: source)
        sessions = .init()
    }

    /// Small forms only: uploads are read by ``UploadReceiver`` with their own limit.
    var maxUploadSize: Int { 64 * 1024 }
}

/// Forms carry a random token that must equal the `appendix_csrf` cookie's (double submit,
/// cookie `SameSite=Strict`): another site can make a browser post a form but can neither read
/// nor set the cookie, so its posts are refused with 403.
enum CSRF {
    static let cookie = "appendix_csrf"

    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// Equal tokens, compared in constant time; an empty token never matches.
    static func matches(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        guard !b.isEmpty, a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Gives every request a CSRF token (the cookie's, or a new one set on the response).
struct CSRFMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        let existing = request.cookies[CSRF.cookie]?.value.filter(\.isHexDigit) ?? ""
        context.csrfToken = existing.count == 64 ? existing : CSRF.newToken()
        var response = try await next(request, context)
        if context.csrfToken != existing {
            response.setCookie(Cookie(name: CSRF.cookie, value: context.csrfToken, path: "/", httpOnly: true, sameSite: .strict))
        }
        return response
    }
}

/// `NAME:BCRYPT-HASH` lines; `#` comments and blank lines ignored.
public struct UserFile: Sendable {
    var hashes: [String: String]

    /// Reads a users file.
    public init(url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        var hashes: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = line.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].hasPrefix("$2") else {
                throw WebConfigurationError(description: "\(url.path):\(number + 1): expected NAME:BCRYPT-HASH (appendix-web hash-password)")
            }
            hashes[parts[0]] = parts[1]
        }
        guard !hashes.isEmpty else { throw WebConfigurationError(description: "\(url.path): no users") }
        self.hashes = hashes
    }

    /// Whether `password` is `name`'s (bcrypt; slow on purpose, so run it off the event loop).
    func verify(name: String, password: String) -> Bool {
        guard let hash = hashes[name] else {
            // About the same time for an unknown name: check against any user's hash, then refuse.
            if let any = hashes.values.first { _ = Bcrypt.verify(password, hash: any) }
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    /// The line for a users file (`appendix-web hash-password`).
    public static func line(name: String, password: String, cost: UInt8 = 12) -> String {
        "\(name):\(Bcrypt.hash(password, cost: cost))"
    }
}

/// With login on, every page but the login page, `/healthz` and the static files needs a
/// signed-in user: others get 401 with the login form.
struct LoginRequiredMiddleware: RouterMiddleware {
    let pages: Pages

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if context.identity != nil || path == "/login" || path == "/healthz" || path.hasPrefix("/static/") {
            return try await next(request, context)
        }
        return pages.loginPage(context: context, status: .unauthorized, message: nil)
    }
}
