import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import NIOPosix

/// A file the client uploaded, stored under a name the server chose.
struct UploadedFile: Sendable {
    /// The form field it came in (`file.SOURCE`, `fees`, `definition`).
    var field: String
    /// The client's file name, reduced to letters, digits, `-`, `_`, `.` (never a path).
    var name: String
    /// Where it is stored: inside the build's folder. Its SHA-256 for the history is worked
    /// out with the job, on the build queue's threads (`SHA256.file`), never while receiving:
    /// the receiver runs on Swift's shared cooperative threads, which hashing would hold up.
    var url: URL
}

/// A multipart form, its files already on disk.
struct UploadedForm: Sendable {
    var fields: [String: String] = [:]
    var files: [UploadedFile] = []

    func file(_ field: String) -> UploadedFile? { files.first { $0.field == field } }
}

/// Why an upload was refused.
enum UploadError: Error, Equatable {
    /// Over the size limit (413); nothing is kept.
    case tooLarge(limit: Int)
    /// The form's first field was not the page's CSRF token (403).
    case forgery
    /// Not a multipart form, or a broken one (400).
    case malformed(String)
}

/// Reads a `multipart/form-data` body as it arrives, writing each file part to the build's
/// folder on the I/O thread pool, never more than `limit` bytes: a `Content-Length` over the
/// limit is refused before a byte is read, a longer body as soon as it passes the limit (and
/// what was stored is removed). The first field must be `_csrf` with the page's token, before
/// any file is stored.
struct UploadReceiver {
    var folder: URL
    var limit: Int
    var csrfToken: String

    static let maxFieldBytes = 64 * 1024

    func receive(_ request: Request) async throws -> UploadedForm {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw UploadError.tooLarge(limit: limit) }
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = Self.boundary(of: type) else { throw UploadError.malformed("expected a multipart/form-data form") }
        let parts = PartCollector(folder: folder, csrfToken: csrfToken)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in parts.header(name, value) }
        parser.onBody = { buffer in parts.body(&buffer) }
        parser.onPartComplete = { parts.complete() }
        var received = 0
        do {
            for try await buffer in request.body {
                received += buffer.readableBytes
                guard received <= limit else { throw UploadError.tooLarge(limit: limit) }
                do { try parser.execute(buffer) } catch { throw UploadError.malformed("the form could not be read: \(error)") }
                try await parts.flush()
            }
            try parts.finish()
        } catch {
            parts.discard()
            throw error
        }
        return parts.form
    }

    /// The `boundary` parameter of a multipart content type.
    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    /// A client's file name reduced to its last component and to letters, digits, `-`, `_`,
    /// `.`, at most 100 characters, never starting with a dot: `../../etc/passwd` → `passwd`.
    static func safeName(_ clientName: String) -> String {
        let last = clientName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var kept = String(last.unicodeScalars.filter { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || "-_.".unicodeScalars.contains($0) }.map(Character.init))
        while kept.hasPrefix(".") { kept.removeFirst() }
        kept = String(kept.prefix(100))
        return kept.isEmpty ? "upload.csv" : kept
    }
}

/// The parser's callbacks' state: the part being read, fields, and file bytes waiting to be written.
private final class PartCollector {
    let folder: URL
    let csrfToken: String
    var form = UploadedForm()
    private var headers: [String: String] = [:]
    private var fieldValue: [UInt8] = []
    private var file: OpenFile?
    /// Files whose last part arrived but whose bytes are not all written yet.
    private var finished: [OpenFile] = []
    private var partCount = 0
    private var failure: UploadError?

    init(folder: URL, csrfToken: String) {
        self.folder = folder
        self.csrfToken = csrfToken
    }

    func header(_ name: String, _ value: String) { headers[name.lowercased()] = value }

    func body(_ buffer: inout ByteBuffer) {
        guard failure == nil else { return }
        let (field, fileName) = disposition()
        if let fileName, !fileName.isEmpty {
            guard form.fields["_csrf"] != nil else { return fail(.forgery) }
            if file == nil { file = OpenFile(field: field ?? "", name: UploadReceiver.safeName(fileName), url: nextURL()) }
            file?.pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        } else {
            fieldValue += buffer.readBytes(length: buffer.readableBytes) ?? []
            if fieldValue.count > UploadReceiver.maxFieldBytes { fail(.malformed("a form field is over 64 KiB")) }
        }
    }

    func complete() {
        defer { headers = [:]; fieldValue = [] }
        guard failure == nil else { return }
        partCount += 1
        let (field, fileName) = disposition()
        if partCount == 1 && (field != "_csrf" || !CSRF.matches(String(decoding: fieldValue, as: UTF8.self), csrfToken)) {
            return fail(.forgery)
        }
        if let fileName, !fileName.isEmpty {
            guard form.fields["_csrf"] != nil else { return fail(.forgery) }
            finished.append(file ?? OpenFile(field: field ?? "", name: UploadReceiver.safeName(fileName), url: nextURL()))
            file = nil
        } else if let field {
            form.fields[field] = String(decoding: fieldValue, as: UTF8.self)
        }
    }

    /// Writes the bytes received so far (on the I/O pool): finished files, then the current one.
    func flush() async throws {
        if let failure { throw failure }
        for var done in finished {
            try await write(&done)
            form.files.append(UploadedFile(field: done.field, name: done.name, url: done.url))
        }
        finished = []
        if var current = file {
            try await write(&current)
            file = current
        }
    }

    private func write(_ open: inout OpenFile) async throws {
        let bytes = open.pending, url = open.url, isNew = !open.created
        open.pending = []
        open.created = true
        try await NIOThreadPool.singleton.runIfActive {
            if isNew { guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw UploadError.malformed("cannot store the upload") } }
            guard !bytes.isEmpty else { return }
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: bytes)
        }
    }

    private var fileCount = 0
    private func nextURL() -> URL {
        fileCount += 1
        return folder.appendingPathComponent("upload-\(fileCount)")
    }

    func finish() throws {
        if let failure { throw failure }
        guard file == nil, finished.isEmpty, partCount > 0 else { throw UploadError.malformed("the form ended early") }
    }

    /// Removes whatever was stored.
    func discard() {
        for url in form.files.map(\.url) + finished.map(\.url) + [file?.url].compactMap({ $0 }) { try? FileManager.default.removeItem(at: url) }
    }

    private func fail(_ error: UploadError) { if failure == nil { failure = error } }

    /// The part's field name and file name from `Content-Disposition`.
    private func disposition() -> (String?, String?) {
        guard let value = headers["content-disposition"] else { return (nil, nil) }
        var name: String?, fileName: String?
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            let text = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            switch pair[0].lowercased() {
            case "name": name = text
            case "filename": fileName = text
            default: break
            }
        }
        return (name, fileName)
    }
}

/// A file part being received.
private struct OpenFile {
    var field: String
    var name: String
    var url: URL
    var created = false
    var pending: [UInt8] = []
}
