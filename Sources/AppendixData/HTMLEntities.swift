/// HTML character references: named (`&amp;`, `&nbsp;`, `&rsquo;` and the rest of
/// ``named``) and numeric (`&#39;`, `&#x2019;`). An unknown name, a number that is no
/// character (0, a surrogate, past U+10FFFF) or a control character other than tab and line
/// breaks, or a reference without its `;`, stays as written.
enum HTMLEntities {
    /// A decoded reference: the character and the index after the `;`.
    struct Decoded {
        var scalar: Unicode.Scalar
        var end: Int
    }

    /// The names decoded: HTML 4's common references (markup, quotes and dashes, spaces,
    /// currency, symbols and accented Latin-1 letters).
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
        "pound": "£", "euro": "€", "cent": "¢", "yen": "¥", "ndash": "–", "mdash": "—",
        "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“", "rdquo": "”", "bdquo": "„",
        "hellip": "…", "bull": "•", "middot": "·", "copy": "©", "reg": "®", "trade": "™",
        "deg": "°", "plusmn": "±", "times": "×", "divide": "÷", "frac12": "½", "frac14": "¼", "frac34": "¾",
        "sect": "§", "para": "¶", "laquo": "«", "raquo": "»", "shy": "\u{AD}", "ensp": "\u{2002}",
        "emsp": "\u{2003}", "thinsp": "\u{2009}", "minus": "−", "larr": "←", "rarr": "→",
        "aacute": "á", "agrave": "à", "acirc": "â", "auml": "ä", "ccedil": "ç", "eacute": "é",
        "egrave": "è", "ecirc": "ê", "euml": "ë", "iacute": "í", "iuml": "ï", "ntilde": "ñ",
        "oacute": "ó", "ocirc": "ô", "ouml": "ö", "uacute": "ú", "uuml": "ü", "szlig": "ß",
        "Aacute": "Á", "Eacute": "É", "Ouml": "Ö", "Uuml": "Ü",
    ]

    /// The reference starting at `start` (an `&`), or `nil` when none does.
    static func read(_ scalars: [Unicode.Scalar], at start: Int) -> Decoded? {
        var index = start + 1
        var body = ""
        while index < scalars.count, body.unicodeScalars.count <= 10, scalars[index] != ";" {
            let scalar = scalars[index]
            guard scalar.isASCIIAlphanumeric || scalar == "#" else { return nil }
            body.unicodeScalars.append(scalar)
            index += 1
        }
        guard index < scalars.count, scalars[index] == ";", !body.isEmpty else { return nil }
        guard let scalar = body.hasPrefix("#") ? numeric(body.dropFirst()) : named[body] else { return nil }
        return Decoded(scalar: scalar, end: index + 1)
    }

    /// `39` or `x2019` as a character, if it is one a cell can hold.
    private static func numeric(_ digits: Substring) -> Unicode.Scalar? {
        let hex = digits.first == "x" || digits.first == "X"
        guard let value = UInt32(hex ? digits.dropFirst() : digits, radix: hex ? 16 : 10),
              let scalar = Unicode.Scalar(value) else { return nil }
        if value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" { return nil }
        if value == 0x7F || (0x80..<0xA0).contains(value) { return nil }
        return scalar
    }
}
