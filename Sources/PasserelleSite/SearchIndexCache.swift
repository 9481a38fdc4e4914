import Foundation
import PasserelleCore
import PasserelleSearch

/// What the search index of one edition keeps between builds, beside the build cache's own files: every
/// document's postings (by URL, with the fingerprint of what the document was made from, and of its filter values) and every index file
/// by the fingerprint of what it was encoded from. The next build makes and analyses only the documents whose item changed
/// and encodes only the files whose input changed; a kept file is used only while the output still holds it
/// with the bytes the last build wrote (`BuildCache`'s fingerprints of the output), so this file may be older
/// or newer than the output without harm.
///
/// Binary, read and written in one piece: a header line, the edition's distinct terms, then each document's
/// postings as term numbers and weights, then the files, then the labels of filter values, then `end`. Anything else reads as no cache.
///
/// A file written after an edit copies the entries of the documents that did not change as they were read (their
/// term numbers stay valid: the terms of the last file come first, in the same order, and the terms no document
/// had yet are added after them), so that an edit does not encode every document again. Terms no document uses
/// any more stay in the list until the terms added since a whole encoding are a quarter of it.
struct SearchIndexCache {
    static let header = Array("passerelle search cache 4\n".utf8)

    struct Kept {
        var postings: [String: AnalysedDocument] = [:]
        var files: [Fingerprint: String] = [:]
        var labels: SearchIndexBuilder.KeptLabels? = nil
        /// The file it was read from, for the next encoding to copy the unchanged documents' entries of.
        var layout: Layout? = nil
    }

    /// Where each document's entry is in the bytes read, with the terms the entries number.
    struct Layout {
        let bytes: [UInt8]
        let terms: [String]
        /// How many of the terms were added after the last whole encoding.
        let added: Int
        /// URL → the entry's bytes and the fingerprint of the postings it holds.
        let entries: [String: (range: Range<Int>, fingerprint: Fingerprint)]
    }

    let path: String
    let fileSystem: any WritableFileSystem

    /// The file of the edition whose index is under `searchFolder` (its address, such as `/fr/search/`).
    init(_ cache: BuildCache, searchFolder: String) {
        path = cache.base + ".search-" + Fingerprint.of(searchFolder).description.prefix(16)
        fileSystem = cache.fileSystem
    }

    func load() -> Kept? {
        guard let bytes = try? fileSystem.readFile(path) else { return nil }
        var reader = CacheBytes(bytes)
        guard reader.expect(Self.header), let added = reader.count(), let termCount = reader.count() else { return nil }
        var terms: [String] = []
        terms.reserveCapacity(termCount)
        for _ in 0..<termCount {
            guard let term = reader.string() else { return nil }
            terms.append(term)
        }
        guard let documents = reader.count() else { return nil }
        var kept = Kept()
        kept.postings.reserveCapacity(documents)
        var entries: [String: (range: Range<Int>, fingerprint: Fingerprint)] = [:]
        entries.reserveCapacity(documents)
        for _ in 0..<documents {
            let start = reader.position
            guard let url = reader.string(), let high = reader.word(), let low = reader.word(), let length = reader.word(),
                  let factor = reader.word(), let facetsHigh = reader.word(), let facetsLow = reader.word(),
                  let count = reader.count() else { return nil }
            var documentTerms: [String] = []
            var weights: [Double] = []
            documentTerms.reserveCapacity(count)
            weights.reserveCapacity(count)
            for _ in 0..<count {
                guard let term = reader.count(), term < terms.count, let weight = reader.word() else { return nil }
                documentTerms.append(terms[term])
                weights.append(Double(bitPattern: weight))
            }
            kept.postings[url] = AnalysedDocument(fingerprint: Fingerprint(high: high, low: low), terms: documentTerms, weights: weights,
                                                  length: Double(bitPattern: length), factor: Double(bitPattern: factor),
                                                  facets: Fingerprint(high: facetsHigh, low: facetsLow))
            entries[url] = (start..<reader.position, Fingerprint(high: high, low: low))
        }
        guard let files = reader.count() else { return nil }
        for _ in 0..<files {
            guard let high = reader.word(), let low = reader.word(), let name = reader.string() else { return nil }
            kept.files[Fingerprint(high: high, low: low)] = name
        }
        guard let hasLabels = reader.count() else { return nil }
        if hasLabels == 1 {
            guard let high = reader.word(), let low = reader.word(), let json = reader.string() else { return nil }
            kept.labels = SearchIndexBuilder.KeptLabels(input: Fingerprint(high: high, low: low), json: json)
        }
        guard reader.expect(Array("end".utf8)), reader.atEnd, added <= terms.count else { return nil }
        kept.layout = Layout(bytes: bytes, terms: terms, added: added, entries: entries)
        return kept
    }

    /// Writes the state (see `encode`) whole beside the last one, then renames it over it; on failure, removes
    /// both, so that the next build starts afresh.
    func save(_ kept: Kept) { write(encode(kept)) }

    func write(_ bytes: [UInt8]) {
        do {
            try fileSystem.createDirectory((path as NSString).deletingLastPathComponent)
            try fileSystem.writeFileAtomically(path, bytes)
        } catch {
            try? fileSystem.remove(path)
        }
    }

    /// The file's bytes. With `previous` (the state read from the last file), the entries of documents whose
    /// postings are the same are copied from it; otherwise, or once the terms added since a whole encoding are a
    /// quarter of the list, every entry is encoded.
    func encode(_ kept: Kept, previous: Layout? = nil) -> [UInt8] {
        let urls = kept.postings.keys.sorted()
        var terms: [String] = []
        var numbers: [String: Int] = [:]
        var added = 0
        var layout = previous
        if let previous {
            // The last file's terms keep their numbers; those of the documents that changed are added after them.
            terms = previous.terms
            added = previous.added
            numbers = Dictionary(previous.terms.indices.map { (previous.terms[$0], $0) }, uniquingKeysWith: { first, _ in first })
            for url in urls {
                guard let document = kept.postings[url], previous.entries[url]?.fingerprint != document.fingerprint else { continue }
                for term in document.terms where numbers[term] == nil {
                    numbers[term] = terms.count
                    terms.append(term)
                    added += 1
                }
            }
            if added * 4 > terms.count { (layout, terms, numbers, added) = (nil, [], [:], 0) }
        }
        if layout == nil {
            for url in urls {
                for term in kept.postings[url]?.terms ?? [] where numbers[term] == nil {
                    numbers[term] = terms.count
                    terms.append(term)
                }
            }
        }
        var writer = CacheBytesWriter()
        writer.bytes += Self.header
        writer.count(added)
        writer.count(terms.count)
        for term in terms { writer.string(term) }
        writer.count(urls.count)
        for url in urls {
            guard let document = kept.postings[url] else { continue }
            if let layout, let entry = layout.entries[url], entry.fingerprint == document.fingerprint {
                writer.bytes += layout.bytes[entry.range]
                continue
            }
            writer.string(url)
            writer.word(document.fingerprint.high)
            writer.word(document.fingerprint.low)
            writer.word(document.length.bitPattern)
            writer.word(document.factor.bitPattern)
            writer.word(document.facets.high)
            writer.word(document.facets.low)
            writer.count(document.terms.count)
            for (term, weight) in zip(document.terms, document.weights) {
                writer.count(numbers[term] ?? 0)
                writer.word(weight.bitPattern)
            }
        }
        writer.count(kept.files.count)
        for (input, name) in kept.files.sorted(by: { $0.value < $1.value }) {
            writer.word(input.high)
            writer.word(input.low)
            writer.string(name)
        }
        writer.count(kept.labels == nil ? 0 : 1)
        if let labels = kept.labels {
            writer.word(labels.input.high)
            writer.word(labels.input.low)
            writer.string(labels.json)
        }
        writer.bytes += Array("end".utf8)
        return writer.bytes
    }
}

/// Little-endian numbers and length-prefixed strings, read with bounds checks: nil past the end.
struct CacheBytes {
    private let bytes: [UInt8]
    private(set) var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func expect(_ expected: [UInt8]) -> Bool {
        guard position + expected.count <= bytes.count, bytes[position..<(position + expected.count)].elementsEqual(expected) else { return false }
        position += expected.count
        return true
    }

    mutating func word() -> UInt64? {
        guard position + 8 <= bytes.count else { return nil }
        let value = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt64.self)) }
        position += 8
        return value
    }

    mutating func count() -> Int? {
        guard position + 4 <= bytes.count else { return nil }
        let value = bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt32.self)) }
        position += 4
        return Int(value)
    }

    mutating func string() -> String? {
        guard let length = count(), position + length <= bytes.count else { return nil }
        defer { position += length }
        return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
    }
}

struct CacheBytesWriter {
    var bytes: [UInt8] = []

    mutating func word(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func count(_ value: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian) { bytes += $0 } }
    mutating func string(_ text: String) {
        count(text.utf8.count)
        bytes += text.utf8
    }
}
