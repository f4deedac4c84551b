import AppendixKit
import Foundation

/// Prints how each CSV file was read (with `--verbose`) and every warning (always, on
/// standard error, as `appendix: warning: …`).
func report(_ inputs: [CSVReadReport], _ warnings: [BuildWarning], say: some Saying) {
    for input in inputs {
        let skipped = input.skippedEmptyRows == 0 ? "" : "; skipped \(input.skippedEmptyRows) empty row\(input.skippedEmptyRows == 1 ? "" : "s")"
        say.detail("read \(input.file): \(input.encoding.name), \(input.delimiterName)-separated\(skipped)")
    }
    for warning in warnings {
        FileHandle.standardError.write(Data("appendix: warning: \(warning)\n".utf8))
    }
}
