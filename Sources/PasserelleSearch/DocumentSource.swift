import Foundation
import PasserelleCore

/// The documents of an index, named and keyed before they are made: a rebuild makes only the documents whose key
/// changed (and those of the record chunks and filter values it encodes again), not every document of the site.
public protocol DocumentSource: Sendable {
    /// Every document, in any order (the index sorts them by kind and address).
    var entries: [DocumentEntry] { get }
    /// What every document of the source depends on besides its own key (the edition's settings and strings):
    /// a change makes every document and the filter labels again.
    var context: Fingerprint { get }
    /// The documents of these entries, in their order; made on `jobs` cores.
    func documents(_ indexes: [Int], jobs: Int) -> [SearchDocument]
    /// The filter values of one entry's document, without making the rest of it.
    func facets(_ index: Int) -> SearchFacets
    /// The labels of the filter values of these documents, for the search page.
    func labels(_ facets: [SearchFacets]) -> [String: String]
    /// Languages some documents' fields are written in besides the documents' own (translations, labels),
    /// listed in the manifest with the documents' languages.
    var fieldLanguages: Set<String> { get }
}

extension DocumentSource {
    public var fieldLanguages: Set<String> { [] }
}

/// A document as the index knows it before it is made.
public struct DocumentEntry: Sendable {
    public var kind: SearchDocument.Kind
    public var url: String
    /// The language its text is written in; nil is the index's language.
    public var language: String?
    /// What the document is made from: equal keys (in the same source context) give equal documents.
    public var key: Fingerprint

    public init(kind: SearchDocument.Kind, url: String, language: String?, key: Fingerprint) {
        self.kind = kind
        self.url = url
        self.language = language
        self.key = key
    }
}

/// Documents already made, keyed by everything they hold: for small indexes and tests.
public struct MadeDocuments: DocumentSource {
    let made: [SearchDocument]
    let filterLabels: [String: String]
    public let entries: [DocumentEntry]
    public let context: Fingerprint

    public init(_ documents: [SearchDocument], labels: [String: String] = [:]) {
        made = documents
        filterLabels = labels
        entries = documents.map { DocumentEntry(kind: $0.kind, url: $0.url, language: $0.language, key: $0.contentFingerprint) }
        var hasher = StableHasher()
        for (key, label) in labels.sorted(by: { $0.key < $1.key }) {
            hasher.combine(key)
            hasher.combine(label)
        }
        context = hasher.finalize()
    }

    public func documents(_ indexes: [Int], jobs: Int) -> [SearchDocument] { indexes.map { made[$0] } }
    public func facets(_ index: Int) -> SearchFacets { made[index].facets }
    public func labels(_ facets: [SearchFacets]) -> [String: String] { filterLabels }
}

extension SearchDocument {
    /// The fingerprint of everything the document holds.
    public var contentFingerprint: Fingerprint {
        var hasher = StableHasher()
        hasher.combine(kind.rawValue)
        for text in [url, title, summary, excerpt, language ?? "\u{0}"] { hasher.combine(text) }
        for optional in [thumbnail, initials] {
            hasher.combine(optional == nil ? 0 : 1)
            hasher.combine(optional ?? "")
        }
        hasher.combine(fields.count)
        for field in fields {
            hasher.combine(field.boost.bitPattern)
            hasher.combine(field.text)
            hasher.combine(field.language ?? "\u{0}")
            hasher.combine(field.isLabel ? 1 : 0)
        }
        hasher.combine(facets.fingerprint)
        hasher.combine(reasons.count)
        for reason in reasons {
            hasher.combine(reason.kind.rawValue)
            hasher.combine(reason.label)
            hasher.combine(reason.texts.count)
            for text in reason.texts {
                hasher.combine(text.text)
                hasher.combine(text.language ?? "\u{0}")
            }
        }
        return hasher.finalize()
    }
}

extension SearchFacets {
    /// What the filter values of a document are made from: equal fingerprints, equal values.
    public var fingerprint: Fingerprint {
        var hasher = StableHasher()
        func combine(_ list: [String]) {
            hasher.combine(list.count)
            for value in list { hasher.combine(value) }
        }
        combine(sectors)
        combine(skills)
        combine(countries)
        combine(programme.map { [$0] } ?? [])
        if !occupations.isEmpty { combine(occupations) }
        hasher.combine(languages.count)
        for (code, level) in languages.sorted(by: { $0.key < $1.key }) {
            hasher.combine(code)
            hasher.combine(level)
        }
        hasher.combine(availableFrom?.compactNumber ?? -1)
        return hasher.finalize()
    }
}
