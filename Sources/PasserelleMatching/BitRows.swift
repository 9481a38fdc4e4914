/// The members of one posting list (talents with a skill, vacancies asking for one), kept as ids and, when the list
/// is dense enough for bits to take no more room than the ids, as a row of bits too.
struct PostingSet: Sendable {
    private(set) var ids: [Int32] = []
    private var bits: [UInt64]?

    mutating func append(_ id: Int) { ids.append(Int32(id)) }

    /// Adds the bit row once every id is in, if it pays.
    mutating func finish(universe: Int) {
        guard !ids.isEmpty, ids.count * 32 >= universe else { return }
        var row = [UInt64](repeating: 0, count: BitRow.words(universe))
        for id in ids { row[Int(id) >> 6] |= 1 << UInt64(id & 63) }
        bits = row
    }

    /// Sets the bits of every member in `row`.
    func add(to row: inout [UInt64]) {
        if let bits {
            for word in bits.indices { row[word] |= bits[word] }
        } else {
            for id in ids { row[Int(id) >> 6] |= 1 << UInt64(id & 63) }
        }
    }
}

enum BitRow {
    static func words(_ count: Int) -> Int { (count + 63) / 64 }

    /// Calls `body` with the position of every set bit of `word`, lowest first.
    @inline(__always)
    static func forEachBit(_ word: UInt64, base: Int, _ body: (Int) -> Void) {
        var bits = word
        while bits != 0 {
            body(base + bits.trailingZeroBitCount)
            bits &= bits &- 1
        }
    }
}

/// How many of several rows each bit is set in, counted for 64 bits at a time: a binary counter per bit, held as
/// planes (plane p holds bit p of every count), so that adding a row costs a few word operations per 64 members.
struct BitCounter {
    private(set) var words = 0
    private var planeCount = 0
    private var planes: [UInt64] = []
    /// The row being filled before it is added.
    var row: [UInt64] = []

    /// Starts a count of up to `maximum` rows over `words` words.
    mutating func reset(maximum: Int, words: Int) {
        self.words = words
        planeCount = max(1, Int.bitWidth - maximum.leadingZeroBitCount)
        let size = planeCount * words
        if planes.count < size { planes = [UInt64](repeating: 0, count: size) }
        else { for index in 0..<size { planes[index] = 0 } }
        if row.count != words { row = [UInt64](repeating: 0, count: words) }
        clearRow()
    }

    mutating func clearRow() {
        for word in 0..<words { row[word] = 0 }
    }

    /// Adds `row` to the counts, then clears it for the next.
    mutating func addRow() {
        for word in 0..<words {
            var carry = row[word]
            var plane = 0
            while carry != 0 && plane < planeCount {
                let index = plane * words + word
                let next = planes[index] & carry
                planes[index] ^= carry
                carry = next
                plane += 1
            }
            row[word] = 0
        }
    }

    /// The bits of `word` whose count is exactly `count`.
    @inline(__always)
    func exactly(_ count: Int, word: Int) -> UInt64 {
        var mask = UInt64.max
        for plane in 0..<planeCount {
            let bits = planes[plane * words + word]
            mask &= (count >> plane) & 1 == 1 ? bits : ~bits
        }
        return mask
    }
}
