import AppendixDefinition
import AppendixRender
import Foundation

/// The one place that decides whether a file may be written as a command's output: not empty,
/// not a folder, device or other special file, not the same file (device and inode, after
/// following links) as any input of the command, and — for workbooks — ending in `.xlsx`
/// unless forced. Used by `build`, `batch` and `fees`.
public struct OutputTarget: Sendable {
    /// A file the command reads, with words saying what it is ("the definition", "source 'rows'").
    public struct Input: Sendable {
        /// The file.
        public var url: URL
        /// What the file is, for messages.
        public var role: String
        /// The file at `url`, described by `role` in messages.
        public init(_ url: URL, role: String) {
            self.url = url
            self.role = role
        }
    }

    /// The file to write.
    public var url: URL
    /// Its name in messages.
    public var displayName: String
    /// The ending the name must have (`xlsx`), or nil for any.
    public var requiredExtension: String?
    /// A file name to suggest in messages.
    public var example = "report.xlsx"

    /// The output `url`, named `displayName` in messages (default: its path relative to the current folder), required to end in `requiredExtension` unless `nil`.
    public init(url: URL, displayName: String? = nil, requiredExtension: String? = "xlsx") {
        self.url = url
        self.displayName = displayName ?? url.relativeDisplayPath
        self.requiredExtension = requiredExtension
    }

    /// The output as typed on the command line; an empty name is an error, not the current folder.
    public init(argument: String, option: String = "--output", requiredExtension: String? = "xlsx", example: String = "report.xlsx") throws(RenderError) {
        guard !argument.isEmpty else {
            throw RenderError(file: "\(option) ''", message: "the output name is empty; expected a file name such as \(example)")
        }
        self.init(url: URL(fileURLWithPath: argument), displayName: argument, requiredExtension: requiredExtension)
        self.example = example
    }

    /// Throws ``/AppendixRender/RenderError`` unless the output may be written over safely.
    public func check(against inputs: [Input]) throws(RenderError) {
        if displayName.hasSuffix("/") || url.lastPathComponent.isEmpty {
            throw RenderError(file: displayName, message: "the output is a folder; expected a file name such as \(displayName.hasSuffix("/") ? displayName : displayName + "/")\(example)")
        }
        try ExistingFile.requireReplaceable(url.path, displayName: displayName, example: example)
        if let existing = ExistingFile(at: url.path) {
            for input in inputs {
                guard let other = ExistingFile(at: input.url.path), existing.isSameFile(as: other) else { continue }
                throw RenderError(file: displayName, message: "the output is the same file as \(input.role) (\(input.url.relativeDisplayPath)); choose another output file")
            }
        }
        if let ending = requiredExtension, url.pathExtension.lowercased() != ending {
            throw RenderError(file: displayName, message: "a workbook file name must end in .\(ending); use --force to write it anyway")
        }
    }
}

extension ReportBuild {
    /// Every file a build of `definition` reads: the definition, each source's CSV file or the
    /// CSV files of its folder.
    package func inputs(of definition: ReportDefinition) -> [OutputTarget.Input] {
        var inputs = [OutputTarget.Input(definitionURL, role: "the definition")]
        for source in definition.sources where sourceRows[source.name] == nil {
            let url = sourceURL(source)
            guard source.isFolder else {
                inputs.append(OutputTarget.Input(url, role: "the CSV file of source '\(source.name)'"))
                continue
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            inputs += names.map { OutputTarget.Input(url.appendingPathComponent($0), role: "a CSV file of source '\(source.name)'") }
        }
        return inputs
    }
}
