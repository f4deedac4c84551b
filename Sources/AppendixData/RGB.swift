import Foundation

/// An sRGB colour, with WCAG 2 luminance and contrast: shared by the definition's house-style
/// contrast check and the workbook check (AppendixCheck), which both depend on this stage.
package struct RGB: Hashable, Sendable {
    package var red: UInt8, green: UInt8, blue: UInt8

    package init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// The colour `0xRRGGBB`.
    package init(value: UInt32) {
        self.init(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
    }

    /// `RRGGBB` or `AARRGGBB` (the alpha is ignored, as Excel ignores it).
    package init?(hex: String) {
        let digits = hex.count == 8 ? String(hex.dropFirst(2)) : hex
        guard digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16) else { return nil }
        self.init(value: value)
    }

    package static let black = RGB(red: 0, green: 0, blue: 0)
    package static let white = RGB(red: 255, green: 255, blue: 255)

    package var hex: String { String(format: "%02X%02X%02X", red, green, blue) }

    /// The colour as `0xRRGGBB`.
    package var value: UInt32 { UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue) }

    /// WCAG 2 relative luminance.
    package var luminance: Double {
        func channel(_ value: UInt8) -> Double {
            let c = Double(value) / 255
            return c <= 0.039_28 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    /// WCAG 2 contrast ratio with `other`, 1…21.
    package func contrast(with other: RGB) -> Double {
        let lighter = max(luminance, other.luminance), darker = min(luminance, other.luminance)
        return (lighter + 0.05) / (darker + 0.05)
    }

    /// The guidance's minimum contrast for text (WCAG 2 AA): 4.5:1.
    package static let minimumTextContrast = 4.5
}
