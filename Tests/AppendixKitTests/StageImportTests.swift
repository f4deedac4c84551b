import Foundation
import Testing

/// The stages are SwiftPM targets, so the compiler refuses an import of a later stage (a cycle) and
/// of a module a target does not depend on. These tests hold the rest of the layering: which
/// stage may use which C library, and that Package.swift's stage dependencies only point down.
@Suite("Stage imports")
struct StageImportTests {
    /// The stages in order; a stage may depend only on stages before it. Fees sits beside Render
    /// and Pipeline (it uses Data, Definition and Layout). AppendixZip (reading zip packages) is
    /// under Render and Check; Check (the accessibility check) uses only Data and Zip.
    static let stages = [
        "AppendixZip", "AppendixData", "AppendixExpression", "AppendixDefinition", "AppendixLayout",
        "AppendixRender", "AppendixPipeline", "AppendixFees", "AppendixCheck",
    ]

    /// The only target allowed to import each C library (or Yams).
    static let owners: [String: Set<String>] = [
        "CXLSXWriter": ["AppendixRender"],
        "CLibCSV": ["AppendixData"],
        "CAppendixSupport": ["AppendixRender"],
        "CAppendixZlib": ["AppendixZip"],
        "CAppendixZip": ["AppendixRender"],
        "CAppendixTemporary": ["AppendixData"],
        "CAppendixCommand": ["appendix"],
        "Yams": ["AppendixDefinition", "AppendixFees"],
        // The web app's server libraries: its library target only (never the command or a stage).
        "Hummingbird": ["AppendixWeb"], "HummingbirdAuth": ["AppendixWeb"], "HummingbirdBcrypt": ["AppendixWeb"],
        "Mustache": ["AppendixWeb"], "GRDB": ["AppendixWeb"], "MultipartKit": ["AppendixWeb"],
        "NIOCore": ["AppendixWeb"], "NIOPosix": ["AppendixWeb"], "ServiceLifecycle": ["AppendixWeb"], "HTTPTypes": ["AppendixWeb"],
    ]

    /// `(target folder, imported module)` for every import in Sources/*/**.swift.
    static func sourceImports() throws -> [(target: String, module: String, file: String)] {
        let sources = TestFiles.root.appendingPathComponent("Sources")
        var found: [(String, String, String)] = []
        let enumerator = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where url.pathExtension == "swift" {
            let relative = url.path.dropFirst(sources.path.count + 1)
            let target = String(relative.prefix { $0 != "/" })
            for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ")
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                      words[..<index].allSatisfy({ $0.hasPrefix("@") }) else { continue }
                found.append((target, String(words[index + 1]), String(relative)))
            }
        }
        return found
    }

    /// The `dependencies` of every `.target(name:…)` in Package.swift, as names (products by name).
    static func packageDependencies() throws -> [String: Set<String>] {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var result: [String: Set<String>] = [:]
        let declarations = text.components(separatedBy: ".target(").dropFirst()
            + text.components(separatedBy: ".executableTarget(").dropFirst()
        for declaration in declarations {
            guard let name = declaration.firstMatch(of: /name:\s*"([^"]+)"/)?.1 else { continue }
            var dependencies = Set<String>()
            if let list = declaration.firstMatch(of: /dependencies:\s*\[((?:[^\[\]]|\[[^\]]*\])*)\]/)?.1 {
                for match in list.matches(of: /(?:\.product\(name:\s*)?"([^"]+)"/) {
                    dependencies.insert(String(match.1))
                }
                // `package: "Yams"` names the package, not a dependency.
                for match in list.matches(of: /package:\s*"([^"]+)"/) where !list.contains("name: \"\(match.1)\"") {
                    dependencies.remove(String(match.1))
                }
            }
            result[String(name)] = dependencies
        }
        return result
    }

    @Test func cLibrariesAreImportedOnlyByTheirStage() throws {
        let imports = try Self.sourceImports()
        #expect(imports.contains { $0.module == "CXLSXWriter" }, "the scan found no import of CXLSXWriter at all")
        #expect(imports.contains { $0.module == "CLibCSV" }, "the scan found no import of CLibCSV at all")
        for (target, module, file) in imports {
            guard let allowed = Self.owners[module] else { continue }
            #expect(allowed.contains(target), "\(file) imports \(module); only \(allowed.sorted()) may")
        }
    }

    @Test func stagesImportOnlyEarlierStages() throws {
        for (target, module, file) in try Self.sourceImports() {
            guard let position = Self.stages.firstIndex(of: target),
                  let imported = Self.stages.firstIndex(of: module) else { continue }
            #expect(imported < position, "\(file) (stage \(target)) imports the later stage \(module)")
        }
    }

    @Test func packageDependenciesFollowTheStages() throws {
        let dependencies = try Self.packageDependencies()
        for (position, stage) in Self.stages.enumerated() {
            let declared = try #require(dependencies[stage], "Package.swift has no target \(stage)")
            for dependency in declared {
                if let other = Self.stages.firstIndex(of: dependency) {
                    #expect(other < position, "\(stage) depends on the later stage \(dependency)")
                } else if let allowed = Self.owners[dependency] {
                    #expect(allowed.contains(stage), "\(stage) depends on \(dependency); only \(allowed.sorted()) may")
                } else {
                    Issue.record("\(stage) depends on \(dependency), which is neither a stage nor a known library")
                }
            }
        }
        // Nothing outside the stages links the C libraries directly.
        for (target, declared) in dependencies where !Self.stages.contains(target) {
            for library in ["CXLSXWriter", "CLibCSV", "CAppendixSupport", "CAppendixTemporary", "CAppendixZip", "CAppendixZlib"] {
                #expect(!declared.contains(library), "\(target) depends on \(library)")
            }
        }
        #expect(dependencies["AppendixRender"]?.contains("CXLSXWriter") == true)
        #expect(dependencies["AppendixData"]?.contains("CLibCSV") == true)
        // AppendixZip has no public API, so the umbrella leaves it out.
        #expect(dependencies["AppendixKit"] == Set(Self.stages).subtracting(["AppendixZip"]), "the umbrella AppendixKit re-exports every stage")
        // The check reads any workbook without libxlsxwriter or the build stages.
        #expect(dependencies["AppendixCheck"] == ["AppendixData", "AppendixZip"])
    }
}
