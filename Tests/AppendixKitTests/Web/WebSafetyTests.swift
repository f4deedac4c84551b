import AppendixData
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AppendixWeb

/// Hostile input: oversize uploads, path names, forged forms, definition uploads, login, a full queue.
@Suite struct WebSafetyTests {
    static let feesCSV = WebBuildFlowTests.feesCSV

    @Test func oversizedUploadIs413AndNothingIsStored() async throws {
        let fixture = try WebFixture { $0.maxUploadBytes = 4096 }
        try await fixture.test { client in
            let big = String(repeating: "x", count: 10_000)
            let response = try await client.postMultipart("/build", fields: [("template", "registrar-fees-published")],
                                                          files: [MultipartFile(field: "file.fees", name: "big.csv", text: big)])
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("larger than the limit"))
        }
        let builds = try FileManager.default.contentsOfDirectory(atPath: fixture.configuration.state.appendingPathComponent("builds").path)
        #expect(builds.isEmpty)
        #expect(try await fixture.server.history.records(user: nil).isEmpty)
    }

    @Test func bodyOverTheLimitWithoutContentLengthIs413() async throws {
        let folder = try TestFiles.scratchFolder()
        let receiver = UploadReceiver(folder: folder, limit: 100, csrfToken: "t")
        let request = Request(head: HTTPRequest(method: .post, scheme: "http", authority: "x", path: "/build",
                                                headerFields: [.contentType: "multipart/form-data; boundary=b"]),
                              body: .init(buffer: ByteBuffer(string: "--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nt\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.csv\"\r\n\r\n" + String(repeating: "y", count: 500) + "\r\n--b--\r\n")))
        await #expect(throws: UploadError.tooLarge(limit: 100)) { try await receiver.receive(request) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func pathTraversalNamesNeverNameServerFiles() async throws {
        #expect(UploadReceiver.safeName("../../etc/passwd") == "passwd")
        #expect(UploadReceiver.safeName("..\\..\\boot.ini") == "boot.ini")
        #expect(UploadReceiver.safeName("..") == "upload.csv")
        #expect(UploadReceiver.safeName(".hidden.csv") == "hidden.csv")
        #expect(!Catalog.isSafeName("../SampleData"))
        let fixture = try WebFixture()
        try await fixture.test { client in
            let response = try await client.postMultipart("/build", fields: [("template", "registrar-fees-published")],
                                                          files: [MultipartFile(field: "file.fees", name: "../../../../tmp/evil.csv", text: Self.feesCSV)])
            #expect(response.status == .ok)
            #expect(!FileManager.default.fileExists(atPath: "/tmp/evil.csv"))
            let picked = try await client.postMultipart("/build", fields: [("template", "registrar-fees-published"), ("pick.fees", "../../etc/passwd")])
            #expect(picked.status == .badRequest)
            #expect(try await client.request("/build/..%2F..%2Fetc%2Fpasswd").status == .notFound)
            #expect(try await client.request("/builds/../history.sqlite/files/0").status == .notFound)
            let template = try await client.postMultipart("/build", fields: [("template", "../Templates/registrar-fees")])
            #expect(template.status == .notFound)
        }
    }

    @Test func formsWithoutTheCSRFTokenAre403() async throws {
        let fixture = try WebFixture()
        try await fixture.test { client in
            let missing = try await client.postMultipart("/build", token: .some(nil), fields: [("template", "registrar-fees-published")],
                                                         files: [MultipartFile(field: "file.fees", name: "f.csv", text: Self.feesCSV)])
            #expect(missing.status == .forbidden)
            let forged = client.csrf.hasPrefix("f") ? String(repeating: "e", count: 64) : String(repeating: "f", count: 64)
            let wrong = try await client.postMultipart("/build", token: .some(forged), fields: [("template", "registrar-fees-published")])
            #expect(wrong.status == .forbidden)
            let delete = try await client.postForm("/builds/\(String(repeating: "a", count: 32))/delete", [], token: "forged")
            #expect(delete.status == .forbidden)
            #expect(try await fixture.server.history.records(user: nil).isEmpty)
        }
    }

    @Test func definitionUploadIsRefusedUnlessEnabled() async throws {
        let yaml = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/registrar-fees-published.yaml"), encoding: .utf8)
        let fixture = try WebFixture()
        try await fixture.test { client in
            let response = try await client.postMultipart("/build", fields: [("template", "registrar-fees-published")],
                                                          files: [MultipartFile(field: "definition", name: "mine.yaml", text: yaml)])
            #expect(response.status == .forbidden)
            #expect(response.text.contains("Uploading a definition is not enabled"))
        }
        let enabled = try WebFixture { $0.allowsDefinitionUpload = true }
        try await enabled.test { client in
            let paths = yaml.replacingOccurrences(of: "file: registrar-fees-2019-20.csv", with: "file: ../../etc/passwd")
            let refused = try await client.postMultipart("/build", fields: [("template", "registrar-fees-published")],
                                                         files: [MultipartFile(field: "definition", name: "mine.yaml", text: paths)])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("may name only a file in the data folder"))
            let built = try await client.postMultipart("/build", fields: [("template", "registrar-fees-published")],
                                                       files: [MultipartFile(field: "definition", name: "mine.yaml", text: yaml)])
            #expect(built.status == .ok, "\(built.text)")
        }
    }

    @Test func withLoginEveryPageNeedsASignedInUser() async throws {
        let folder = try TestFiles.scratchFolder()
        let users = try TestFiles.write(UserFile.line(name: "officer", password: "correct horse", cost: 4) + "\n", to: "users", in: folder)
        let fixture = try WebFixture { $0.usersFile = users }
        try await fixture.test { client in
            #expect(try await client.request("/").status == .unauthorized)
            #expect(try await client.request("/history").status == .unauthorized)
            #expect(try await client.request("/healthz").status == .ok)
            let wrong = try await client.postForm("/login", [("user", "officer"), ("password", "wrong")])
            #expect(wrong.status == .unauthorized)
            let right = try await client.postForm("/login", [("user", "officer"), ("password", "correct horse")])
            #expect(right.status == .seeOther)
            let gallery = try await client.request("/")
            #expect(gallery.status == .ok)
            #expect(gallery.text.contains("Signed in as officer"))
        }
    }

    @Test func nonLoopbackHostRequiresLogin() throws {
        var configuration = WebConfiguration(templates: TestFiles.root.appendingPathComponent("Templates"), data: TestFiles.root.appendingPathComponent("SampleData"),
                                             state: try TestFiles.scratchFolder())
        configuration.host = "0.0.0.0"
        #expect(throws: WebConfigurationError.self) { try configuration.check() }
    }

    @Test func fullQueueIs503WithRetryAfterAndHealthzAnswersDuringALongBuild() async throws {
        let fixture = try WebFixture { $0.workers = 1; $0.queueLimit = 0 }
        let release = DispatchSemaphore(value: 0)
        let long = Task { try await fixture.server.queue.run { release.wait() } }
        try await fixture.test { client in
            defer { release.signal() }  // before the app's shutdown, which waits for running builds
            while await fixture.server.queue.load().running == 0 { try await Task.sleep(for: .milliseconds(10)) }
            let health = try await client.request("/healthz")
            #expect(health.status == .ok)
            #expect(health.text == "{\"status\":\"ok\",\"running\":1,\"waiting\":0}")
            let busy = try await client.postMultipart("/build", fields: [("template", "registrar-fees-published")],
                                                      files: [MultipartFile(field: "file.fees", name: "f.csv", text: Self.feesCSV)])
            #expect(busy.status == .serviceUnavailable)
            #expect(busy.headers[.retryAfter] == "1")
            #expect(try await fixture.server.history.records(user: nil).isEmpty)
        }
        try await long.value
    }

    @Test func concurrentBuildsAllGiveTheSameWorkbook() async throws {
        let fixture = try WebFixture { $0.workers = 2 }
        let sizes: [Int] = try await fixture.test { client in
            try await client.ensureToken()
            return try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        let response = try await client.postMultipart("/build", fields: [("template", "registrar-fees-published")],
                                                                      files: [MultipartFile(field: "file.fees", name: "f.csv", text: Self.feesCSV)])
                        #expect(response.status == .ok)
                        return response.status == .ok ? 1 : 0
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(sizes == [1, 1, 1, 1, 1, 1])
        let records = try await fixture.server.history.records(user: nil)
        #expect(records.count == 6)
        #expect(Set(records.map { $0.inputs.first?.sha256 }).count == 1)
        #expect(records.allSatisfy { $0.status == .built })
    }

    @Test func retentionRemovesOldFilesButKeepsHashes() async throws {
        let fixture = try WebFixture { $0.retentionDays = 30 }
        try await fixture.test { client in
            _ = try await client.postMultipart("/build", fields: [("template", "registrar-fees-published")],
                                               files: [MultipartFile(field: "file.fees", name: "f.csv", text: Self.feesCSV)])
            try await fixture.server.sweep(now: Date())
            #expect(try await fixture.server.history.records(user: nil).first?.filesRemoved == false)
            try await fixture.server.sweep(now: Date().addingTimeInterval(31 * 86_400))
        }
        let record = try #require(try await fixture.server.history.records(user: nil).first)
        #expect(record.filesRemoved)
        #expect(record.outputs.first?.sha256.count == 64)
        let outputs = fixture.configuration.state.appendingPathComponent("builds/\(record.id)/outputs")
        #expect(!FileManager.default.fileExists(atPath: outputs.path))
    }

    @Test func sha256MatchesFIPSVectors() {
        var empty = SHA256()
        #expect(empty.finish() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var abc = SHA256()
        abc.update(Array("abc".utf8))
        #expect(abc.finish() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var two = SHA256()
        two.update(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        #expect(two.finish() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
