/// A candidate in a ranking (a talent for a vacancy, or a vacancy for a talent): ties go to the lower index,
/// the earlier slug.
struct Ranked: Sendable, Equatable {
    var score: Double
    var talent: Int

    func isBetter(than other: Ranked) -> Bool {
        score != other.score ? score > other.score : talent < other.talent
    }
}

/// The best few, kept sorted as they come in.
struct TopList: Sendable, Equatable {
    private(set) var items: [Ranked] = []

    init(items: [Ranked] = []) { self.items = items }

    mutating func insert(_ candidate: Ranked, limit: Int) {
        if items.count >= limit, let last = items.last, !candidate.isBetter(than: last) { return }
        let position = items.firstIndex { candidate.isBetter(than: $0) } ?? items.count
        items.insert(candidate, at: position)
        if items.count > limit { items.removeLast() }
    }

    /// True when no candidate scoring at most `bound` can enter a list of `limit`: the list is full and its last
    /// scores more (a candidate scoring the same could still win on its index).
    func excludes(_ bound: Double, limit: Int) -> Bool {
        limit <= 0 || (items.count >= limit && items[limit - 1].score > bound)
    }
}
