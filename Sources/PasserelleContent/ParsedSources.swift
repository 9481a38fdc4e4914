import PasserelleCore

/// A content file's stamp: its size, modification time (nanoseconds since 1970) and inode. The same stamp is
/// taken to mean the same bytes unless the file was modified so near the time it was stamped that it may have
/// changed again within the same clock tick: then its bytes are read and compared by their hash.
public struct SourceStamp: Hashable, Sendable {
    public var size: Int64
    public var modified: Int64
    public var inode: UInt64

    public init(size: Int64, modified: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.inode = inode
    }
}

/// The stamps of the content files at the start of a load, and when they were taken.
public struct SourceStamps: Sendable {
    public var stamps: [String: SourceStamp]
    /// Nanoseconds since 1970.
    public var taken: Int64

    public init(_ stamps: [String: SourceStamp], taken: Int64) {
        self.stamps = stamps
        self.taken = taken
    }

    /// How near the time of stamping a file's modification makes its stamp ambiguous: file systems keep times of a
    /// coarser clock than the one read here.
    static let ambiguity: Int64 = 1_000_000_000
}

/// What every content file gave when it was last read and decoded on its own (its item, messages, media named and
/// language evidence), by path, with the file's stamp and the hash of its bytes: kept by the build cache so that a
/// load reads and decodes again only the files that changed. The checks across files always run again over all items.
///
/// Each file's outcome stays as the bytes it was written as: a load decodes the ones it reuses (on all cores) and
/// writes the unchanged ones back as they are.
public struct ParsedSources: Sendable {
    /// What decoding depends on beside a file's bytes (`private:` keys of site.yml, the format).
    var context: Fingerprint
    var entries: [String: ParsedSource] = [:]

    init(context: Fingerprint) { self.context = context }

    /// How many files it holds.
    public var count: Int { entries.count }

    /// Whether writing this would change what `other` holds: a file added, removed, read again or stamped anew.
    public func differs(from other: ParsedSources?) -> Bool {
        guard let other, other.context == context, other.entries.count == entries.count else { return true }
        return entries.contains { path, entry in
            guard let kept = other.entries[path], entry.check != nil, entry.check == kept.check else { return true }
            return entry.stamp != kept.stamp || entry.stamped != kept.stamped || entry.digest != kept.digest
        }
    }

    static let magic = Array("passerelle parsed sources 1\n".utf8)

    /// The whole as one file, led by `key` (what the caller's build depends on: the program, its options).
    public func encoded(key: Fingerprint) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes.reserveCapacity(entries.values.reduce(64) { $0 + $1.record.count + 128 })
        writer.bytes.append(contentsOf: Self.magic)
        writer.fingerprint(key)
        writer.fingerprint(context)
        writer.unsigned(UInt64(entries.count))
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            writer.string(path)
            writer.int(Int(entry.stamp.size))
            writer.int(Int(entry.stamp.modified))
            writer.fixed(entry.stamp.inode)
            writer.int(Int(entry.stamped))
            writer.fingerprint(entry.digest)
            writer.unsigned(UInt64(entry.record.count))
            writer.bytes.append(contentsOf: entry.record)
            writer.fingerprint(entry.check ?? Fingerprint.of(bytes: entry.record))
        }
        writer.bytes.append(contentsOf: Array("end".utf8))
        return writer.bytes
    }

    /// Reads what `encoded` wrote; nil when the file is of another key, cut short or damaged. Each outcome is
    /// checked and decoded only when a load reuses it.
    public init?(decoding bytes: [UInt8], key: Fingerprint) {
        var reader = ByteReader(bytes[...])
        do {
            guard try reader.slice(Self.magic.count).elementsEqual(Self.magic), try reader.fingerprint() == key else { return nil }
            self.init(context: try reader.fingerprint())
            let count = try reader.count()
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let path = try reader.string()
                let stamp = SourceStamp(size: Int64(try reader.int()), modified: Int64(try reader.int()), inode: try reader.fixed())
                let stamped = Int64(try reader.int())
                let digest = try reader.fingerprint()
                let record = try reader.slice(try reader.count())
                entries[path] = ParsedSource(stamp: stamp, stamped: stamped, digest: digest, record: record, check: try reader.fingerprint())
            }
            guard try reader.slice(3).elementsEqual("end".utf8), reader.atEnd else { return nil }
        } catch {
            return nil
        }
    }
}

/// One file's entry in `ParsedSources`.
struct ParsedSource: Sendable {
    var stamp: SourceStamp
    /// When the stamp was taken.
    var stamped: Int64
    /// The hash of the file's bytes.
    var digest: Fingerprint
    /// The outcome, as `ContentLoader.ParseOutcome.encoded` wrote it.
    var record: ArraySlice<UInt8>
    /// The hash of `record` as it was written; nil for a record made by this load.
    var check: Fingerprint?

    /// Whether the file is, going by its stamp alone, the one this entry was made from.
    func matches(_ stamp: SourceStamp) -> Bool {
        stamp == self.stamp && stamp.modified < stamped - SourceStamps.ambiguity
    }
}

extension Fingerprint {
    static func of(bytes: ArraySlice<UInt8>) -> Fingerprint {
        var hasher = StableHasher()
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }
}
