/// Texts that are numbers written in a way ``FinanceNumber`` does not read: thousands
/// separated by spaces or non-breaking spaces (`1 234`, `1 234,50`) or points (`1.234,50`),
/// or a decimal comma (`12,5`). In an `auto` column they are left as text, so they are
/// counted and reported instead of dropping out of totals unseen.
enum NumberLookalike {
    /// Whether `text` (trimmed) reads as a number with other separators.
    static func matches(_ text: String) -> Bool {
        FinanceNumber.mayBeNumber(text) && shape(of: text) != nil
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
        var scalars = Substring(text).unicodeScalars.drop { "(-+£$€ ".unicodeScalars.contains($0) }
        while let last = scalars.last, "%) ".unicodeScalars.contains(last) { scalars = scalars.dropLast() }
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
