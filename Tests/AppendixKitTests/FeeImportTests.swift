import Foundation
import Testing
import ZIPFoundation
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixFees
@testable import AppendixLayout
@testable import AppendixPipeline

/// `appendix fees import`: the hidden fee key sheet a `fee_import:` build adds, and reading a
/// workbook back — typed amounts, rows matched by key, and each refusal with its message. Edits
/// are made in the sheet XML of a streaming build (its strings are inline, so a cell is one
/// piece of text); scripts/fee-import-check.py (`make verify`) makes them with openpyxl and
/// LibreOffice instead.
@Suite("Fee import: reading an edited fee workbook back", .serialized)
struct FeeImportTests {
    static let template = TestFiles.root.appendingPathComponent("Templates/registrar-fees-review.yaml")
    static let data = TestFiles.root.appendingPathComponent("SampleData")

    /// The review workbook built in `mode` into a scratch folder.
    static func built(_ mode: BuildMode = .streaming) throws -> URL {
        let url = try TestFiles.scratchFolder().appendingPathComponent("review.xlsx")
        try ReportBuild(definitionURL: template, dataDirectory: data).run(output: url, mode: mode)
        return url
    }

    /// A copy of `source` whose part `part` has each of `edits` (text → replacement) made once.
    static func edited(_ source: URL, part: String = "xl/worksheets/sheet1.xml", _ edits: [(String, String)]) throws -> URL {
        let target = source.deletingLastPathComponent().appendingPathComponent("edited-\(UUID().uuidString).xlsx")
        let input = try Archive(url: source, accessMode: .read), output = try Archive(url: target, accessMode: .create)
        for entry in input {
            var data = Data()
            _ = try input.extract(entry) { data.append($0) }
            if entry.path == part {
                var text = String(decoding: data, as: UTF8.self)
                for (old, new) in edits {
                    let range = try #require(text.range(of: old), "\(part) has no '\(old)'")
                    text.replaceSubrange(range, with: new)
                }
                data = Data(text.utf8)
            }
            let bytes = data
            try output.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return target
    }

    static func text(_ cell: String, _ text: String) -> String { "<c r=\"\(cell)\" s=\"4\" t=\"inlineStr\"><is><t>\(text)</t></is></c>" }

    /// The import's error for `url`, as the command prints it (after `appendix: error:`).
    static func refusal(_ url: URL) -> String? {
        do {
            _ = try FeeImport.read(url, displayName: "review.xlsx")
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func anUneditedWorkbookGivesTheTableAsBuilt(_ mode: BuildMode) throws {
        let fees = try FeeImport.read(Self.built(mode))
        #expect(fees.sheet == "Fees for review")
        #expect(fees.lines.count == 31)
        #expect(fees.lines.filter(\.changed).isEmpty)
        #expect(fees.tableCSV.hasPrefix("fee_id,description,recommended_2019_20\nRF01,Administration fee for change of date or time,£20.85\nRF02,Mondays to Thursdays (before 4pm),£165.00\n"))
        #expect(fees.changeLogCSV == "key,description,built,typed,change\n")
    }

    @Test(arguments: [BuildMode.memory, .streaming])
    func theKeySheetIsHiddenLastAndHoldsTheHash(_ mode: BuildMode) throws {
        let url = try Self.built(mode)
        let workbook = try XLSXFile(url: url)
        #expect(workbook.sheetNames == ["Fees for review", "Fee keys"])
        let workbookXML = String(decoding: try #require(PackageBytes.parts(url)["xl/workbook.xml"]), as: UTF8.self)
        #expect(workbookXML.contains("<sheet name=\"Fee keys\" sheetId=\"2\" state=\"hidden\""))
        let keys = try workbook.sheet("Fee keys")
        func text(_ row: Int, _ column: Int) -> String { keys.cells[CellReference(row: row, column: column).a1]?.value ?? "" }
        #expect([text(0, 0), text(0, 1)] == ["Appendix fee import", "1"])
        #expect((0..<5).map { text(2, $0) } == ["column", "key", "Fee ref", "A4", "fee_id"])
        #expect((0..<7).map { text(10, $0) } == ["RF01", "Administration fee for change of date or time", "20.85", "5",
                                                  "IF(COUNT(E5,D5)<2,\"N/A\",E5-D5)", "IFERROR(IF(COUNT(F5,D5)<2,\"N/A\",F5/D5),\"N/A\")", ""])
        let rows = (0..<50).map { row in (0..<8).map { text(row, $0) } }
        #expect(text(0, 2) == FeeKeyLayout.hash(rows))
        #expect(text(0, 2).count == 64)
    }

    @Test func typedAmountsAreReadAsCSVAmountsAre() throws {
        let url = try Self.edited(Self.built(), [
            ("<c r=\"E5\" s=\"7\"><v>20.85</v></c>", Self.text("E5", "£1,234.50")),
            ("<c r=\"E6\" s=\"7\"><v>165</v></c>", "<c r=\"E6\" s=\"7\"><v>170.00000000000003</v></c>"),
            ("<c r=\"E7\" s=\"7\"><v>195</v></c>", Self.text("E7", "N/A")),
            ("<c r=\"E8\" s=\"7\"><v>280</v></c>", ""),
        ])
        let fees = try FeeImport.read(url)
        let changed = fees.lines.filter(\.changed)
        #expect(changed.map(\.key) == ["RF01", "RF02", "RF03", "RF04"])
        #expect(changed.map(\.typed) == [Decimal(string: "1234.5"), 170, nil, nil])
        #expect(fees.changeLogCSV == """
            key,description,built,typed,change
            RF01,Administration fee for change of date or time,£20.85,"£1,234.50","£1,213.65"
            RF02,Mondays to Thursdays (before 4pm),£165.00,£170.00,£5.00
            RF03,Friday (before 4pm),£195.00,N/A,
            RF04,Saturday (before 4pm),£280.00,N/A,

            """)
        #expect(fees.tableCSV.contains("\nRF03,Friday (before 4pm),N/A\n"))
    }

    /// With the fee table the workbook was built from (`--fees`), next year's table is that
    /// table with the typed amounts, and the same definition builds it: a round trip.
    @Test func theMergedTableBuildsTheWorkbookWithTheTypedFees() throws {
        let url = try Self.edited(Self.built(), [("<c r=\"E6\" s=\"7\"><v>165</v></c>", "<c r=\"E6\" s=\"7\"><v>170</v></c>")])
        let fees = try FeeImport.read(url)
        let original = Self.data.appendingPathComponent("registrar-fees-2019-20.csv")
        let merged = try fees.tableCSV(mergedInto: CSVReader(url: original))
        let seed = try String(contentsOf: original, encoding: .utf8)
        #expect(merged == seed.replacingOccurrences(of: "(before 4pm),£150.00,£165.00,", with: "(before 4pm),£150.00,£170.00,"))
        #expect(merged != seed)
        let folder = try TestFiles.scratchFolder()
        try merged.write(to: folder.appendingPathComponent("registrar-fees-2019-20.csv"), atomically: true, encoding: .utf8)
        let rebuilt = folder.appendingPathComponent("rebuilt.xlsx")
        try ReportBuild(definitionURL: Self.template, dataDirectory: folder).run(output: rebuilt)
        let again = try FeeImport.read(rebuilt)
        #expect(again.lines.filter(\.changed).isEmpty)
        #expect(again.lines.first { $0.key == "RF02" }?.built == 170)
        let short = try TestFiles.write("fee_id,description,recommended_2019_20\nRF01,x,£1.00\n", to: "short.csv", in: folder)
        #expect(throws: DataError(file: "short.csv", column: "fee_id", message: "has no fee 'RF02', which the workbook has; give the table the workbook was built from")) {
            try fees.tableCSV(mergedInto: CSVReader(url: short, displayName: "short.csv"))
        }
    }

    @Test func rowsAreMatchedByKeyWhereverTheyAre() throws {
        // RF01 and RF02 change places: each key now reads the other row's amount and formulas.
        let url = try Self.edited(Self.built(), [(Self.text("A5", "RF01"), Self.text("A5", "RF02")), (Self.text("A6", "RF02"), Self.text("A6", "RF01"))])
        let fees = try FeeImport.read(url)
        #expect(fees.lines.filter(\.changed).map { "\($0.key) \($0.typed.map(Money.format) ?? "")" } == ["RF01 £165.00", "RF02 £20.85"])
        #expect(fees.lines.map(\.key).prefix(3) == ["RF01", "RF02", "RF03"])  // the order built
    }

    /// Excel writes a formula filled down as a shared formula: its first cell holds the text, the
    /// others `<f t="shared" si="0"/>`; each is read as the first cell's formula moved to it.
    @Test func sharedFormulasAreReadFromTheirFirstCell() throws {
        let url = try Self.edited(Self.built(), [
            ("<f>IF(COUNT(E5,D5)&lt;2,\"N/A\",E5-D5)</f>", "<f t=\"shared\" ref=\"F5:F6\" si=\"0\">IF(COUNT(E5,D5)&lt;2,\"N/A\",E5-D5)</f>"),
            ("<f>IF(COUNT(E6,D6)&lt;2,\"N/A\",E6-D6)</f>", "<f t=\"shared\" si=\"0\"/>"),
        ])
        #expect(try FeeImport.read(url).lines.filter(\.changed).isEmpty)
        let wrong = try Self.edited(Self.built(), [
            ("<f>IF(COUNT(E5,D5)&lt;2,\"N/A\",E5-D5)</f>", "<f t=\"shared\" ref=\"F5:F6\" si=\"0\">IF(COUNT(E5,D5)&lt;2,\"N/A\",E5-D5)</f>"),
            ("<f>IFERROR(IF(COUNT(F6,D6)&lt;2,\"N/A\",F6/D6),\"N/A\")</f>", "<f t=\"shared\" si=\"0\"/>"),
        ])
        #expect(Self.refusal(wrong) == "review.xlsx: sheet 'Fees for review' cell G6: expected the formula =IFERROR(IF(COUNT(F6,D6)<2,\"N/A\",F6/D6),\"N/A\") as built (in row 6), found =IF(COUNT(E5,D5)<2,\"N/A\",E5-D5) (shared from F5); formula cells must stay as built")
    }

    @Test func aColumnMovedIsFoundByItsHeader() throws {
        // The Description and Fee/Charge Title headers trade places: their columns are found by text.
        let url = try Self.edited(Self.built(), [("<t>Fee/Charge Title</t>", "<t>Description</t>"), ("<t>Description</t></is></c><c r=\"D4\"", "<t>Fee/Charge Title</t></is></c><c r=\"D4\"")])
        #expect(try FeeImport.read(url).lines.filter(\.changed).isEmpty)
    }

    @Test(arguments: [
        (Self.text("A5", "RF01"), "", "review.xlsx: sheet 'Fees for review': the fee key 'RF01' (built in A5) is not in column A; every fee built must stay in the table"),
        (Self.text("A6", "RF02"), Self.text("A6", "RF01"), "review.xlsx: sheet 'Fees for review' cell A6: the fee key 'RF01' appears again (first in A5); each fee must appear once"),
        (Self.text("A7", "RF03"), Self.text("A7", "RF99"),
         "review.xlsx: sheet 'Fees for review' cell A7: 'RF99' is not a fee key as built, but the row has an amount; a new fee is added to the fee CSV and the workbook built again"),
        ("<t>Proposed 2019/20</t>", "<t>Proposed</t>",
         "review.xlsx: sheet 'Fees for review' cell E4: expected the header 'Proposed 2019/20' as built, found 'Proposed'; headers must stay as built so the columns can be found"),
        ("<f>IF(COUNT(E7,D7)&lt;2,\"N/A\",E7-D7)</f>", "<f>E7-D7+1</f>",
         "review.xlsx: sheet 'Fees for review' cell F7: expected the formula =IF(COUNT(E7,D7)<2,\"N/A\",E7-D7) as built (in row 7), found =E7-D7+1; formula cells must stay as built"),
        ("<c r=\"G5\" s=\"8\"><f>IFERROR(IF(COUNT(F5,D5)&lt;2,\"N/A\",F5/D5),\"N/A\")</f>", "<c r=\"G5\" s=\"8\">",
         "review.xlsx: sheet 'Fees for review' cell G5: expected the formula =IFERROR(IF(COUNT(F5,D5)<2,\"N/A\",F5/D5),\"N/A\") as built (in row 5), found the value '0.04250000000000007'; formula cells must stay as built"),
        ("<c r=\"E5\" s=\"7\"><v>20.85</v></c>", Self.text("E5", "twenty pounds"),
         "review.xlsx: sheet 'Fees for review' cell E5: fee RF01: expected an amount such as £20.85, found 'twenty pounds'"),
        ("<c r=\"E5\" s=\"7\"><v>20.85</v></c>", "<c r=\"E5\" s=\"7\"><v>20.855</v></c>",
         "review.xlsx: sheet 'Fees for review' cell E5: fee RF01: expected an amount in pounds and pence, found '20.855'"),
        ("<c r=\"E5\" s=\"7\"><v>20.85</v></c>", "<c r=\"E5\" s=\"7\"><f>D5*1.05</f><v>21</v></c>",
         "review.xlsx: sheet 'Fees for review' cell E5: fee RF01: expected a typed amount, found the formula =D5*1.05"),
        ("<c r=\"E5\" s=\"7\"><v>20.85</v></c>", "<c r=\"E5\" s=\"7\" t=\"b\"><v>1</v></c>",
         "review.xlsx: sheet 'Fees for review' cell E5: fee RF01: expected an amount such as £20.85, found 'TRUE'"),
    ])
    func editsTheImportCannotTakeAreRefusedNamingTheCell(_ old: String, _ new: String, _ message: String) throws {
        #expect(Self.refusal(try Self.edited(Self.built(), [(old, new)])) == message)
    }

    @Test func aChangedKeySheetIsRefused() throws {
        let url = try Self.edited(Self.built(), part: "xl/worksheets/sheet2.xml", [("<t>20.85</t>", "<t>21</t>")])
        #expect(Self.refusal(url) == "review.xlsx: sheet 'Fee keys' cell C1: the fee keys and amounts as built have been changed since the build (their SHA-256 does not match); build the workbook again")
    }

    @Test func aWorkbookWithoutAKeySheetIsRefused() throws {
        let url = try TestFiles.scratchFolder().appendingPathComponent("published.xlsx")
        try ReportBuild(definitionURL: TestFiles.root.appendingPathComponent("Templates/registrar-fees-published.yaml"), dataDirectory: Self.data).run(output: url)
        #expect(Self.refusal(url) == "review.xlsx: has no fee key sheet, so it was not built by Appendix from a definition with fee_import: (the build adds a hidden sheet 'Fee keys' with each fee key and amount as built)")
    }

    @Test func aRenamedFeeSheetIsRefused() throws {
        let url = try Self.edited(Self.built(), part: "xl/workbook.xml", [("name=\"Fees for review\"", "name=\"Fees\"")])
        #expect(Self.refusal(url) == "review.xlsx: has no sheet 'Fees for review', the fee sheet as built (the sheets are: Fees, Fee keys)")
    }

    @Test func anUnreadableFileIsRefused() throws {
        let folder = try TestFiles.scratchFolder()
        #expect(Self.refusal(try TestFiles.write("fee_id,amount\n", to: "review.xlsx", in: folder))
                == "review.xlsx: cannot be read: it is not a zip file, so not an xlsx workbook")
        #expect(Self.refusal(folder.appendingPathComponent("missing.xlsx"))
                == "review.xlsx: cannot be read: it cannot be opened (No such file or directory)")
    }

    @Test func theCommandWritesBothFilesOrNeither() throws {
        let folder = try TestFiles.scratchFolder()
        let good = try Self.built()
        let bad = try Self.edited(good, [(Self.text("A5", "RF01"), "")])
        let table = folder.appendingPathComponent("next.csv"), changes = folder.appendingPathComponent("changes.csv")
        try "previous\n".write(to: table, atomically: true, encoding: .utf8)
        let refused = try TestProcess.run(TestProcess.product("appendix"), ["fees", "import", bad.path, "--output", table.path, "--changes", changes.path])
        #expect(refused.status == 1)
        #expect(refused.error == "appendix: error: \(bad.path): sheet 'Fees for review': the fee key 'RF01' (built in A5) is not in column A; every fee built must stay in the table\n")
        #expect(try String(contentsOf: table, encoding: .utf8) == "previous\n")
        #expect(!FileManager.default.fileExists(atPath: changes.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["next.csv"])
        let run = try TestProcess.run(TestProcess.product("appendix"), ["fees", "import", good.path, "--output", table.path, "--changes", changes.path])
        #expect(run.status == 0)
        #expect(run.output.hasSuffix("import: 31 fees from sheet 'Fees for review', 0 changed; wrote \(table.path) and \(changes.path)\n"))
        #expect(try String(contentsOf: table, encoding: .utf8).hasPrefix("fee_id,description,recommended_2019_20\n"))
        #expect(try String(contentsOf: changes, encoding: .utf8) == "key,description,built,typed,change\n")
    }

    /// Templates/README.md section 17: its definition built, RF02 typed as £170, and its command
    /// run in a folder print what the section shows.
    @Test func theReferenceExampleRunsAsShown() throws {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/README.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## 17. ").last)
        let yaml = try #require(section.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "\n```").first)
        let transcript = try #require(section.components(separatedBy: "```text\n").dropFirst().first?.components(separatedBy: "\n```").first)
        let folder = try TestFiles.scratchFolder()
        let definition = try TestFiles.write(yaml, to: "fees.yaml", in: folder)
        let built = folder.appendingPathComponent("built.xlsx")
        try ReportBuild(definitionURL: definition, dataDirectory: Self.data).run(output: built, mode: .streaming)
        let edited = try Self.edited(built, [("<v>165</v>", "<v>170</v>")])
        try FileManager.default.moveItem(at: edited, to: folder.appendingPathComponent("fees.xlsx"))
        let lines = transcript.split(separator: "\n").map(String.init)
        let command = try #require(lines.first?.dropFirst(2).split(separator: " ").dropFirst().map(String.init))  // after "$ appendix"
        let run = try TestProcess.run(TestProcess.product("appendix"), command, in: folder)
        #expect(run.status == 0)
        #expect(run.output == lines.dropFirst().joined(separator: "\n") + "\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("fee-edits.csv"), encoding: .utf8)
                == "key,description,built,typed,change\nRF02,Mondays to Thursdays (before 4pm),£165.00,£170.00,£5.00\n")
    }

    @Test func anAmountReadAsTextIsADefinitionError() throws {
        let yaml = """
            sources: { fees: { file: fees.csv, fields: { proposed: text } } }
            sheets:
              - name: Fees
                source: fees
                columns: [ { id: fee_ref, field: fee_id }, { id: proposed, field: proposed } ]
                fee_import: { key: fee_ref, amount: proposed }
            """
        #expect(throws: DefinitionError.self) { try DefinitionLoader.load(yaml: yaml, file: "def.yaml") }
        do {
            _ = try DefinitionLoader.load(yaml: yaml, file: "def.yaml")
        } catch {
            #expect("\(error)" == "def.yaml:6:41: sheets[0].fee_import.amount: the amount column shows the field 'proposed', read as text; fee_import.amount needs an amount: make it money, number, integer or auto")
        }
    }

    /// The review sheet is protected (its proposed fees `editable:`, issue #18 items 1-2); the
    /// import reads it and the same workbook with the protection taken off alike.
    @Test func protectedAndUnprotectedSheetsImportTheSame() throws {
        let protection = "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" formatRows=\"0\" autoFilter=\"0\"/>"
        let typed = ("<c r=\"E6\" s=\"7\"><v>165</v></c>", "<c r=\"E6\" s=\"7\"><v>170</v></c>")
        let protected = try Self.edited(Self.built(), [typed])
        let unprotected = try Self.edited(Self.built(), [(protection, ""), typed])
        for url in [protected, unprotected] {
            #expect(try FeeImport.read(url).lines.filter(\.changed).map(\.key) == ["RF02"])
        }
    }

    @Test(arguments: [
        ("fee_import: { key: fee_ref, amount: change }", "def.yaml:12:41: sheets[0].fee_import.amount: column 'change' is computed; fee_import.amount must be a column showing a CSV field"),
        ("fee_import: { key: fee_rfe, amount: proposed }", "def.yaml:12:24: sheets[0].fee_import.key: no column with id 'fee_rfe' on sheet 'Fees' (did you mean 'fee_ref'?)"),
        ("fee_import: { key: fee_ref }", "def.yaml:12:17: sheets[0].fee_import: missing required key 'amount'"),
    ])
    func aFeeImportNamingTheWrongColumnsIsADefinitionError(_ line: String, _ message: String) throws {
        let yaml = """
            sources: { fees: { file: fees.csv } }
            sheets:
              - name: Fees
                source: fees
                columns:
                  - { id: fee_ref, field: fee_id }
                  - { id: current, field: current }
                  - { id: proposed, field: proposed }
                  - { id: change, expression: proposed - current }
                  - field: description
                  - field: area
                \(line)
            """
        #expect(throws: (any Error).self) { try DefinitionLoader.load(yaml: yaml, file: "def.yaml") }
        do {
            _ = try DefinitionLoader.load(yaml: yaml, file: "def.yaml")
        } catch {
            #expect("\(error)" == message)
        }
    }
}

/// The formula shapes the import compares, and SHA-256.
@Suite("Fee import: formula shapes and hashes")
struct FormulaShapeTests {
    static func shape(_ text: String, row: Int, column: Int, origin: (Int, Int)? = nil, map: [Int: Int] = [:]) -> String {
        FormulaShape(text, at: .init(row: row, column: column, originRow: origin?.0 ?? row, originColumn: origin?.1 ?? column,
                                     sheet: "Fees for review", builtColumn: { map[$0] ?? $0 })).description
    }

    @Test func aFormulaMovedWithItsRowHasTheSameShape() {
        #expect(Self.shape("IF(COUNT(E5,D5)<2,\"N/A\",E5-D5)", row: 4, column: 5) == Self.shape("IF(COUNT(E9,D9)<2,\"N/A\",E9-D9)", row: 8, column: 5))
        #expect(Self.shape("IF(COUNT(E5,D5)<2,\"N/A\",E5-D5)", row: 4, column: 5) == "IF(COUNT(R[0]C[-1],R[0]C[-2])<2,\"N/A\",R[0]C[-1]-R[0]C[-2])")
        #expect(Self.shape("E5-D5", row: 4, column: 5) != Self.shape("E5-D6", row: 4, column: 5))
    }

    @Test func sheetNamesQuotesSpacesAndCaseDoNotChangeTheShape() {
        let built = Self.shape("AVERAGE('Benchmarking'!$C$5:$C$10)", row: 4, column: 12)
        #expect(built == Self.shape("average( Benchmarking!$C$5:$C$10 )", row: 9, column: 12))
        #expect(built == "AVERAGE(BENCHMARKING!R5C3:R10C3)")
        #expect(Self.shape("'Fees for review'!E5-D5", row: 4, column: 5) == Self.shape("E5-D5", row: 4, column: 5))
        #expect(Self.shape("\"e5 \"&E5", row: 4, column: 5) == "\"e5 \"&R[0]C[-1]")  // a string keeps its text
        #expect(Self.shape("LOG10(E5)", row: 4, column: 5) == "LOG10(R[0]C[-1])")  // a function, not a cell
    }

    @Test func aSharedFormulaIsReadFromItsFirstCell() {
        // Excel's `<f t="shared" si="0"/>` in F9 shares F5's text: its references move with it.
        #expect(Self.shape("E5-D5", row: 8, column: 5, origin: (4, 5)) == Self.shape("E9-D9", row: 8, column: 5))
    }

    @Test func aColumnMovedIsMappedToWhereItWasBuilt() {
        // A column inserted before D: D, E, F are now E, F, G.
        let map = [4: 3, 5: 4, 6: 5]
        #expect(Self.shape("F5-E5", row: 4, column: 6, map: map) == Self.shape("E5-D5", row: 4, column: 5))
    }

    @Test func sha256MatchesTheStandardsVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
