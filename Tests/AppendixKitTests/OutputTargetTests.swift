import Foundation
import Testing

/// Issue #11 item 2 (and the `-o ''` and batch-name parts of 21): an output never replaces one
/// of the command's inputs, a device, a folder or a special file; workbooks end in .xlsx.
@Suite("Output targets")
struct OutputTargetTests {
    /// A folder with report.yaml reading rows.csv, and policy/fee files for `fees`.
    static func folder() throws -> URL {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(PackageVerificationTests.definition, to: "report.yaml", in: folder)
        try TestFiles.write("label,value\na,1\nb,2\n", to: "rows.csv", in: folder)
        return folder
    }

    static func build(_ output: String, _ extra: [String] = [], in folder: URL) throws -> CommandLineTests.Run {
        try CommandLineTests.appendix(["build", "report.yaml", "-o", output] + extra, in: folder)
    }

    static func expectUnchanged(_ folder: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try String(contentsOf: folder.appendingPathComponent("rows.csv"), encoding: .utf8) == "label,value\na,1\nb,2\n", sourceLocation: sourceLocation)
        #expect(try String(contentsOf: folder.appendingPathComponent("report.yaml"), encoding: .utf8) == PackageVerificationTests.definition, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ("rows.csv", "appendix: error: rows.csv: the output is the same file as the CSV file of source 'rows' (rows.csv); choose another output file\n"),
        ("report.yaml", "appendix: error: report.yaml: the output is the same file as the definition (report.yaml); choose another output file\n"),
        ("link.xlsx", "appendix: error: link.xlsx: the output is the same file as the CSV file of source 'rows' (rows.csv); choose another output file\n"),
    ])
    func anInputIsNeverOverwritten(output: String, message: String) throws {
        let folder = try Self.folder()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.xlsx").path, withDestinationPath: "rows.csv")
        let run = try Self.build(output, ["--force"], in: folder)
        #expect(run.status == 1)
        #expect(run.error == message)
        try Self.expectUnchanged(folder)
    }

    @Test func initNeverOverwritesItsOwnCSV() throws {
        let folder = try Self.folder()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("rows.yaml").path, withDestinationPath: "rows.csv")
        let run = try CommandLineTests.appendix(["init", "rows.csv", "--templates", ".", "--force"], in: folder)
        #expect(run.status == 1)
        #expect(run.error == "appendix: error: rows.yaml: the output is the same file as the CSV file (rows.csv); choose another output file\n")
        try Self.expectUnchanged(folder)
    }

    @Test func aFileOfAFolderSourceIsNeverOverwritten() throws {
        let folder = try TestFiles.scratchFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("months"), withIntermediateDirectories: true)
        try TestFiles.write("label,value\na,1\n", to: "months/m-2018-10.csv", in: folder)
        try TestFiles.write("sources: { m: { folder: months } }\nsheets: [ { name: M, source: m, columns: [ { field: label } ] } ]\n", to: "f.yaml", in: folder)
        let run = try CommandLineTests.appendix(["build", "f.yaml", "-o", "months/m-2018-10.csv", "--force"], in: folder)
        #expect(run.status == 1)
        #expect(run.error == "appendix: error: months/m-2018-10.csv: the output is the same file as a CSV file of source 'm' (months/m-2018-10.csv); choose another output file\n")
    }

    @Test(arguments: [
        ("/dev/null", "appendix: error: /dev/null: the output is a device, not a regular file; expected a file name such as report.xlsx\n"),
        ("pipe.xlsx", "appendix: error: pipe.xlsx: the output is a special file (pipe or socket), not a regular file; expected a file name such as report.xlsx\n"),
        ("sub", "appendix: error: sub: the output is a folder; expected a file name such as sub/report.xlsx\n"),
        ("sub/", "appendix: error: sub: the output is a folder; expected a file name such as sub/report.xlsx\n"),
        ("", "appendix: error: --output '': the output name is empty; expected a file name such as report.xlsx\n"),
        ("out.csv", "appendix: error: out.csv: a workbook file name must end in .xlsx; use --force to write it anyway\n"),
    ])
    func devicesFoldersAndOddNamesAreRefused(output: String, message: String) throws {
        let folder = try Self.folder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        #expect(mkfifo(folder.appendingPathComponent("pipe.xlsx").path, 0o600) == 0)
        let run = try Self.build(output, in: folder)
        #expect(run.status == 1)
        #expect(run.error == message)
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["pipe.xlsx", "report.yaml", "rows.csv", "sub"])
    }

    @Test func forceRelaxesOnlyTheEnding() throws {
        let folder = try Self.folder()
        let run = try Self.build("out.workbook", ["--force"], in: folder)
        #expect(run.status == 0, "\(run.error)")
        #expect(try XLSXFile(url: folder.appendingPathComponent("out.workbook")).sheet("Data")["A2"]?.text == "a")
    }

    @Test func batchOutputsAreCheckedToo() throws {
        let folder = try Self.folder()
        let onto = try CommandLineTests.appendix(["batch", "report.yaml", "--inputs", "*.csv", "-o", "{name}.csv", "--force"], in: folder)
        #expect(onto.status == 1)
        #expect(onto.error == "appendix: error: rows.csv: the output is the same file as the CSV file of source 'rows' (rows.csv); choose another output file\n")
        let ending = try CommandLineTests.appendix(["batch", "report.yaml", "--split", "label", "-o", "out-{value}.txt"], in: folder)
        #expect(ending.status == 1)
        #expect(ending.error == "appendix: error: out-a.txt: a workbook file name must end in .xlsx; use --force to write it anyway\n")
        let empty = try CommandLineTests.appendix(["batch", "report.yaml", "--split", "label", "-o", ""], in: folder)
        #expect(empty.error == "appendix: error: --output '': the output name is empty; expected a file name such as report.xlsx\n")
        try Self.expectUnchanged(folder)
    }

    @Test func feesNeverOverwriteTheirInputs() throws {
        let folder = try TestFiles.scratchFolder()
        for name in ["registrar-fees-2018-19.csv", "registrar-fee-comparators-illustrative.csv"] {
            try FileManager.default.copyItem(at: TestFiles.root.appendingPathComponent("SampleData/\(name)"), to: folder.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: TestFiles.root.appendingPathComponent("Templates/policies/registrar-uplift-2019-20.yaml"), to: folder.appendingPathComponent("policy.yaml"))
        let before = try Data(contentsOf: folder.appendingPathComponent("registrar-fees-2018-19.csv"))
        for (output, message) in [("registrar-fees-2018-19.csv", "the fee table (registrar-fees-2018-19.csv)"), ("policy.yaml", "the policy (policy.yaml)"),
                                  ("registrar-fee-comparators-illustrative.csv", "the comparators (registrar-fee-comparators-illustrative.csv)")] {
            let run = try CommandLineTests.appendix(["fees", "uplift", "registrar-fees-2018-19.csv", "--policy", "policy.yaml",
                                                     "--comparators", "registrar-fee-comparators-illustrative.csv", "-o", output], in: folder)
            #expect(run.status == 1)
            #expect(run.error == "appendix: error: \(output): the output is the same file as \(message); choose another output file\n")
        }
        let diff = try CommandLineTests.appendix(["fees", "diff", "registrar-fees-2018-19.csv", "registrar-fees-2018-19.csv", "--old-amount", "charge_2018_19",
                                                  "-o", "registrar-fees-2018-19.csv", "--force"], in: folder)
        #expect(diff.status == 1)
        #expect(diff.error == "appendix: error: registrar-fees-2018-19.csv: the output is the same file as the earlier fee table (registrar-fees-2018-19.csv); choose another output file\n")
        let devNull = try CommandLineTests.appendix(["fees", "uplift", "registrar-fees-2018-19.csv", "--policy", "policy.yaml", "-o", "/dev/null"], in: folder)
        #expect(devNull.error == "appendix: error: /dev/null: the output is a device, not a regular file; expected a file name such as report.csv\n")
        #expect(try Data(contentsOf: folder.appendingPathComponent("registrar-fees-2018-19.csv")) == before)
    }
}

/// Issue #11 item 21: batch file names Windows reserves, and the collision suggestion.
@Suite("Batch output names")
struct BatchOutputNameTests {
    @Test func windowsReservedNamesGetAnUnderscore() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(PackageVerificationTests.definition, to: "report.yaml", in: folder)
        try TestFiles.write("label,value\nCON,1\nnul,2\nCom1,3\nlpt9.x,4\nconsole,5\nAUX.,6\n", to: "rows.csv", in: folder)
        let run = try CommandLineTests.appendix(["batch", "report.yaml", "--split", "label", "-o", "out/{value}.xlsx", "--jobs", "1"], in: folder)
        #expect(run.status == 0, "\(run.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).sorted()
                == ["AUX_.xlsx", "CON_.xlsx", "Com1_.xlsx", "console.xlsx", "lpt9_.x.xlsx", "nul_.xlsx"])
    }

    @Test func collisionWithThePlaceholderAlreadyThereSaysWhy() throws {
        let folder = try TestFiles.scratchFolder()
        try TestFiles.write(PackageVerificationTests.definition, to: "report.yaml", in: folder)
        try TestFiles.write("label,value\na/b,1\na b,2\n", to: "rows.csv", in: folder)
        let run = try CommandLineTests.appendix(["batch", "report.yaml", "--split", "label", "-o", "out-{value}.xlsx"], in: folder)
        #expect(run.status == 1)
        #expect(run.error == "appendix: error: out-a-b.xlsx: several inputs would write this file (label = a/b and label = a b): in file names, characters other than letters, digits, '-', '_' and '.' become '-'; make the values differ in those\n")
        let period = try CommandLineTests.appendix(["batch", "report.yaml", "--split", "label", "-o", "out-{period}.xlsx"], in: folder)
        #expect(period.error == "appendix: error: out-a-b.xlsx: several inputs would write this file (label = a/b and label = a b); put {value} in the output pattern\n")
    }
}
