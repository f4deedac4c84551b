import Foundation
@testable import AppendixDefinition
@testable import AppendixPipeline

extension TestFiles {
    /// The sample data folder the shipped templates read.
    static let sampleData = root.appendingPathComponent("SampleData")

    /// Builds `definition` (a path) on `data` in `mode` into a fresh scratch folder; returns the
    /// workbook (named after the definition and the mode).
    static func built(_ definition: URL, mode: BuildMode, data: URL = sampleData) throws -> URL {
        let output = try scratchFolder().appendingPathComponent("\(definition.deletingPathExtension().lastPathComponent)-\(mode).xlsx")
        try ReportBuild(definitionURL: definition, dataDirectory: data).run(output: output, mode: mode)
        return output
    }
}
