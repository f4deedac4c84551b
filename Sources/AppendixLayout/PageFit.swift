import AppendixData
import AppendixDefinition

/// How a sheet's columns fit the printed page, decided from its width (page fit by design, not
/// Excel's fit-to-pages, which would override manual page breaks): at 100 % when the table fits
/// the printable width; else the defined orientation at the print scale that fits, down to 70 %;
/// else landscape (from portrait), scaled again when needed; else landscape at 70 %, too wide by
/// ``excessPoints``.
package struct PageFit: Sendable, Equatable {
    package var orientation: PrintSetup.Orientation
    /// Print scale in percent (10 to 400 in Excel; here 70 to 100).
    package var scale: Int
    /// How much wider than the printable width the table prints at ``scale``, in points; 0 when it fits.
    package var excessPoints: Double

    /// The smallest scale applied before turning the page (or giving up).
    static let minimumScale = 70
    /// The margins libxlsxwriter writes (0.7 inch left and right), in points.
    static let sideMargins = 2 * 0.7 * 72

    /// The fit of a table `tableWidth` points wide printed as `print` says.
    package init(tableWidth: Double, print: PrintSetup) {
        var orientations = [print.orientation]
        if print.orientation == .portrait { orientations.append(.landscape) }
        for orientation in orientations {
            let room = Self.printableWidth(print.paper, orientation)
            let scale = tableWidth <= room ? 100 : Int((room / tableWidth * 100).rounded(.down))
            if scale >= Self.minimumScale {
                self.init(orientation: orientation, scale: scale, excessPoints: 0)
                return
            }
        }
        let last = orientations[orientations.count - 1]
        let excess = tableWidth * Double(Self.minimumScale) / 100 - Self.printableWidth(print.paper, last)
        self.init(orientation: last, scale: Self.minimumScale, excessPoints: excess)
    }

    /// The fit of a table `tableWidth` points wide scaled to one page wide (`fit_width: 1`): the
    /// defined orientation at the scale that fits (10 % to 100 %, Excel's range at the low end).
    package init(fittingWidth tableWidth: Double, print: PrintSetup) {
        let room = Self.printableWidth(print.paper, print.orientation)
        let scale = tableWidth <= room ? 100 : max(10, Int((room / tableWidth * 100).rounded(.down)))
        self.init(orientation: print.orientation, scale: scale, excessPoints: 0)
    }

    package init(orientation: PrintSetup.Orientation, scale: Int, excessPoints: Double) {
        self.orientation = orientation
        self.scale = scale
        self.excessPoints = excessPoints
    }

    /// The width between the side margins of `paper` turned to `orientation`, in points.
    package static func printableWidth(_ paper: PrintSetup.Paper, _ orientation: PrintSetup.Orientation) -> Double {
        let size = paperSize(paper)
        return (orientation == .portrait ? size.width : size.height) - sideMargins
    }

    /// Paper sizes in points, portrait.
    static func paperSize(_ paper: PrintSetup.Paper) -> PaperSize {
        switch paper {
        case .a4: PaperSize(width: 595.28, height: 841.89)
        case .a3: PaperSize(width: 841.89, height: 1190.55)
        case .letter: PaperSize(width: 612, height: 792)
        }
    }
}

/// A sheet of paper's width and height in points.
struct PaperSize {
    let width: Double
    let height: Double
}
