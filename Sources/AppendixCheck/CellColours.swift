import AppendixData
import Foundation

extension RGB {
    /// Excel's tint: lightens (tint > 0) or darkens (tint < 0) the colour's HSL lightness.
    package func tinted(_ tint: Double) -> RGB {
        guard tint != 0 else { return self }
        var hsl = HSL(self)
        hsl.lightness = tint < 0 ? hsl.lightness * (1 + tint) : hsl.lightness * (1 - tint) + tint
        return hsl.rgb
    }
}

/// Hue, saturation, lightness, each 0…1.
private struct HSL {
    var hue: Double, saturation: Double, lightness: Double

    init(_ rgb: RGB) {
        let r = Double(rgb.red) / 255, g = Double(rgb.green) / 255, b = Double(rgb.blue) / 255
        let high = max(r, g, b), low = min(r, g, b), delta = high - low
        lightness = (high + low) / 2
        guard delta > 0 else {
            hue = 0
            saturation = 0
            return
        }
        saturation = lightness <= 0.5 ? delta / (high + low) : delta / (2 - high - low)
        switch high {
        case r: hue = ((g - b) / delta).truncatingRemainder(dividingBy: 6) / 6
        case g: hue = ((b - r) / delta + 2) / 6
        default: hue = ((r - g) / delta + 4) / 6
        }
        if hue < 0 { hue += 1 }
    }

    var rgb: RGB {
        let l = min(max(lightness, 0), 1)
        guard saturation > 0 else { return RGB(red: Self.byte(l), green: Self.byte(l), blue: Self.byte(l)) }
        let q = l < 0.5 ? l * (1 + saturation) : l + saturation - l * saturation, p = 2 * l - q
        return RGB(red: Self.byte(Self.channel(p, q, hue + 1.0 / 3)), green: Self.byte(Self.channel(p, q, hue)),
                   blue: Self.byte(Self.channel(p, q, hue - 1.0 / 3)))
    }

    private static func channel(_ p: Double, _ q: Double, _ t: Double) -> Double {
        let t = t < 0 ? t + 1 : (t > 1 ? t - 1 : t)
        if t < 1.0 / 6 { return p + (q - p) * 6 * t }
        if t < 0.5 { return q }
        if t < 2.0 / 3 { return p + (q - p) * (2.0 / 3 - t) * 6 }
        return p
    }

    private static func byte(_ value: Double) -> UInt8 { UInt8(max(0, min(255, (value * 255).rounded()))) }
}

/// The text and fill colour of each cell style (`cellXfs`), resolved to sRGB.
package struct CellStyles: Sendable {
    /// One per `xf` of `cellXfs`.
    package var styles: [CellColours]

    /// The style at `index`; a missing style is black on white.
    package func colours(_ index: Int) -> CellColours {
        styles.indices.contains(index) ? styles[index] : CellColours(text: .black, fill: nil)
    }
}

/// A style's text colour and fill (nil: no fill, so the window background, white).
package struct CellColours: Hashable, Sendable {
    package var text: RGB
    package var fill: RGB?

    /// The colour behind the text.
    package var background: RGB { fill ?? .white }
}
