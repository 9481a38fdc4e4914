import Foundation
import PasserelleCore
import PasserelleSearch

/// What the search index of one edition keeps between builds, beside the build cache's own files: every
/// document's postings (by URL, with the fingerprint of the text they were analysed from) and every index file
/// by the fingerprint of what it was encoded from. The next build analyses only the documents whose text changed
/// and encodes only the files whose input changed; a kept file is used only while the output still holds it
/// with the bytes the last build wrote (`BuildCache`'s fingerprints of the output), so this file may be older
/// or newer than the output without harm.
///
/// Binary, read and written in one piece: a header line, the edition's distinct terms, then each document's
/// postings as term numbers and weights, then the files, then `end`. Anything else reads as no cache.
struct SearchIndexCache {
    static let header = Array("passerelle search cache 1\n".utf8)

    struct Kept {
        var postings: [String: AnalysedDocument] = [:]
        var files: [Fingerprint: String] = [:]
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
        guard reader.expect(Self.header), let termCount = reader.count() else { return nil }
        var terms: [String] = []
        terms.reserveCapacity(termCount)
        for _ in 0..<termCount {
            guard let term = reader.string() else { return nil }
            terms.append(term)
        }
        guard let documents = reader.count() else { return nil }
        var kept = Kept()
        kept.postings.reserveCapacity(documents)
        for _ in 0..<documents {
            guard let url = reader.string(), let high = reader.word(), let low = reader.word(), let length = reader.word(),
                  let factor = reader.word(), let count = reader.count() else { return nil }
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
                                                  length: Double(bitPattern: length), factor: Double(bitPattern: factor))
        }
        guard let files = reader.count() else { return nil }
        for _ in 0..<files {
            guard let high = reader.word(), let low = reader.word(), let name = reader.string() else { return nil }
            kept.files[Fingerprint(high: high, low: low)] = name
        }
        return reader.expect(Array("end".utf8)) && reader.atEnd ? kept : nil
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

    /// The file's bytes.
    func encode(_ kept: Kept) -> [UInt8] {
        var writer = CacheBytesWriter()
        writer.bytes += Self.header
        var numbers: [String: Int] = [:]
        var terms: [String] = []
        let urls = kept.postings.keys.sorted()
        for url in urls {
            for term in kept.postings[url]?.terms ?? [] where numbers[term] == nil {
                numbers[term] = terms.count
                terms.append(term)
            }
        }
        writer.count(terms.count)
        for term in terms { writer.string(term) }
        writer.count(urls.count)
        for url in urls {
            guard let document = kept.postings[url] else { continue }
            writer.string(url)
            writer.word(document.fingerprint.high)
            writer.word(document.fingerprint.low)
            writer.word(document.length.bitPattern)
            writer.word(document.factor.bitPattern)
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
        writer.bytes += Array("end".utf8)
        return writer.bytes
    }
}

/// Little-endian numbers and length-prefixed strings, read with bounds checks: nil past the end.
struct CacheBytes {
    private let bytes: [UInt8]
    private var position = 0

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
