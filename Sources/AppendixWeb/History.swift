import AppendixKit
import Foundation
import GRDB

/// A file a build read or wrote: its name as the user knows it, SHA-256 and size.
struct FileRecord: Codable, Sendable, Equatable {
    var name: String
    var sha256: String
    var size: Int
}

extension FileRecord {
    /// The file at `url`, read to hash it (blocking: on the build queue's threads), under `name`
    /// (default: the file's own name).
    init(hashing url: URL, name: String? = nil) throws {
        let digest = try SHA256.file(url)
        self.init(name: name ?? url.lastPathComponent, sha256: digest.sha256, size: digest.size)
    }
}

/// One build (or fee proposal) in the history: what went in, what came out, and who ran it.
struct BuildRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "build"

    enum Status: String, Codable, Sendable {
        case running, built, invalid, failed
    }

    /// A random id (hex), also the build's folder name.
    var id: String
    var created: Date
    /// `build` or `fees`.
    var kind: String
    /// The definition's id (or the uploaded definition's name).
    var template: String
    /// Who built it, when login is on.
    var user: String?
    var inputs: [FileRecord]
    var definitionSHA256: String
    var toolVersion: String
    var status: Status
    /// The error (invalid) or the summary line (built).
    var message: String?
    var outputs: [FileRecord]
    /// Set when the inputs and outputs were deleted (retention or the delete action); the
    /// hashes stay.
    var filesRemoved: Bool

    var createdText: String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: created)
    }
}

/// The history database (SQLite through GRDB) in the state folder.
struct History: Sendable {
    let database: DatabaseQueue

    init(path: String) throws {
        database = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: BuildRecord.databaseTableName) { table in
                table.primaryKey("id", .text)
                table.column("created", .datetime).notNull().indexed()
                table.column("kind", .text).notNull()
                table.column("template", .text).notNull()
                table.column("user", .text)
                table.column("inputs", .jsonText).notNull()
                table.column("definitionSHA256", .text).notNull()
                table.column("toolVersion", .text).notNull()
                table.column("status", .text).notNull()
                table.column("message", .text)
                table.column("outputs", .jsonText).notNull()
                table.column("filesRemoved", .boolean).notNull().defaults(to: false)
            }
        }
        try migrator.migrate(database)
    }

    func save(_ record: BuildRecord) async throws {
        try await database.write { db in try record.save(db) }
    }

    func record(id: String) async throws -> BuildRecord? {
        try await database.read { db in try BuildRecord.fetchOne(db, key: id) }
    }

    /// The newest builds first; only `user`'s when given.
    func records(user: String?, limit: Int = 200) async throws -> [BuildRecord] {
        try await database.read { db in
            var request = BuildRecord.order(Column("created").desc).limit(limit)
            if let user { request = request.filter(Column("user") == user) }
            return try request.fetchAll(db)
        }
    }

    /// Builds whose files are still kept and which started before `date`.
    func keptRecords(before date: Date) async throws -> [BuildRecord] {
        try await database.read { db in
            try BuildRecord.filter(Column("filesRemoved") == false && Column("created") < date && Column("status") != BuildRecord.Status.running.rawValue).fetchAll(db)
        }
    }

    func markFilesRemoved(id: String) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE build SET filesRemoved = 1 WHERE id = ?", arguments: [id])
        }
    }
}

extension History {
    func delete(id: String) async throws {
        _ = try await database.write { db in try BuildRecord.deleteOne(db, key: id) }
    }
}
