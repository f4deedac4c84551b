// Proposes next year's registrar fees with an uplift policy, then builds the fee appendix from
// the proposal. Usage: BuildFeeAppendix [PROJECT_FOLDER (.)] [OUTPUT_FOLDER (out/example)]
import AppendixKit
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let project = URL(fileURLWithPath: arguments.first ?? ".", isDirectory: true)
let output = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : "out/example", isDirectory: true)
func file(_ path: String) -> URL { project.appendingPathComponent(path) }

do {
    // 1. The 2018/19 charges with the 2019/20 policy give next year's fee table.
    let policy = try UpliftPolicy.load(contentsOf: file("Templates/policies/registrar-uplift-2019-20.yaml"))
    let fees = CSVReader(url: file("SampleData/registrar-fees-2018-19.csv"))
    let proposal = try FeeUplift(policy: policy).apply(to: fees)
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    try proposal.writeCSV(to: output.appendingPathComponent("registrar-fees-2019-20.csv"))
    print("proposed 2019/20 fees: \(proposal.lines.filter(\.changed).count) of \(proposal.lines.count) changed")

    // 2. The appendix, reading the proposed table from the output folder.
    let build = ReportBuild(definitionURL: file("Templates/registrar-fees-published.yaml"), dataDirectory: output)
    let summary = try build.run(output: output.appendingPathComponent("registrar-fees-2019-20.xlsx"), mode: .auto)
    print("wrote \(summary.output.relativePath) (\(summary.formulas) formulas)")
    for sheet in summary.sheets {
        print("  \(sheet.name): \(sheet.rows) rows")
    }
    for warning in summary.warnings {
        print("warning: \(warning)")
    }
} catch let error as AppendixError {
    // The error's fields say where the problem is (its `description` is the whole line).
    let place = [error.file, error.line.map { "line \($0)" }, error.keyPath].compactMap { $0 }
    FileHandle.standardError.write(Data("error: \(place.joined(separator: ", ")): \(error.message)\n".utf8))
    exit(1)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
