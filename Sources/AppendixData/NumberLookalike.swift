/// Texts that are numbers written in a way ``FinanceNumber`` does not read: thousands
/// separated by spaces or non-breaking spaces (`1 234`, `1 234,50`) or points (`1.234,50`),
/// or a decimal comma (`12,5`). In an `auto` column they are left as text, so they are
/// counted and reported instead of dropping out of totals unseen.
package enum NumberLookalike {
    /// Whether `text` (trimmed) reads as a number with other separators.
    static func matches(_ text: String) -> Bool {
        FinanceNumber.mayBeNumber(text) && hasOnlyNumberBytes(text) && shape(of: text) != nil
    }

    /// A cheap first check without allocating: digits, separators, signs, brackets, `%` and
    /// non-ASCII (currency, non-breaking spaces) only, a `-` only first, and some separator.
    /// Most texts (`2018-10-01`, `3 bed house`) fail within a few bytes.
    private static func hasOnlyNumberBytes(_ text: String) -> Bool {
        var sawSeparator = false
        var isFirst = true
        for byte in text.utf8 {
            defer { isFirst = false }
            switch byte {
            case 0x30...0x39, 0x28, 0x29, 0x25, 0x24, 0x2B: continue
            case 0x20, 0x2E, 0x2C, 0x27, 0x80...: sawSeparator = true
            case 0x2D where isFirst: continue
            default: return false
            }
        }
        return sawSeparator
    }

    /// Whether `text` reads as a number whose decimals follow a comma (`1.234,50`, `12,5`).
    static func hasDecimalComma(_ text: String) -> Bool {
        shape(of: text)?.decimalComma == true
    }

    private struct Shape {
        var decimalComma: Bool
    }

    /// Groups of digits between separators: the first of 1–3 digits (or any length when there
    /// is a single separator), the middle ones of exactly 3; a final group after a comma may
    /// be decimals of any length. Allows a leading sign, bracket or currency and a trailing
    /// `%` or bracket.
    private static func shape(of text: String) -> Shape? {
        var scalars = Substring(text).unicodeScalars.drop { "(-+£$€ \u{A0}".unicodeScalars.contains($0) }
        while let last = scalars.last, "%) \u{A0}".unicodeScalars.contains(last) { scalars = scalars.dropLast() }
        var groups: [Int] = [0]
        var separators: [Unicode.Scalar] = []
        for scalar in scalars {
            if ("0"..."9").contains(scalar) {
                groups[groups.count - 1] += 1
            } else if [" ", "\u{00A0}", "\u{202F}", "\u{2009}", ".", ",", "'"].contains(scalar) {
                separators.append(scalar); groups.append(0)
            } else {
                return nil
            }
        }
        guard !separators.isEmpty, groups.allSatisfy({ $0 > 0 }) else { return nil }
        let decimalComma = separators.last == "," && (groups.last != 3 || separators.dropLast().contains("."))
        let thousands = decimalComma ? Array(groups.dropLast()) : groups
        let separatorsOfThousands = decimalComma ? Array(separators.dropLast()) : separators
        guard Set(separatorsOfThousands).count <= 1, !separatorsOfThousands.contains(",") || decimalComma == false else { return nil }
        guard thousands.dropFirst().allSatisfy({ $0 == 3 }), thousands[0] <= 3 || thousands.count == 1 else { return nil }
        return Shape(decimalComma: decimalComma)
    }
}
