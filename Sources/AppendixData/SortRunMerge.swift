/// Where a merge takes sorted entries from: a run in the temporary file, or the last run still
/// in memory.
package enum SortRunSource {
    case file(SortRunReader)
    /// Held entries and their positions in sorted order (``SortEntryOrder/sortedPositions(_:)``).
    case memory([SortEntry], order: [Int], next: Int)

    package mutating func next() throws -> SortEntry? {
        switch self {
        case .file(let reader):
            return try reader.next()
        case .memory(let entries, let order, let next):
            guard next < order.count else { return nil }
            self = .memory(entries, order: order, next: next + 1)
            return entries[order[next]]
        }
    }
}

/// The order of entries: group rank, then the caller's predicate, then input order — which for
/// entries of different runs is the order of the runs (run `i` holds earlier rows than run `i + 1`).
package struct SortEntryOrder {
    let areInIncreasingOrder: (DataRow, DataRow) -> Bool

    /// Whether `a` (the `aOrder`-th in input order, or from the `aOrder`-th run) comes first.
    func precedes(_ a: SortEntry, _ aOrder: Int, _ b: SortEntry, _ bOrder: Int) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        if areInIncreasingOrder(a.row, b.row) { return true }
        if areInIncreasingOrder(b.row, a.row) { return false }
        return aOrder < bOrder
    }

    /// The positions of `entries` in sorted order, ties in their order (one run): a run is read
    /// through these, so sorting costs a word per entry rather than a sorted copy of the entries.
    package func sortedPositions(_ entries: [SortEntry]) -> [Int] {
        var positions = Array(entries.indices)
        positions.sort { precedes(entries[$0], $0, entries[$1], $1) }
        return positions
    }

    /// Merges sorted `sources` (in input order) into `body`: a binary heap of each source's head.
    package func merge(_ sources: [SortRunSource], into body: (SortEntry) throws -> Void) throws {
        var sources = sources
        var heap = SortMergeHeap(order: self)
        for index in sources.indices {
            if let entry = try sources[index].next() { heap.push(entry, source: index) }
        }
        while let (entry, source) = heap.first {
            try body(entry)
            if let following = try sources[source].next() {
                heap.replaceFirst(following, source: source)
            } else {
                heap.removeFirst()
            }
        }
    }
}

/// A binary min-heap of the head entry of each merged source.
package struct SortMergeHeap {
    package let order: SortEntryOrder
    private var items: [(entry: SortEntry, source: Int)] = []

    package init(order: SortEntryOrder) {
        self.order = order
    }

    package var first: (SortEntry, Int)? { items.first.map { ($0.entry, $0.source) } }

    mutating func push(_ entry: SortEntry, source: Int) {
        items.append((entry, source))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(child, parent) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func replaceFirst(_ entry: SortEntry, source: Int) {
        items[0] = (entry, source)
        siftDown(from: 0)
    }

    package mutating func removeFirst() {
        let last = items.removeLast()
        guard !items.isEmpty else { return }
        items[0] = last
        siftDown(from: 0)
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count && less(left, smallest) { smallest = left }
            if right < items.count && less(right, smallest) { smallest = right }
            guard smallest != parent else { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }

    private func less(_ a: Int, _ b: Int) -> Bool {
        order.precedes(items[a].entry, items[a].source, items[b].entry, items[b].source)
    }
}
