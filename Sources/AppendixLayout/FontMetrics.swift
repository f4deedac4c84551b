import AppendixDefinition

/// Advance widths of one font face, in font units, as extracted by scripts/font-metrics.py
/// (FontMetricsData.swift): a table for U+0000–U+00FF, a few common characters beyond it
/// (dashes, curly quotes, bullet, ellipsis, euro) and a fallback (the face's widest Latin-1
/// glyph) for any other character, so unknown text is over- rather than under-measured.
package struct FontFace: Sendable {
    let unitsPerEm: Int
    /// The hhea ascent plus descent, in font units.
    let ascentPlusDescent: Int
    let fallback: UInt16
    /// Indexed by code point; 0 for control characters.
    let latin: [UInt16]
    let extras: [UInt32: UInt16]

    /// The advance width of `scalar`.
    @inline(__always)
    func advance(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x100 { return Int(latin[Int(value)]) }
        return Int(extras[value] ?? fallback)
    }
}

/// A font family's faces and its measured line pitch: the metrics of one of the fonts a
/// workbook may use. Calibri is measured with Carlito and Arial with Liberation Sans, Debian's
/// metric-compatible fonts (same advance widths), which is what LibreOffice prints with.
package struct FontMetrics: Sendable {
    /// The font name as Excel knows it.
    package let name: String
    let regular: FontFace
    let bold: FontFace
    let italic: FontFace
    /// Distance between wrapped lines as a fraction of the font size, measured in LibreOffice
    /// 7.4's PDF output (pdftotext -bbox, 20 wrapped lines): Carlito 11 pt 11.111 pt,
    /// Liberation Sans 10 pt 11.197 pt and 11 pt 12.303 pt.
    let linePitch: Double

    /// Calibri, measured with Carlito: the workbook default (libxlsxwriter's 11-point Calibri).
    package static let calibri = FontMetrics(name: "Calibri", regular: .carlitoRegular, bold: .carlitoBold, italic: .carlitoItalic,
                                             linePitch: 11.111 / 11)
    /// Arial, measured with Liberation Sans.
    package static let arial = FontMetrics(name: "Arial", regular: .liberationSansRegular, bold: .liberationSansBold,
                                           italic: .liberationSansItalic, linePitch: 11.197 / 10)
    /// Every font with metrics: one per ``/AppendixDefinition/FontName``, the fonts a house style may name.
    package static let supported = FontName.allCases.map(forWorkbook)

    /// The metrics of the font called `name` (case-insensitive).
    /// - Throws: ``UnsupportedFont`` naming the fonts with metrics.
    package static func named(_ name: String) throws(UnsupportedFont) -> FontMetrics {
        guard let font = FontName(named: name) else { throw UnsupportedFont(name: name) }
        return forWorkbook(font)
    }

    /// The one place that chooses the metrics text is measured with: the font a house style
    /// names for a cell's role, else (`nil`) the workbook default, Calibri, which is also the
    /// font of the Normal style that Excel's column-width unit is based on.
    package static func forWorkbook(_ font: FontName? = nil) -> FontMetrics {
        switch font {
        case .calibri?, nil: calibri
        case .arial?: arial
        }
    }

    /// The face a cell style prints with (bold italic is measured as bold).
    func face(bold: Bool, italic: Bool) -> FontFace {
        bold ? self.bold : italic ? self.italic : regular
    }
}

/// A font named for a workbook that has no metrics to measure text with.
package struct UnsupportedFont: Error, Equatable, CustomStringConvertible {
    package let name: String

    package var description: String {
        FontName.unsupportedMessage(name)
    }
}
