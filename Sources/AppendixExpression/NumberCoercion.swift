/// Text read as a number where arithmetic needs one (`"902"+1`, `ABS("+90200.0%")`), as the
/// reference spreadsheet converts it: spaces around, a sign (a space may follow it), `$`,
/// digits with optional `,` thousands groups of three, a decimal part, an exponent, and a
/// trailing `%` (dividing by 100). Anything else (`£12`, `1 234`, `1,23`, `inf`, `0x10`) is
/// not a number, so the arithmetic gives `#VALUE!`. Dates and times are not read.
package enum NumberCoercion {
    /// The number `text` stands for, or `nil`.
    package static func number(_ text: String) -> Double? {
        var bytes = Substring(text).utf8[...]
        trimSpaces(&bytes)
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
            trimSpaces(&bytes)
        }
        if bytes.first == UInt8(ascii: "$") { bytes = bytes.dropFirst() }
        var percent = false
        if bytes.last == UInt8(ascii: "%") {
            percent = true
            bytes = bytes.dropLast()
            trimSpaces(&bytes)
        }
        guard let (body, grouped) = numberBody(bytes) else { return nil }
        let plain = Substring(body)
        let value: Double?
        if grouped {
            value = Double(String(plain.filter { $0 != "," }))
        } else {
            value = Double(plain)
        }
        guard var result = value, result.isFinite else { return nil }
        if percent { result /= 100 }
        return negative ? -result : result
    }

    private static func trimSpaces(_ bytes: inout Substring.UTF8View.SubSequence) {
        while bytes.first == UInt8(ascii: " ") { bytes = bytes.dropFirst() }
        while bytes.last == UInt8(ascii: " ") { bytes = bytes.dropLast() }
    }

    /// `bytes` if it is `digits[.digits][e[±]digits]` (digits possibly grouped by `,` in
    /// threes), and whether it holds commas.
    private static func numberBody(_ bytes: Substring.UTF8View.SubSequence) -> (Substring.UTF8View.SubSequence, Bool)? {
        var index = bytes.startIndex
        var integerDigits = 0, groupDigits = 0, grouped = false
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        while index < bytes.endIndex, isDigit(bytes[index]) || bytes[index] == UInt8(ascii: ",") {
            if bytes[index] == UInt8(ascii: ",") {
                // A comma follows 1-3 digits first, then exactly 3 each time.
                guard grouped ? groupDigits == 3 : (1...3).contains(integerDigits) else { return nil }
                grouped = true
                groupDigits = 0
            } else {
                integerDigits += 1
                groupDigits += 1
            }
            index = bytes.index(after: index)
        }
        guard !grouped || groupDigits == 3 else { return nil }
        var fractionDigits = 0
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index = bytes.index(after: index)
            while index < bytes.endIndex, isDigit(bytes[index]) { fractionDigits += 1; index = bytes.index(after: index) }
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index = bytes.index(after: index)
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index = bytes.index(after: index) }
            var exponentDigits = 0
            while index < bytes.endIndex, isDigit(bytes[index]) { exponentDigits += 1; index = bytes.index(after: index) }
            guard exponentDigits > 0 else { return nil }
        }
        guard index == bytes.endIndex else { return nil }
        return (bytes, grouped)
    }
}
