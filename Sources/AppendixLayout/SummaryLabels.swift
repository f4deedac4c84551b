/// A summary's row labels, each kept once, in order of first appearance over its period sheets
/// (laid out in date order): the one place a label's text is held. Texts are stored as UTF-8
/// in fixed 256 KiB blocks (never copied as they grow) with an open-addressing index of ids:
/// about 24 bytes a label beyond its text, against about a hundred for an array and a
/// dictionary of strings. Labels are equal as Swift strings are (canonically equivalent text is
/// one label). The period sheets' facts refer to labels by id.
package final class SummaryLabels {
    /// Bytes per block; a longer label gets a block of its own.
    static let blockSize = 256 << 10
    /// The labels' UTF-8 bytes, one after another, in blocks.
    private var blocks: [[UInt8]] = []
    /// Each label's place: its block, and its first and last byte + 1 in that block.
    private var places: [Place] = []
    /// A power of two of slots, at most half full: a label's id + 1, or 0 when free.
    private var slots = [Int32](repeating: 0, count: 64)
    /// The most characters in one label (the label column's width).
    package private(set) var longest = 0

    private struct Place {
        var block: Int32
        var start: Int32
        var end: Int32
    }

    package init() {}

    package var count: Int { places.count }

    /// The text of label `id`.
    package func text(_ id: Int) -> String {
        let place = places[id]
        return blocks[Int(place.block)].withUnsafeBufferPointer { String(decoding: $0[Int(place.start)..<Int(place.end)], as: UTF8.self) }
    }

    /// The id of `label`, added when new.
    func id(of label: String) -> Int32 {
        var slot = label.hashValue & (slots.count - 1)
        while slots[slot] != 0 {
            let id = Int(slots[slot]) - 1
            if text(id) == label { return Int32(id) }
            slot = (slot + 1) & (slots.count - 1)
        }
        let id = count
        store(label)
        // Labels come from data rows: at most 1,048,576 per sheet, far below Int32.max over the periods of any workbook.
        slots[slot] = Int32(id + 1)
        longest = max(longest, label.count)
        if count * 2 > slots.count { grow() }
        return Int32(id)
    }

    /// Appends the label's bytes to the last block, or to a new one when they do not fit.
    private func store(_ label: String) {
        let size = label.utf8.count
        if blocks.isEmpty || blocks[blocks.count - 1].count + size > Self.blockSize {
            var block: [UInt8] = []
            block.reserveCapacity(max(size, Self.blockSize))
            blocks.append(block)
        }
        let last = blocks.count - 1
        let start = blocks[last].count
        blocks[last].append(contentsOf: label.utf8)
        // A block holds at most max(256 KiB, one cell's 32,767 characters) of text.
        places.append(Place(block: Int32(last), start: Int32(start), end: Int32(blocks[last].count)))
    }

    /// Doubles the slots and places every label again.
    private func grow() {
        var grown = [Int32](repeating: 0, count: slots.count * 2)
        for id in 0..<count {
            var slot = text(id).hashValue & (grown.count - 1)
            while grown[slot] != 0 { slot = (slot + 1) & (grown.count - 1) }
            grown[slot] = Int32(id + 1)
        }
        slots = grown
    }
}
