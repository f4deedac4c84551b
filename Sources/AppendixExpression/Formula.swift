import AppendixData
import Foundation

/// An Excel formula tree whose references carry the values they point at, so one tree gives
/// both the formula text written to the workbook and the cached result shown by viewers that
/// do not recalculate. Evaluation follows Excel's rules (blanks count as 0 in arithmetic,
/// aggregate functions skip text in references, errors propagate).
package indirect enum Formula: Sendable, Equatable {
    case number(Double)
    case string(String)
    /// A cell on the same sheet and the value it holds.
    case cell(CellReference, ExcelValue)
    /// A block of cells on a sheet and their values.
    case range(RangeReference, [ExcelValue])
    case negate(Formula)
    case binary(BinaryOperator, Formula, Formula)
    /// A call of an Excel function.
    case function(ExcelFunction, [Formula])

    /// The formula text, without the leading `=`.
    package var text: String {
        written { String($0 + 1) }
    }

    /// The formula as a template over the row of this sheet's cells, for streamed sheets where
    /// every row has the same formula shape.
    package var template: FormulaTemplate {
        FormulaTemplate(pieces: written { _ in FormulaTemplate.marker }.components(separatedBy: FormulaTemplate.marker))
    }

    /// The text, with same-sheet row numbers produced by `row` (0-based row → text).
    private func written(_ row: (Int) -> String) -> String {
        switch self {
        case .number(let value):
            return ExcelNumberText.formulaLiteral(value)
        case .string(let text):
            return "\"" + text.doublingEvery("\"") + "\""
        case .cell(let reference, _):
            return CellReference.columnLetters(reference.column) + row(reference.row)
        case .range(let reference, _):
            guard reference.sheet == nil else { return reference.formulaText }
            let first = CellReference.columnLetters(reference.firstColumn) + row(reference.firstRow)
            let last = CellReference.columnLetters(reference.lastColumn) + row(reference.lastRow)
            return reference.firstRow == reference.lastRow && reference.firstColumn == reference.lastColumn ? first : "\(first):\(last)"
        case .negate(let operand):
            if case .binary = operand { return "-(\(operand.written(row)))" }
            return "-" + operand.written(row)
        case .binary(let op, let left, let right):
            return "\(operand(left, of: op, isRight: false, row))\(op.rawValue)\(operand(right, of: op, isRight: true, row))"
        case .function(let function, let arguments):
            return function.name + "(" + arguments.map { $0.written(row) }.joined(separator: ",") + ")"
        }
    }

    private func operand(_ child: Formula, of op: BinaryOperator, isRight: Bool, _ row: (Int) -> String) -> String {
        guard case .binary(let childOp, _, _) = child else { return child.written(row) }
        let needsParentheses = childOp.precedence < op.precedence
            || (isRight && childOp.precedence == op.precedence && op != .add && op != .multiply && op != .concatenate)
        return needsParentheses ? "(\(child.written(row)))" : child.written(row)
    }

    /// Whether the formula reads any cell, so it must be written as a formula.
    package var hasReferences: Bool {
        switch self {
        case .number, .string: return false
        case .cell, .range: return true
        case .negate(let operand): return operand.hasReferences
        case .binary(_, let left, let right): return left.hasReferences || right.hasReferences
        case .function(_, let arguments): return arguments.contains { $0.hasReferences }
        }
    }

    /// The result Excel computes for this formula.
    package func evaluate() -> ExcelValue {
        evaluate(in: nil)
    }

    /// The result with this sheet's cells read from `row` (by column) instead of the values the
    /// tree carries: one compiled formula serves every row of a streamed sheet.
    package func evaluate(in row: [ExcelValue]?) -> ExcelValue {
        switch self {
        case .number(let value): return .number(value)
        case .string(let text): return .text(text)
        case .cell(let reference, let value): return row.map { $0[reference.column] } ?? value
        case .range(let reference, let values): return Formula.values(reference, values, row).first ?? .blank
        case .negate(let operand):
            switch operand.evaluate(in: row).asNumber {
            case .success(let value): return .number(-value)
            case .failure(let error): return .error(error)
            }
        case .binary(let op, let left, let right):
            return Formula.apply(op, left.evaluate(in: row), right.evaluate(in: row))
        case .function(let function, let arguments):
            return Formula.call(function, arguments, row)
        }
    }

    /// A range's values: from `row` for a same-sheet range within one row, else as carried.
    package static func values(_ reference: RangeReference, _ values: [ExcelValue], _ row: [ExcelValue]?) -> [ExcelValue] {
        guard let row, reference.sheet == nil, reference.firstRow == reference.lastRow else { return values }
        return Array(row[reference.firstColumn...reference.lastColumn])
    }

    private static func apply(_ op: BinaryOperator, _ left: ExcelValue, _ right: ExcelValue) -> ExcelValue {
        if case .error(let error) = left { return .error(error) }
        if case .error(let error) = right { return .error(error) }
        switch op {
        case .concatenate:
            guard case .success(let a) = left.asText, case .success(let b) = right.asText else { return .error(.value) }
            return .text(a + b)
        case .add, .subtract, .multiply, .divide:
            let a: Double, b: Double
            switch (left.asNumber, right.asNumber) {
            case (.success(let x), .success(let y)): a = x; b = y
            case (.failure(let error), _), (_, .failure(let error)): return .error(error)
            }
            switch op {
            case .add: return .finite(SpreadsheetMath.add(a, b))
            case .subtract: return .finite(SpreadsheetMath.subtract(a, b))
            case .multiply: return .finite(a * b)
            default: return b == 0 ? .error(.divisionByZero) : .finite(a / b)
            }
        default:
            let order = compare(left, right)
            switch op {
            case .equal: return .bool(order == 0)
            case .notEqual: return .bool(order != 0)
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        }
    }

    /// Excel's ordering: numbers < text < logical values; text compares without case in
    /// collation order (``TextCollation``); numbers
    /// that agree to about 15 significant digits are equal (``SpreadsheetMath``).
    private static func compare(_ left: ExcelValue, _ right: ExcelValue) -> Int {
        func rank(_ value: ExcelValue) -> Int {
            switch value {
            case .number, .blank: return 0
            case .text: return 1
            case .bool: return 2
            case .error: return 3
            }
        }
        var left = left, right = right
        if case .blank = left { if case .text = right { left = .text("") } else if case .bool = right { left = .bool(false) } }
        if case .blank = right { if case .text = left { right = .text("") } else if case .bool = left { right = .bool(false) } }
        if rank(left) != rank(right) { return rank(left) < rank(right) ? -1 : 1 }
        switch (left, right) {
        case (.text(let a), .text(let b)):
            return TextCollation.compare(a, b)
        case (.bool(let a), .bool(let b)):
            return a == b ? 0 : (!a ? -1 : 1)
        default:
            let a = (try? left.asNumber.get()) ?? 0, b = (try? right.asNumber.get()) ?? 0
            return SpreadsheetMath.approximatelyEqual(a, b) ? 0 : (a < b ? -1 : 1)
        }
    }

    private static func call(_ function: ExcelFunction, _ arguments: [Formula], _ row: [ExcelValue]?) -> ExcelValue {
        switch function {
        case .if:
            return choose(arguments, row)
        case .iferror:
            let value = arguments[0].evaluate(in: row)
            if case .error = value { return arguments[1].evaluate(in: row) }
            return value
        case .na:
            return .error(.notAvailable)
        case .isnumber:
            if case .number = arguments[0].evaluate(in: row) { return .bool(true) }
            return .bool(false)
        case .isblank:
            if case .blank = arguments[0].evaluate(in: row) { return .bool(true) }
            return .bool(false)
        case .count:
            return count(arguments, row)
        case .min, .max, .sum, .average, .subtotal:
            return aggregate(function, arguments, row)
        case .abs:
            switch arguments[0].evaluate(in: row).asNumber {
            case .success(let value): return .number(Swift.abs(value))
            case .failure(let error): return .error(error)
            }
        case .round:
            return round(arguments, row)
        case .text:
            return text(arguments, row)
        case .year, .month, .day:
            return datePart(function, arguments[0].evaluate(in: row))
        }
    }

    /// `YEAR`, `MONTH` or `DAY` of a serial number (its whole part; LibreOffice's day count from
    /// 30 December 1899); `#NUM!` below 0 or past 31 December 9999, as Excel.
    private static func datePart(_ function: ExcelFunction, _ value: ExcelValue) -> ExcelValue {
        switch value.asNumber {
        case .failure(let error): return .error(error)
        case .success(let serial):
            guard DateFormatCode.serials.contains(serial) else { return .error(.number) }
            let date = CalendarDate(serial: Int(serial.rounded(.down)))
            return .number(Double(function == .year ? date.year : function == .month ? date.month : date.day))
        }
    }

    /// `IF(condition, then, else)`: text as the condition is `#VALUE!`, a blank is false.
    private static func choose(_ arguments: [Formula], _ row: [ExcelValue]?) -> ExcelValue {
        switch arguments[0].evaluate(in: row) {
        case .error(let error): return .error(error)
        case .text: return .error(.value)
        case .bool(let flag): return (flag ? arguments[1] : arguments[2]).evaluate(in: row)
        case .number(let value): return (value != 0 ? arguments[1] : arguments[2]).evaluate(in: row)
        case .blank: return arguments[2].evaluate(in: row)
        }
    }

    /// `COUNT(…)`: the numbers among the arguments and the cells of ranges.
    private static func count(_ arguments: [Formula], _ row: [ExcelValue]?) -> ExcelValue {
        var count = 0
        for argument in arguments {
            switch argument {
            case .range(let reference, let values):
                count += Formula.values(reference, values, row).filter { if case .number = $0 { return true } else { return false } }.count
            default:
                if case .number = argument.evaluate(in: row) { count += 1 }
            }
        }
        return .number(Double(count))
    }

    /// `ROUND(number, digits)`: digits truncated to a whole number (0 when not given).
    private static func round(_ arguments: [Formula], _ row: [ExcelValue]?) -> ExcelValue {
        let value: Double
        switch arguments[0].evaluate(in: row).asNumber {
        case .success(let number): value = number
        case .failure(let error): return .error(error)
        }
        var digits = 0.0
        if arguments.count > 1 {
            switch arguments[1].evaluate(in: row).asNumber {
            case .success(let number): digits = number.rounded(.towardZero)
            case .failure(let error): return .error(error)
            }
        }
        return .finite(ExcelNumberText.round(value, digits: Int(Swift.max(-400, Swift.min(400, digits)))))
    }

    /// `TEXT(value, "format")`. Text that reads as a number formats the number (`"1,234"` under
    /// `"0"` is `1234`), as Excel and LibreOffice do; other text comes back unchanged.
    private static func text(_ arguments: [Formula], _ row: [ExcelValue]?) -> ExcelValue {
        let first = arguments[0].evaluate(in: row)
        if case .text(let text) = first, NumberCoercion.number(text) == nil { return first }
        let value: Double
        switch first.asNumber {
        case .success(let number): value = number
        case .failure(let error): return .error(error)
        }
        guard case .string(let code) = arguments[1], let format = TextFormat(code) else { return .error(.value) }
        if format.date != nil, !DateFormatCode.serials.contains(value) { return .error(.value) }
        return .text(format.format(value))
    }
}

/// A formula's text split around its row numbers: `text(row:)` fills them in without
/// rebuilding the formula, so a streamed sheet pays for its formulas once per column.
package struct FormulaTemplate: Sendable, Equatable {
    static let marker = "\u{1}"
    /// The text between row numbers.
    package let pieces: [String]
    /// The pieces' UTF-8 bytes, copied into each formula's text.
    private let bytes: [[UInt8]]
    private let byteCount: Int

    package init(pieces: [String]) {
        self.pieces = pieces
        bytes = pieces.map { Array($0.utf8) }
        byteCount = bytes.reduce(0) { $0 + $1.count }
    }

    /// The formula text for the 0-based sheet `row`, made in one allocation: a formula per
    /// computed column and row, so appending piece by piece (about 3,500 instructions a
    /// formula, measured with callgrind) was a tenth of laying out a row.
    package func text(row: Int) -> String {
        guard pieces.count > 1 else { return pieces.first ?? "" }
        let number = row + 1
        var digits = 1
        while number >= Self.powersOfTen[digits] { digits += 1 }
        return String(unsafeUninitializedCapacity: byteCount + (bytes.count - 1) * digits) { buffer in
            var offset = 0
            for (index, piece) in bytes.enumerated() {
                if index > 0 {
                    var rest = number
                    for position in (offset..<offset + digits).reversed() {
                        buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                        rest /= 10
                    }
                    offset += digits
                }
                offset += piece.withUnsafeBufferPointer { UnsafeMutableBufferPointer(rebasing: buffer[offset...]).initialize(fromContentsOf: $0) }
            }
            return offset
        }
    }

    /// 10⁰ … 10⁸: a sheet row (at most 1,048,576) has at most 7 digits.
    private static let powersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    package static func == (a: FormulaTemplate, b: FormulaTemplate) -> Bool { a.pieces == b.pieces }
}

/// Arithmetic on doubles as the reference spreadsheet (LibreOffice) does it, so cached results
/// match what it recalculates; Excel's 15-significant-digit rule gives the same answers except
/// within a unit or so of the 15th digit. Cheap enough for every row: no allocation, a few
/// floating-point operations, and only where numbers are compared, added or subtracted.
package enum SpreadsheetMath {
    /// Relative difference below which two numbers are equal: 2⁻⁴⁸, about 3.6e-15.
    package static let equalityTolerance = 1.0 / 281_474_976_710_656.0

    /// Whether `a` and `b` are equal to about 15 significant digits (LibreOffice's
    /// `rtl::math::approxEqual`): 0.1 + 0.2 equals 0.3, 0 equals only 0.
    @inlinable
    package static func approximatelyEqual(_ a: Double, _ b: Double) -> Bool {
        if a == b { return true }
        if a == 0 || b == 0 { return false }
        let difference = Swift.abs(a - b)
        return difference < Swift.abs(a) * equalityTolerance && difference < Swift.abs(b) * equalityTolerance
    }

    /// `a + b`, exactly 0 when they cancel to 15 digits (so 0.1 + 0.2 + -0.3 is 0, not 5.6e-17).
    @inlinable
    package static func add(_ a: Double, _ b: Double) -> Double {
        if (a < 0) != (b < 0), a != 0, b != 0, approximatelyEqual(a, -b) { return 0 }
        return a + b
    }

    /// `a - b`, exactly 0 when they are equal to 15 digits.
    @inlinable
    package static func subtract(_ a: Double, _ b: Double) -> Double {
        if (a < 0) == (b < 0), a != 0, b != 0, approximatelyEqual(a, b) { return 0 }
        return a - b
    }
}

extension ExcelValue {
    /// A computed number, or `#NUM!` when it is too large for a cell (infinite or not a number),
    /// as Excel gives.
    @inlinable
    package static func finite(_ value: Double) -> ExcelValue {
        value.isFinite ? .number(value) : .error(.number)
    }
}
