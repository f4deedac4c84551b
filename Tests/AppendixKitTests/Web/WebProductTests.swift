import Foundation
import Testing

@testable import AppendixKit
@testable import AppendixDefinition

/// The web app is a product of its own: the command links none of its libraries, and the
/// definitions' `description:` key is read for its gallery.
@Suite struct WebProductTests {
    /// Symbols of a built product whose names mention `words` (`nm`, demangled).
    static func symbols(of product: String, mentioning words: [String]) throws -> [String: Int] {
        let run = try TestProcess.run(URL(fileURLWithPath: "/usr/bin/nm"), ["-C", "--defined-only", TestProcess.product(product).path])
        #expect(run.status == 0, "\(run.error)")
        var counts: [String: Int] = [:]
        for line in run.output.split(separator: "\n") {
            for word in words where line.contains(word) { counts[word, default: 0] += 1 }
        }
        return counts
    }

    @Test func theCommandLinksNoneOfTheServersLibraries() throws {
        let words = ["Hummingbird", "GRDB", "Mustache", "MultipartKit", "NIOPosix", "sqlite3_open"]
        let command = try Self.symbols(of: "appendix", mentioning: words)
        #expect(command.isEmpty, "appendix links \(command)")
        let server = try Self.symbols(of: "appendix-web", mentioning: words)
        #expect(server["Hummingbird"] ?? 0 > 0)
        #expect(server["GRDB"] ?? 0 > 0)
        let libraries = try TestProcess.run(URL(fileURLWithPath: "/usr/bin/ldd"), [TestProcess.product("appendix").path])
        #expect(!libraries.output.contains("sqlite"))
    }

    /// libxlsxwriter calls libminizip through five functions; the server defines them itself
    /// (Appendix's zip layer, CAppendixZip), so its workbooks are zipped by that layer.
    @Test func theServerProvidesTheZipLayer() throws {
        let run = try TestProcess.run(URL(fileURLWithPath: "/usr/bin/nm"), ["--defined-only", TestProcess.product("appendix-web").path])
        #expect(run.status == 0, "\(run.error)")
        let defined = Set(run.output.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) })
        for function in ["zipOpen", "zipOpenNewFileInZip4_64", "zipWriteInFileInZip", "zipCloseFileInZip", "zipClose"] {
            #expect(defined.contains(function), "appendix-web does not define \(function)")
        }
    }

    @Test func descriptionKeyIsReadAndOptional() throws {
        let yaml = """
            description: "Fees for the committee."
            sources: { fees: { file: f.csv } }
            sheets: [ { name: Fees, source: fees, columns: [ { field: fee } ] } ]
            """
        #expect(try DefinitionLoader.load(yaml: yaml, file: "d.yaml").description == "Fees for the committee.")
        let without = yaml.replacingOccurrences(of: "description: \"Fees for the committee.\"\n", with: "")
        #expect(try DefinitionLoader.load(yaml: without, file: "d.yaml").description == nil)
        #expect(throws: DefinitionError.self) { try DefinitionLoader.load(yaml: "description: [a, b]\n" + without, file: "d.yaml") }
    }
}
