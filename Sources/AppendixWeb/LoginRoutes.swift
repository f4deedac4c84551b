import Foundation
import Hummingbird
import HummingbirdAuth

extension WebServer {
    /// `POST /login`: checks the password (bcrypt, on the build pool) and starts a session.
    func login(_ request: Request, context: WebContext) async throws -> Response {
        let form = try await checkedForm(request, context: context)
        guard let users else { return Response.redirect(to: "/", type: .normal) }
        let name = form["user"] ?? "", password = form["password"] ?? ""
        let valid = try await queue.run { users.verify(name: name, password: password) }
        guard valid else { return pages.loginPage(context: context, status: .unauthorized, message: "The user name or password is not right.") }
        context.sessions.setSession(name, expiresIn: .seconds(12 * 3600))
        logger.info("signed in", metadata: ["user": "\(name)"])
        return Response.redirect(to: "/", type: .normal)
    }

    func logout(_ request: Request, context: WebContext) async throws -> Response {
        _ = try await checkedForm(request, context: context)
        context.sessions.clearSession()
        return Response.redirect(to: "/login", type: .normal)
    }
}
