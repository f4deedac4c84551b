import Foundation
import Testing
@testable import AppendixKit
@testable import AppendixData
@testable import AppendixDefinition
@testable import AppendixExpression
@testable import AppendixFees
@testable import AppendixLayout
@testable import AppendixPipeline
@testable import AppendixRender

/// A small, seeded random generator (SplitMix64), so every failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Generated-input tests for the CSV reader, number parser, expression parser and compiler,
/// and definition loader. `make test` runs a few hundred inputs per target; `make fuzz` sets
/// APPENDIX_FUZZ_ITERATIONS=10000. A crash fails the run; the seed in the message replays it.
@Suite("Generated inputs (fuzzing)")
struct PropertyTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["APPENDIX_FUZZ_ITERATIONS"] ?? "") ?? 300
    static let seed = UInt64(ProcessInfo.processInfo.environment["APPENDIX_FUZZ_SEED"] ?? "") ?? 20_181_121

    static func text(_ random: inout SeededGenerator, alphabet: [String], length: ClosedRange<Int>) -> String {
        (0..<Int.random(in: length, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined()
    }

    @Test func csvWriteThenReadGivesTheSameRecords() throws {
        var random = SeededGenerator(seed: Self.seed)
        let alphabet = ["a", "b", "Z", "0", "9", ",", "\"", "\n", "\r\n", " ", "£", "–", "é", "=", "+", "-", "@", "\t", "(", ")", "%"]
        let folder = try TestFiles.scratchFolder()
        let url = folder.appendingPathComponent("f.csv")
        for iteration in 0..<Self.iterations {
            let width = Int.random(in: 1...6, using: &random)
            let header = (0..<width).map { "c\($0)" }
            var writer = CSVWriter(header: header)
            writer.rows = (0..<Int.random(in: 0...8, using: &random)).map { _ in
                (0..<width).map { _ in Self.text(&random, alphabet: alphabet, length: 0...12) }
            }
            let terminator = Bool.random(using: &random) ? "\r\n" : "\n" // record ends; fields keep their own line breaks
            var text = ([header] + writer.rows).map(CSVWriter.line).joined(separator: terminator) + terminator
            if Bool.random(using: &random) { text = "\u{FEFF}" + text }
            try Data(text.utf8).write(to: url)
            let chunk = [1, 3, 7, 64, 1 << 16].randomElement(using: &random)!
            let records = try CSVReader(url: url, chunkSize: chunk).readAll()
            // Records whose fields are all empty (Excel's leftover `,,,` rows) are skipped.
            let expected = [header] + writer.rows.filter { !$0.allSatisfy(\.isEmpty) }
            #expect(records.map(\.fields) == expected, "seed \(Self.seed) iteration \(iteration)")
        }
    }

    @Test func csvReaderNeverCrashesOnArbitraryBytes() throws {
        var random = SeededGenerator(seed: Self.seed &+ 1)
        let folder = try TestFiles.scratchFolder()
        let url = folder.appendingPathComponent("g.csv")
        let pieces: [[UInt8]] = [[0x2C], [0x22], [0x0A], [0x0D], [0x41], [0x30], [0xC2, 0xA3], [0xFF], [0xE2, 0x80], [0x00], [0xEF, 0xBB, 0xBF]]
        for _ in 0..<Self.iterations {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).flatMap { _ in pieces.randomElement(using: &random)! }
            try Data(bytes).write(to: url)
            do {
                let table = try DataTable.load(CSVReader(url: url, displayName: "g.csv", chunkSize: Int.random(in: 1...16, using: &random)))
                #expect(table.rows.allSatisfy { $0.values.count == table.header.count })
            } catch let error as DataError {
                #expect(error.file == "g.csv")
            }
        }
    }

    @Test func numbersFormattedAsExportsDoReadBack() {
        var random = SeededGenerator(seed: Self.seed &+ 2)
        for _ in 0..<Self.iterations {
            let pence = Int.random(in: -99_999_999...99_999_999, using: &random)
            let value = Double(pence) / 100
            let magnitude = String(format: "%.2f", abs(value))
            let parts = magnitude.split(separator: ".")
            var grouped = String(parts[0])
            var withCommas = ""
            while grouped.count > 3 { withCommas = "," + grouped.suffix(3) + withCommas; grouped = String(grouped.dropLast(3)) }
            let body = grouped + withCommas + "." + parts[1]
            let forms = value < 0 ? ["(£\(body))", "-£\(body)", "(\(body))", "-\(magnitude)"] : ["£\(body)", body, "£ \(body)", magnitude]
            for form in forms {
                #expect(FinanceNumber.parse(form).map { abs($0 - value) < 1e-9 } == true, "\(form)")
            }
            let percent = String(format: "%.1f%%", value)
            #expect(FinanceNumber.parse(percent).map { abs($0 - (Double(String(format: "%.1f", value))! / 100)) < 1e-12 } == true, "\(percent)")
        }
        let alphabet = ["1", "0", ",", ".", "(", ")", "-", "+", "£", "%", " ", "e", "E", "x", "$", "€"]
        for _ in 0..<Self.iterations {
            let text = Self.text(&random, alphabet: alphabet, length: 0...10)
            if let value = FinanceNumber.parse(text) { #expect(value.isFinite || text.contains("e") || text.contains("E"), "\(text)") }
        }
    }

    @Test func expressionParserAndCompilerNeverCrash() {
        var random = SeededGenerator(seed: Self.seed &+ 3)
        let tokens = ["a", "b", "c", "1", "0", "2.5", "10%", "+", "-", "*", "/", "&", "(", ")", ",", "=", "<", ">=", "<>", "\"x\"", "\"\"",
                      "min(", "max(", "sum(", "avg(", "if(", "round(", "abs(", "isnumber(", "text(", "iferror(", "rag(", "dot(", "a:c", "s.f", " ", "×", "÷", "−"]
        let values: [ExcelValue] = [.number(3), .number(0), .number(-2.5), .text("N/A"), .blank, .text("Smaller is Better")]
        var parsed = 0
        for _ in 0..<Self.iterations * 3 {
            let text = Self.text(&random, alphabet: tokens, length: 1...12)
            let expression: ColumnExpression
            do { expression = try ColumnExpression.parse(text) } catch is ExpressionError { continue } catch {
                Issue.record("unexpected error \(error) for \(text)"); continue
            }
            parsed += 1
            let row = RowFixture(columns: [("a", values.randomElement(using: &random)!), ("b", values.randomElement(using: &random)!),
                                           ("c", values.randomElement(using: &random)!)])
            guard expression.relatedFields.isEmpty, Set(expression.fields).isSubset(of: ["a", "b", "c"]) else { continue }
            let formula = FormulaCompiler().compile(expression, in: row)
            _ = formula.evaluate()
            #expect(!formula.text.isEmpty)
        }
        #expect(parsed > 0)
    }

    /// Random arithmetic trees: the compiled formula's cached value equals a direct computation.
    @Test func arithmeticAgreesWithADirectComputation() {
        var random = SeededGenerator(seed: Self.seed &+ 4)
        indirect enum Tree { case leaf(String, Double), op(BinaryOperator, Tree, Tree) }
        func tree(_ depth: Int) -> Tree {
            if depth == 0 || Int.random(in: 0...3, using: &random) == 0 {
                let name = ["a", "b", "c", "n"].randomElement(using: &random)!
                return .leaf(name, name == "n" ? Double(Int.random(in: -5...5, using: &random)) : 0)
            }
            return .op([.add, .subtract, .multiply, .divide].randomElement(using: &random)!, tree(depth - 1), tree(depth - 1))
        }
        for _ in 0..<Self.iterations {
            let values = ["a": Double(Int.random(in: -9...9, using: &random)), "b": Double(Int.random(in: -9...9, using: &random)) / 4, "c": 0.1 * Double(Int.random(in: -9...9, using: &random))]
            let shape = tree(4)
            func expression(_ t: Tree) -> ColumnExpression {
                switch t {
                case .leaf(let name, let number): return name == "n" ? .number(number) : .field(name)
                case .op(let op, let l, let r): return .binary(op, expression(l), expression(r))
                }
            }
            func direct(_ t: Tree) -> Double? {
                switch t {
                case .leaf(let name, let number): return name == "n" ? number : values[name]
                case .op(let op, let l, let r):
                    guard let x = direct(l), let y = direct(r) else { return nil }
                    switch op {
                    case .add: return x + y
                    case .subtract: return x - y
                    case .multiply: return x * y
                    default: return y == 0 ? nil : x / y
                    }
                }
            }
            let row = RowFixture(columns: values.sorted { $0.key < $1.key }.map { ($0.key, ExcelValue.number($0.value)) })
            let result = FormulaCompiler().compile(expression(shape), in: row).evaluate()
            if let expected = direct(shape) {
                #expect(result == .number(expected))
            } else {
                #expect(result == .text("N/A"))
            }
        }
    }

    @Test func definitionLoaderReportsEveryMutationCleanly() throws {
        var random = SeededGenerator(seed: Self.seed &+ 5)
        let templates = try FileManager.default.contentsOfDirectory(atPath: TestFiles.root.appendingPathComponent("Templates").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        let texts = try templates.map { try String(contentsOf: TestFiles.root.appendingPathComponent("Templates/\($0)"), encoding: .utf8) }
        var rejected = 0
        for _ in 0..<Self.iterations {
            var lines = texts.randomElement(using: &random)!.components(separatedBy: "\n")
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let index = Int.random(in: 0..<lines.count, using: &random)
                switch Int.random(in: 0...4, using: &random) {
                case 0: lines.remove(at: index)
                case 1: lines.insert(lines[index], at: index)
                case 2: lines[index] = " " + lines[index]
                case 3:
                    var characters = Array(lines[index])
                    if !characters.isEmpty { characters[Int.random(in: 0..<characters.count, using: &random)] = [":", "{", "'", "x", "-", "["].randomElement(using: &random)! }
                    lines[index] = String(characters)
                default: lines.swapAt(index, Int.random(in: 0..<lines.count, using: &random))
                }
            }
            do {
                _ = try DefinitionLoader.load(yaml: lines.joined(separator: "\n"), file: "m.yaml")
            } catch let error as DefinitionError {
                rejected += 1
                #expect(error.location.file == "m.yaml" && error.location.line >= 1)
            }
        }
        #expect(rejected > 0)
    }
}
