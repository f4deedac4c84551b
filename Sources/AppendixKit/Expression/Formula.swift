import Foundation

/// An Excel formula tree whose references carry the values they point at, so one tree gives
/// both the formula text written to the workbook and the cached result shown by viewers that
/// do not recalculate. Evaluation follows Excel's rules (blanks count as 0 in arithmetic,
/// aggregate functions skip text in references, errors propagate).
public indirect enum Formula: Sendable, Equatable {
    case number(Double)
    case string(String)
    /// A cell on the same sheet and the value it holds.
    case cell(CellReference, ExcelValue)
    /// A block of cells on a sheet and their values.
    case range(RangeReference, [ExcelValue])
    case negate(Formula)
    case binary(BinaryOperator, Formula, Formula)
    /// An Excel function by name: MIN, MAX, SUM, AVERAGE, SUBTOTAL (9 only), COUNT, IF,
    /// IFERROR, ROUND, ABS, ISNUMBER, TEXT, NA.
    case function(String, [Formula])

    /// The formula text, without the leading `=`.
    public var text: String {
        switch self {
        case .number(let value):
            return ExcelNumberText.formulaLiteral(value)
        case .string(let text):
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        case .cell(let reference, _):
            return reference.a1
        case .range(let reference, _):
            return reference.formulaText
        case .negate(let operand):
            if case .binary = operand { return "-(\(operand.text))" }
            return "-" + operand.text
        case .binary(let op, let left, let right):
            return "\(operand(left, of: op, isRight: false))\(op.rawValue)\(operand(right, of: op, isRight: true))"
        case .function(let name, let arguments):
            return name + "(" + arguments.map(\.text).joined(separator: ",") + ")"
        }
    }

    private func operand(_ child: Formula, of op: BinaryOperator, isRight: Bool) -> String {
        guard case .binary(let childOp, _, _) = child else { return child.text }
        let needsParentheses = childOp.precedence < op.precedence
            || (isRight && childOp.precedence == op.precedence && op != .add && op != .multiply && op != .concatenate)
        return needsParentheses ? "(\(child.text))" : child.text
    }

    /// Whether the formula reads any cell, so it must be written as a formula.
    public var hasReferences: Bool {
        switch self {
        case .number, .string: return false
        case .cell, .range: return true
        case .negate(let operand): return operand.hasReferences
        case .binary(_, let left, let right): return left.hasReferences || right.hasReferences
        case .function(_, let arguments): return arguments.contains { $0.hasReferences }
        }
    }

    /// The result Excel computes for this formula.
    public func evaluate() -> ExcelValue {
        switch self {
        case .number(let value): return .number(value)
        case .string(let text): return .text(text)
        case .cell(_, let value): return value
        case .range(_, let values): return values.first ?? .blank
        case .negate(let operand):
            switch operand.evaluate().asNumber {
            case .success(let value): return .number(-value)
            case .failure(let error): return .error(error)
            }
        case .binary(let op, let left, let right):
            return Formula.apply(op, left.evaluate(), right.evaluate())
        case .function(let name, let arguments):
            return Formula.call(name, arguments)
        }
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
            case .add: return .number(a + b)
            case .subtract: return .number(a - b)
            case .multiply: return .number(a * b)
            default: return b == 0 ? .error(.divisionByZero) : .number(a / b)
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

    /// Excel's ordering: numbers < text < logical values; text compares without case.
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
            let x = a.lowercased(), y = b.lowercased()
            return x == y ? 0 : (x < y ? -1 : 1)
        case (.bool(let a), .bool(let b)):
            return a == b ? 0 : (!a ? -1 : 1)
        default:
            let a = (try? left.asNumber.get()) ?? 0, b = (try? right.asNumber.get()) ?? 0
            return a == b ? 0 : (a < b ? -1 : 1)
        }
    }

    private static func call(_ name: String, _ arguments: [Formula]) -> ExcelValue {
        switch name {
        case "IF":
            let condition = arguments[0].evaluate()
            switch condition {
            case .error(let error): return .error(error)
            case .text: return .error(.value)
            case .bool(let flag): return (flag ? arguments[1] : arguments[2]).evaluate()
            case .number(let value): return (value != 0 ? arguments[1] : arguments[2]).evaluate()
            case .blank: return arguments[2].evaluate()
            }
        case "IFERROR":
            let value = arguments[0].evaluate()
            if case .error = value { return arguments[1].evaluate() }
            return value
        case "NA":
            return .error(.notAvailable)
        case "ISNUMBER":
            if case .number = arguments[0].evaluate() { return .bool(true) }
            return .bool(false)
        case "COUNT":
            var count = 0
            for argument in arguments {
                switch argument {
                case .range(_, let values):
                    count += values.filter { if case .number = $0 { return true } else { return false } }.count
                default:
                    if case .number = argument.evaluate() { count += 1 }
                }
            }
            return .number(Double(count))
        case "MIN", "MAX", "SUM", "AVERAGE", "SUBTOTAL":
            // SUBTOTAL(9, range): a SUM whose range values leave out nested subtotal cells
            // (the caller passes those as blanks, as Excel ignores them).
            let summed = name == "SUBTOTAL" ? Array(arguments.dropFirst()) : arguments
            var numbers: [Double] = []
            for argument in summed {
                switch argument {
                case .range(_, let values):
                    for value in values {
                        if case .error(let error) = value { return .error(error) }
                        if case .number(let number) = value { numbers.append(number) }
                    }
                case .cell(_, let value):
                    if case .error(let error) = value { return .error(error) }
                    if case .number(let number) = value { numbers.append(number) }
                default:
                    switch argument.evaluate().asNumber {
                    case .success(let number): numbers.append(number)
                    case .failure(let error): return .error(error)
                    }
                }
            }
            switch name {
            case "MIN": return .number(numbers.min() ?? 0)
            case "MAX": return .number(numbers.max() ?? 0)
            case "SUM", "SUBTOTAL": return .number(numbers.reduce(0, +))
            default: return numbers.isEmpty ? .error(.divisionByZero) : .number(numbers.reduce(0, +) / Double(numbers.count))
            }
        case "ROUND", "ABS", "TEXT":
            let value: Double
            switch arguments[0].evaluate().asNumber {
            case .success(let number): value = number
            case .failure(let error): return .error(error)
            }
            if name == "ABS" { return .number(Swift.abs(value)) }
            if name == "TEXT" {
                guard case .string(let code) = arguments[1], let format = TextFormat(code) else { return .error(.value) }
                return .text(format.format(value))
            }
            var digits = 0.0
            if arguments.count > 1 {
                switch arguments[1].evaluate().asNumber {
                case .success(let number): digits = number.rounded(.towardZero)
                case .failure(let error): return .error(error)
                }
            }
            return .number(ExcelNumberText.round(value, digits: Int(digits)))
        default:
            return .error(.notAvailable)
        }
    }
}
