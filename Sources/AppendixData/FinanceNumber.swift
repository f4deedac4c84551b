import Foundation

/// Parses numbers as finance exports write them.
///
/// Accepts an optional sign or accounting brackets, an optional currency symbol (`£`, `$`, `€`)
/// before or after the sign, thousands separators in groups of three, a decimal part, an optional
/// exponent and a trailing `%` (which divides by 100). Examples: `1234.5`, `£1,234.50`, `£ 20.00`,
/// `(243)` → −243, `-£5`, `12.5%` → 0.125.
package enum FinanceNumber {
    /// A cheap first check: whether `text` starts as a number can (digit, sign, bracket, point,
    /// currency symbol or space). Texts that fail cannot be numbers.
    package static func mayBeNumber(_ text: String) -> Bool {
        mayBeNumber(firstByte: text.utf8.first)
    }

    /// ``mayBeNumber(_:)`` for a text's first UTF-8 byte (nil: the text is empty).
    package static func mayBeNumber(firstByte: UInt8?) -> Bool {
        guard let first = firstByte else { return false }
        return (first >= 0x30 && first <= 0x39) || first == 0x2D || first == 0x2B || first == 0x28 || first == 0x2E
            || first == 0x24 || first == 0xC2 || first == 0xE2 || first == 0x20
    }

    /// The value of `text`, or `nil` if it is not a number in one of the accepted forms. With
    /// `decimal: .comma` the roles of `,` and `.` swap (`1.234,50` is 1234.5). The value can be
    /// infinite (`1e400`): callers that store it check `isFinite`.
    package static func parse(_ text: String, decimal: DecimalSeparator = .point) -> Double? {
        var text = text
        // Native strings are contiguous UTF-8: scan them in place, without a copy.
        return text.withUTF8 { parse(utf8: UnsafeRawBufferPointer($0), decimal: decimal) }
    }

    /// ``parse(_:decimal:)`` straight from UTF-8 bytes (a CSV field's, without making a String).
    package static func parse(utf8: UnsafeRawBufferPointer, decimal: DecimalSeparator = .point) -> Double? {
        let bytes = utf8.bindMemory(to: UInt8.self)
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        var start = 0
        while start < end, bytes[start] == 0x20 { start += 1 }
        guard start < end else { return nil }
        var scanner = ByteScanner(bytes: UnsafeBufferPointer(rebasing: bytes[..<end]), position: start, decimal: decimal)
        return scanner.number()
    }
}

/// A cursor over UTF-8 bytes for ``FinanceNumber``.
private struct ByteScanner {
    package let bytes: UnsafeBufferPointer<UInt8>
    package var position: Int
    /// The thousands separator and the decimal point.
    package let group: UInt8
    package let point: UInt8

    package init(bytes: UnsafeBufferPointer<UInt8>, position: Int, decimal: DecimalSeparator) {
        self.bytes = bytes
        self.position = position
        (group, point) = decimal == .point ? (0x2C, 0x2E) : (0x2E, 0x2C)
    }

    package mutating func number() -> Double? {
        var negative = false
        var bracketed = false
        if peek(0x28) { bracketed = true; position += 1 } // (
        skipSpaces()
        skipCurrency()
        skipSpaces()
        if peek(0x2D) { negative = true; position += 1 } // -
        else if peek(0x2B) { position += 1 } // +
        skipCurrency()
        skipSpaces()
        guard let magnitude = unsignedDecimal() else { return nil }
        var value = magnitude
        skipSpaces()
        if peek(0x25) { value /= 100; position += 1 } // %
        skipSpaces()
        if bracketed {
            guard peek(0x29) else { return nil } // )
            position += 1
            if negative { return nil }
            negative = true
        }
        guard position == bytes.count else { return nil }
        return negative ? -value : value
    }

    static let powersOfTen: [Double] = (0...16).map { pow(10.0, Double($0)) }

    private func peek(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }

    private mutating func skipSpaces() {
        while peek(0x20) { position += 1 }
    }

    private mutating func skipCurrency() {
        if peek(0x24) { position += 1; return } // $
        // £ is C2 A3, € is E2 82 AC in UTF-8.
        if position + 1 < bytes.count, bytes[position] == 0xC2, bytes[position + 1] == 0xA3 { position += 2; return }
        if position + 2 < bytes.count, bytes[position] == 0xE2, bytes[position + 1] == 0x82, bytes[position + 2] == 0xAC { position += 3 }
    }

    /// Digits with optional well-formed thousands separators, fraction and exponent.
    private mutating func unsignedDecimal() -> Double? {
        // Up to 15 significant digits and no exponent (every money amount): the value is
        // mantissa / 10^decimals, one correctly rounded division of two exact numbers, the same
        // as Double(String). Longer literals and exponents fall back to Double(String).
        var mantissa: UInt64 = 0
        var digits = 0
        var groupLength = 0
        var sawSeparator = false
        var integerDigits = 0
        var literal: [UInt8] = [] // only filled for the fallback
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte >= 0x30 && byte <= 0x39 {
                groupLength += 1; integerDigits += 1; digits += 1
                if digits <= 15 { mantissa = mantissa * 10 + UInt64(byte - 0x30) }
            } else if byte == group {
                if integerDigits == 0 || (sawSeparator ? groupLength != 3 : groupLength > 3) { return nil }
                sawSeparator = true; groupLength = 0
            } else {
                break
            }
            position += 1
        }
        if sawSeparator && groupLength != 3 { return nil }
        var fractionDigits = 0
        if peek(point) {
            position += 1
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                digits += 1; fractionDigits += 1
                if digits <= 15 { mantissa = mantissa * 10 + UInt64(bytes[position] - 0x30) }
                position += 1
            }
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        var hasExponent = false
        if position < bytes.count, bytes[position] == 0x65 || bytes[position] == 0x45 { // e E
            var cursor = position + 1
            if cursor < bytes.count, bytes[cursor] == 0x2D || bytes[cursor] == 0x2B { cursor += 1 }
            let digitsStart = cursor
            while cursor < bytes.count, bytes[cursor] >= 0x30, bytes[cursor] <= 0x39 { cursor += 1 }
            if cursor > digitsStart { hasExponent = true; position = cursor }
        }
        if digits <= 15 && !hasExponent {
            return Double(mantissa) / ByteScanner.powersOfTen[fractionDigits]
        }
        for byte in bytes[start..<position] where byte != group { literal.append(byte == 0x45 ? 0x65 : byte == point ? 0x2E : byte) }
        return Double(String(decoding: literal, as: UTF8.self))
    }
}
