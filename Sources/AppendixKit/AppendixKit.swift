// AppendixKit: the library as one module. Each stage is its own target (see README, "Layout of
// the code"); this umbrella re-exports them so a program, the command and the tests need one
// import.
//
// The public API — everything else is `package` (shared between the stages and with the tests,
// invisible to users; the command line is compiled without package access, so it is held to
// this list too). api/public-symbols.txt lists every public symbol; `make api-check` (part of
// `make test`) fails with a diff when the built API differs, `make api-update` rewrites it.
//
// - Definitions: `DefinitionLoader.load(contentsOf:)` / `load(yaml:file:directory:)` give a checked
//   `ReportDefinition` (its sources, sheets and columns readable: `SourceDefinition`,
//   `SheetDefinition`, `ColumnDefinition`, `DefinitionLocation`), or a program builds one in
//   code with their initialisers (`ColumnDefinition.field` / `computed` / `display`,
//   `NumberFormat`, `Totals`, `GroupLevel`, `SortKey`, `HeaderGroup`, `FreezePanes`,
//   `PrintSetup`, `HorizontalAlignment`) and `ReportDefinition.checked()` runs the loader's
//   checks on it; `DefinitionScaffold.yaml` writes a starter definition from column profiles.
// - Data: CSV files by path (`ReportBuild(definitionURL:dataDirectory:)`, `sourceFiles`) or rows
//   held in memory (`CSVRows` in `ReportBuild.sourceRows`), typed by the source's field types as
//   the CSV reader types a file's records (`FieldType`, `EncodingChoice`, `DecimalSeparator`).
// - Building: `ReportBuild.run(output:mode:)` → `ReportBuild.Summary` (output, sheets as
//   `SheetRowCount`, formulas, `BuildWarning`s, `CSVReadReport`s); `buildData(mode:)` → the
//   workbook's bytes; `validation(mode:)` → `ReportBuild.Validation` (writes nothing);
//   `check()` → `ReportBuild.Check`; `BuildMode`; `BuildThreads` (`ReportBuild.threads`: one
//   core or two); `BatchBuild` and its `Job`s;
//   `OutputTarget` (whether a file may be written as an output).
// - Inspecting and previewing: `ColumnProfile.profile(_:)` over a `CSVReader`;
//   `WorkbookPreview.render` → PNG file URLs (LibreOffice and pdftoppm).
// - Fees: `UpliftPolicy.load`, `FeeUplift.apply(to:)` → `FeeUplift.Proposal` (lines, CSV
//   text), `FeeUplift.comparators(from:)`, `FeeDiff.compare` → `[FeeDiff.Entry]`,
//   `FeeDiff.writeWorkbook` (below), `Money.parse`/`format`; `FeeImport.read` → `FeeImport`
//   (lines built and typed, `tableCSV`, `changeLogCSV`, `write(table:changes:mergedInto:)`) reads back a
//   workbook built with `fee_import:`, refusing with `FeeImportError` (sheet, cell).
// - Accessibility check: `WorkbookCheck.check(_:displayName:)` → `[AccessibilityFinding]` (rule,
//   sheet, range, message) for any xlsx, `AccessibilityRule` (id, checklist item, fix),
//   `CheckReport` (several files, text and JSON), `WorkbookReadError` (docs/accessibility.md).
// - Errors: the `AppendixError` protocol (file, line, character, CSV column, key path, value,
//   limit, message) and `DataError`, `DefinitionError`, `RenderError`, `ExternalSortError`,
//   `WorkbookPreview.ToolError`, `WorkbookReadError`, `FeeImportError`; `ExcelLimit`.
@_exported import AppendixCheck
@_exported import AppendixData
@_exported import AppendixDefinition
@_exported import AppendixExpression
@_exported import AppendixFees
@_exported import AppendixLayout
@_exported import AppendixPipeline
@_exported import AppendixRender
