extension Formula {
    /// Whether evaluation can give a spreadsheet error once inputs are guarded, so the compiler
    /// wraps the formula in `IFERROR(…,"N/A")` and caches the missing text: division, `NA()`,
    /// `AVERAGE`, `TEXT`, and arithmetic on a value that may be text (a text literal, `&`,
    /// `TEXT`, or an unguarded cell chosen by `IF`/`IFERROR`, as in `-IFERROR(E5,"n/c")` or
    /// `ABS(IF(C5,E5,G5))`), which gives `#VALUE!` unless the text reads as a number.
    var canError: Bool {
        switch self {
        case .number, .string, .cell, .range: return false
        case .negate(let operand): return operand.mayBeText || operand.canError
        case .binary(let op, let left, let right):
            switch op {
            case .add, .subtract, .multiply, .divide:
                return op == .divide || left.mayBeText || right.mayBeText || left.canError || right.canError
            default:
                return left.canError || right.canError
            }
        case .function(let function, let arguments):
            if [.na, .average, .text, .year, .month, .day].contains(function) { return true }
            if arguments.contains(where: \.canError) { return true }
            switch function {
            case .round, .abs: return arguments.contains(where: \.mayBeText)
            case .min, .max, .sum, .subtotal: return arguments.contains(where: \.mayBeDirectText)
            default: return false
            }
        }
    }

    /// Whether the value may be text (or a cell an enclosing guard does not check) where a
    /// number is needed.
    var mayBeText: Bool {
        switch self {
        case .number, .cell, .range: return false
        case .string: return true
        case .binary(let op, _, _): return op == .concatenate
        case .function(.text, _): return true
        case .function(.if, let arguments) where arguments.count == 3:
            return arguments[1].mayBeTextBranch || arguments[2].mayBeTextBranch
        case .function(.iferror, let arguments):
            return arguments.contains(where: \.mayBeTextBranch)
        default: return false
        }
    }

    /// A branch of `IF`/`IFERROR`: its cells are not checked by the guard around the call.
    private var mayBeTextBranch: Bool {
        isReference || mayBeText
    }

    /// Whether an aggregate's argument may be text given directly (not from a cell, which
    /// aggregates skip): `MIN(5,"n/c")` is `#VALUE!`, `MIN(5,IFERROR(E4,"n/c"))` with text in E4 is 5.
    var mayBeDirectText: Bool {
        switch self {
        case .cell, .range: return false
        case .function(.if, let arguments) where arguments.count == 3:
            return arguments[1].mayBeDirectText || arguments[2].mayBeDirectText
        case .function(.iferror, let arguments):
            return arguments.contains(where: \.mayBeDirectText)
        default: return mayBeText
        }
    }

    /// The formula with every cell it may give as its result (itself, or a branch of
    /// `IF`/`IFERROR`) read as `IF(ISBLANK(E5),missing,E5)`: spreadsheets show a formula that
    /// gives a blank cell as 0, which would read a missing value as zero.
    func blankReadAsMissing(missing: Formula) -> Formula {
        switch self {
        case .cell:
            return .function(.if, [.function(.isblank, [self]), missing, self])
        case .function(.if, let arguments) where arguments.count == 3:
            return .function(.if, [arguments[0], arguments[1].blankReadAsMissing(missing: missing),
                                    arguments[2].blankReadAsMissing(missing: missing)])
        case .function(.iferror, let arguments) where arguments.count == 2:
            return .function(.iferror, arguments.map { $0.blankReadAsMissing(missing: missing) })
        default:
            return self
        }
    }
}
