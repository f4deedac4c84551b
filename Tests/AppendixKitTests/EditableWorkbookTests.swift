import Foundation
import Testing
@testable import AppendixDefinition
@testable import AppendixLayout
@testable import AppendixPipeline

/// Issue #18 items 1-2: protected sheets with editable, validated columns; autofilters,
/// highlights and defined names — each read back from the workbook's XML, in both build modes.
@Suite("Editable workbooks")
struct EditableWorkbookTests {
    static let modes: [BuildMode] = [.memory, .streaming]

    static func sheetTree(_ url: URL, sheet: Int = 1) throws -> XMLTree {
        try XLSXPart.tree(url, "xl/worksheets/sheet\(sheet).xml")
    }

    @Test(arguments: modes)
    func feeAppendixIsProtectedWithItsProposedFeesUnlockedAndValidated(mode: BuildMode) throws {
        let url = try TestFiles.built(TestFiles.root.appendingPathComponent("Templates/registrar-fees.yaml"), mode: mode)
        let tree = try Self.sheetTree(url)
        #expect(tree.descendants("sheetProtection").first?.attributes == ["sheet": "1", "objects": "1", "scenarios": "1",
                                                                           "formatColumns": "0", "formatRows": "0", "autoFilter": "0"])
        let sheet = try XLSXFile(url: url).sheet("Fees 2019-20")
        let proposed = (5...35).map { sheet["E\($0)"] }
        #expect(proposed.allSatisfy { $0?.locked == false && $0?.number != nil })
        let formulas = sheet.cells.values.filter { $0.formula != nil }
        #expect(formulas.count == 31 * 4 - 5 && formulas.allSatisfy(\.locked), "change, %, higher end % and benchmarks are formulas")
        #expect(sheet["D5"]?.locked == true && sheet["A4"]?.locked == true)
        let validation = try #require(tree.descendants("dataValidation").first)
        #expect(validation.attributes["sqref"] == "E5:E35" && validation.attributes["type"] == "decimal")
        #expect(validation.attributes["promptTitle"] == "Proposed fee" && validation.attributes["errorTitle"] == "Not a fee")
        #expect(validation.child("formula1")?.text == "0" && validation.child("formula2")?.text == "10000")
        let rule = try #require(tree.descendants("conditionalFormatting").first)
        #expect(rule.attributes["sqref"] == "G5:G35" && rule.child("cfRule")?.attributes["operator"] == "greaterThan")
        #expect(rule.child("cfRule")?.child("formula")?.text == "0.1")
        #expect(try XLSXFile(url: url).definedNames["ProposedFees@"] == "'Fees 2019-20'!$E$5:$E$35")
        let benchmarking = try Self.sheetTree(url, sheet: 2)
        #expect(benchmarking.descendants("sheetProtection").isEmpty, "a sheet without editable columns is not protected")
    }

    static let featuresCSV = """
        code,status,fee,low,high,change
        A1,open,10,5,20,0.2
        B2,closed,30,5,20,-0.05
        C3,open,15,10,40,0
        """

    static let featuresYAML = """
        sources:
          fees: { file: fees.csv, fields: { code: text, fee: number, low: number, high: number, change: number } }
        sheets:
          - name: Fees
            source: fees
            title: Fees
            autofilter: true
            protect: true
            names: { Fees_Due: fee, Changes: change }
            columns:
              - field: code
              - field: status
                editable: true
                validation:
                  list: [open, closed, "on hold"]
                  error_message: Choose open, closed or on hold.
              - field: fee
                editable: true
                validation: { minimum: 0, whole_numbers: true, input_title: Fee }
                highlight:
                  - { outside: [low, high], colour: amber }
                  - { data_bar: true }
              - field: low
                editable: true
                validation: { list_from: Fees_Due }
              - field: high
              - field: change
                format: percent
                highlight:
                  - { icons: arrows }
                  - { above: 0.1 }
                  - { below: 0, colour: green }
            notes: [A note under the table]
        """

    static func featuresWorkbook(mode: BuildMode, yaml: String = featuresYAML) throws -> URL {
        let folder = try TestFiles.scratchFolder()
        _ = try TestFiles.write(featuresCSV, to: "fees.csv", in: folder)
        return try TestFiles.built(try TestFiles.write(yaml, to: "fees.yaml", in: folder), mode: mode, data: folder)
    }

    @Test(arguments: modes)
    func autofilterValidationsHighlightsAndNamesAreWritten(mode: BuildMode) throws {
        let url = try Self.featuresWorkbook(mode: mode)
        let tree = try Self.sheetTree(url)
        #expect(tree.descendants("autoFilter").first?.attributes["ref"] == "A3:F6", "header row 3 to the last body row, not the note")
        #expect(try XLSXFile(url: url).definedNames["_xlnm._FilterDatabase@0"] == "Fees!$A$3:$F$6")
        let validations = tree.descendants("dataValidation").map {
            [$0.attributes["sqref"], $0.attributes["type"], $0.attributes["operator"], $0.child("formula1")?.text, $0.attributes["error"], $0.attributes["promptTitle"]]
        }
        #expect(validations == [["B4:B6", "list", nil, "\"open,closed,on hold\"", "Choose open, closed or on hold.", nil],
                                ["C4:C6", "whole", "greaterThanOrEqual", "0", nil, "Fee"],
                                ["D4:D6", "list", nil, "Fees_Due", nil, nil]])
        let rules = tree.descendants("conditionalFormatting").flatMap { block in
            block.children("cfRule").map { [block.attributes["sqref"] ?? "", $0.attributes["type"] ?? "", $0.attributes["operator"] ?? "", $0.child("formula")?.text ?? ""] }
        }
        #expect(rules == [["C4:C6", "expression", "", "AND(ISNUMBER(C4),ISNUMBER(D4),ISNUMBER(E4),OR(C4<D4,C4>E4))"],
                          ["C4:C6", "dataBar", "", ""],
                          ["F4:F6", "iconSet", "", ""],
                          ["F4:F6", "cellIs", "greaterThan", "0.1"],
                          ["F4:F6", "cellIs", "lessThan", "0"]])
        #expect(tree.descendants("iconSet").first?.attributes["iconSet"] == "3Arrows")
        let file = try XLSXFile(url: url)
        #expect(file.definedNames["Fees_Due@"] == "'Fees'!$C$4:$C$6" && file.definedNames["Changes@"] == "'Fees'!$F$4:$F$6")
        let sheet = try file.sheet("Fees")
        #expect(sheet["B4"]?.locked == false && sheet["C6"]?.locked == false && sheet["A4"]?.locked == true && sheet["E4"]?.locked == true)
        #expect(sheet["A8"]?.text == "A note under the table")
        #expect(tree.descendants("sheetProtection").count == 1)
    }

    @Test(arguments: modes)
    func protectFalseLeavesEditableCellsUnlockedInAnUnprotectedSheet(mode: BuildMode) throws {
        let yaml = Self.featuresYAML.replacingOccurrences(of: "protect: true", with: "protect: false")
        let url = try Self.featuresWorkbook(mode: mode, yaml: yaml)
        #expect(try Self.sheetTree(url).descendants("sheetProtection").isEmpty)
        #expect(try XLSXFile(url: url).sheet("Fees")["B4"]?.locked == false)
    }

    @Test(arguments: modes)
    func autofilterOfASheetWithoutNotesOrRowsCoversTheHeader(mode: BuildMode) throws {
        let folder = try TestFiles.scratchFolder()
        _ = try TestFiles.write("code,fee\n", to: "fees.csv", in: folder)
        let yaml = "sources:\n  fees: { file: fees.csv }\nsheets:\n  - name: Fees\n    source: fees\n    autofilter: true\n    columns: [ { field: code }, { field: fee, editable: true } ]\n"
        let url = try TestFiles.built(try TestFiles.write(yaml, to: "fees.yaml", in: folder), mode: mode, data: folder)
        let tree = try Self.sheetTree(url)
        #expect(tree.descendants("autoFilter").first?.attributes["ref"] == "A1:B1")
        #expect(tree.descendants("sheetProtection").count == 1 && tree.descendants("dataValidation").isEmpty)
    }

    /// Templates/README.md's "Editable fees" example, which uses every key of this issue.
    @Test(arguments: modes)
    func referenceExampleUsesEveryEditingKey(mode: BuildMode) throws {
        let text = try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/README.md"), encoding: .utf8)
        let section = try #require(text.components(separatedBy: "### Editable fees").dropFirst().first)
        let yaml = section.components(separatedBy: "```yaml\n")[1].components(separatedBy: "\n```")[0]
        let folder = try TestFiles.scratchFolder()
        let url = try TestFiles.built(try TestFiles.write(yaml, to: "editable.yaml", in: folder), mode: mode)
        let tree = try Self.sheetTree(url)
        #expect(tree.descendants("sheetProtection").count == 1 && tree.descendants("autoFilter").first?.attributes["ref"] == "A3:H34")
        let validations = tree.descendants("dataValidation").map { [$0.attributes["sqref"] ?? "", $0.attributes["type"] ?? "", $0.child("formula1")?.text ?? ""] }
        #expect(validations == [["B4:B34", "list", "Areas"], ["C4:C34", "list", "\"Discretionary fee,Statutory fee\""], ["E4:E34", "decimal", "0"]])
        #expect(tree.descendants("cfRule").map { $0.attributes["type"] ?? "" } == ["expression", "dataBar", "iconSet", "cellIs", "cellIs"])
        let file = try XLSXFile(url: url)
        #expect(file.definedNames["ProposedFees@"] == "'Proposed fees'!$E$4:$E$34" && file.definedNames["Areas@"] == "'Proposed fees'!$B$4:$B$34")
        #expect(tree.descendants("hyperlink").count == 31)
        #expect(try XLSXPart.tree(url, "xl/comments1.xml").descendants("comment").count == 31)
        let sheet = try file.sheet("Proposed fees")
        #expect(sheet["E4"]?.locked == false && sheet["F4"]?.formula != nil && sheet["F4"]?.locked == true)
    }

    static let base = "sources:\n  d: { file: d.csv }\nsheets:\n  - name: S\n    source: d\n"

    @Test(arguments: [
        ("    columns: [ { field: a }, { id: b, expression: a * 2, editable: true } ]\n",
         "t.yaml:6:68: sheets[0].columns[1].editable: only a 'field' column can be editable: a computed column's cells are formulas, which stay locked"),
        ("    columns: [ { field: a, validation: { minimum: 0 } } ]\n",
         "t.yaml:6:40: sheets[0].columns[0].validation: 'validation' checks what an officer types, so it needs 'editable: true' on the column"),
        ("    columns: [ { field: a, editable: true, validation: { list: [a, b], minimum: 0 } } ]\n",
         "t.yaml:6:56: sheets[0].columns[0].validation: a validation has one of 'list', 'list_from' or 'minimum'/'maximum'"),
        ("    columns: [ { field: a, editable: true, validation: { input_title: T } } ]\n",
         "t.yaml:6:56: sheets[0].columns[0].validation: a validation needs 'list' (the values allowed), 'list_from' (a defined name) or 'minimum' and/or 'maximum' (a number range)"),
        ("    columns: [ { field: a, editable: true, validation: { list: [\"1,000\", b] } } ]\n",
         "t.yaml:6:64: sheets[0].columns[0].validation.list: a list value cannot be empty or hold a comma or a double quote (Excel separates the values by commas); found '1,000'"),
        ("    columns: [ { field: a, editable: true, validation: { minimum: 10, maximum: 5 } } ]\n",
         "t.yaml:6:67: sheets[0].columns[0].validation.minimum: the minimum (10) is above the maximum (5)"),
        ("    columns: [ { field: a, editable: true, validation: { minimum: ten } } ]\n",
         "t.yaml:6:67: sheets[0].columns[0].validation.minimum: expected a number, found 'ten'"),
        ("    columns: [ { field: a, editable: true, validation: { minimum: 0, input_title: \(String(repeating: "x", count: 33)) } } ]\n",
         "t.yaml:6:83: sheets[0].columns[0].validation.input_title: Excel allows at most 32 characters in a validation's input title; found 33"),
        ("    columns: [ { field: a, highlight: [ { above: 1, below: 0 } ] } ]\n",
         "t.yaml:6:41: sheets[0].columns[0].highlight[0]: a highlight has exactly one of 'data_bar', 'icons', 'above', 'below', 'outside'; found above and below"),
        ("    columns: [ { field: a, highlight: [ { icons: flags } ] } ]\n",
         "t.yaml:6:50: sheets[0].columns[0].highlight[0].icons: expected 'icons: arrows' (the only icon set Appendix writes)"),
        ("    columns: [ { field: a, highlight: [ { outside: [lo, hi] } ] } ]\n",
         "t.yaml:6:41: sheets[0].columns[0].highlight[0].outside: 'lo' is not a column id of this sheet (did you mean 'a'?)"),
        ("    columns: [ { field: a, highlight: [ { above: 1, colour: blue } ] } ]\n",
         "t.yaml:6:61: sheets[0].columns[0].highlight[0].colour: expected one of red, amber, green, found 'blue'"),
        ("    names: { AB12: a }\n    columns: [ { field: a } ]\n",
         "t.yaml:6:14: sheets[0].names.AB12: 'AB12' looks like a cell reference (A1 or R1C1 style), which Excel refuses as a name"),
        ("    names: { R2C3: a }\n    columns: [ { field: a } ]\n",
         "t.yaml:6:14: sheets[0].names.R2C3: 'R2C3' looks like a cell reference (A1 or R1C1 style), which Excel refuses as a name"),
        ("    names: { \"Fee total\": a }\n    columns: [ { field: a } ]\n",
         "t.yaml:6:14: sheets[0].names.Fee total: a defined name is ASCII letters, digits, '_' and '.', starting with a letter or '_'; found 'Fee total'"),
        ("    names: { Fees: a, fees: b }\n    columns: [ { field: a }, { field: b } ]\n",
         "t.yaml:6:23: sheets[0].names.fees: another sheet or column already defines the name 'fees' (Excel ignores case in names)"),
        ("    names: { Fees: amount }\n    columns: [ { field: a } ]\n",
         "t.yaml:6:14: sheets[0].names.Fees: 'amount' is not a column id of this sheet"),
        ("    columns: [ { field: a, editable: true, validation: { list_from: FeeTypes } } ]\n",
         "t.yaml:6:69: sheets[0].columns[0].validation.list_from: 'FeeTypes' is not a name defined under a sheet's 'names:'; define one, e.g. names: { FeeTypes: type }"),
        ("    names: { FeeTypes: b }\n    columns: [ { field: a, editable: true, validation: { list_from: FeeType } }, { field: b } ]\n",
         "t.yaml:7:69: sheets[0].columns[0].validation.list_from: 'FeeType' is not a name defined under a sheet's 'names:' (did you mean 'FeeTypes'?)"),
    ])
    func editingKeysAreCheckedWithTheirKeyPath(_ sheet: String, _ message: String) {
        #expect(ErrorCatalogueTests.definitionError(Self.base + sheet) == message)
    }
}
