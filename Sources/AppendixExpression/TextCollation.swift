/// Text ordering for `<`, `>`, `<=`, `>=` and `=` as the spreadsheets compare text: with the
/// locale's collator, ignoring case. The reference engine (LibreOffice, en-GB) uses ICU's root
/// collation, whose primary order is: spaces < punctuation < symbols (arrows among them) <
/// currency signs < digits < letters, so `"↓ W" < "N/A"` and `"-1" < "1"` although the code
/// points say otherwise. Every character Appendix's templates produce (ASCII, arrows, `£`, `€`)
/// has its ICU rank here; any other character sorts after them by code point, and letters with
/// accents compare as distinct letters (ICU would treat them as secondary differences).
/// Allocation-free: it walks both strings' scalars once.
package enum TextCollation {
    /// -1, 0 or 1 as `a` sorts before, with or after `b`.
    package static func compare(_ a: String, _ b: String) -> Int {
        var left = a.unicodeScalars.makeIterator(), right = b.unicodeScalars.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?):
                let wx = weight(x), wy = weight(y)
                if wx != wy { return wx < wy ? -1 : 1 }
            }
        }
    }

    /// ICU root's ASCII punctuation and symbols in primary order (before digits).
    private static let symbolOrder: [Unicode.Scalar] = [
        "\t", "\n", "\r", " ", "\u{A0}",
        "_", "-", ",", ";", ":", "!", "?", ".", "'", "\"", "(", ")", "[", "]", "{", "}", "@", "*", "/",
        "\\", "&", "#", "%", "`", "^", "+", "<", "=", ">", "|", "~",
        "\u{2190}", "\u{2191}", "\u{2192}", "\u{2193}",  // ← ↑ → ↓
        "$", "£", "€",
    ]

    /// The scalar's primary weight: symbols by their rank, then digits, then letters without
    /// case, then everything else by code point.
    private static func weight(_ scalar: Unicode.Scalar) -> UInt32 {
        let value = scalar.value
        switch value {
        case 0x30...0x39: return 0x100 + value  // digits
        case 0x41...0x5A: return 0x200 + value + 0x20  // A-Z as a-z
        case 0x61...0x7A: return 0x200 + value
        default:
            if let rank = symbolOrder.firstIndex(of: scalar) { return UInt32(rank) }
            return 0x1000 + value
        }
    }
}
