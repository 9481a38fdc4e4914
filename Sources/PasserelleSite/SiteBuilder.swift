import Foundation
import PasserelleContent
import PasserelleCore
import PasserelleSearch

/// The build pipeline, top to bottom: cache check → load → enrich → match → localize → index → render →
/// files → report → write. Each stage takes what the ones before it made and returns its own.
public struct SiteBuilder: Sendable {
    let fileSystem: any FileSystem

    public init(fileSystem: any FileSystem = LocalFileSystem()) {
        self.fileSystem = fileSystem
    }

    public func build(_ options: BuildOptions) -> BuildResult {
        let started = Date()
        var result = run(options, incremental: true)
        if result.incrementalWriteFailed {
            // The output was not as the cache said (a page deleted by hand, a linked folder): build it all again.
            // Nothing was swapped in, so the output is still the last build's whatever this one gives.
            result = run(options, incremental: false)
        }
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    private func run(_ options: BuildOptions, incremental: Bool) -> BuildResult {
        var run = BuildRun(options: options)
        guard let check = CacheStage.run(&run, incremental: incremental),
              let loaded = LoadStage(fileSystem: fileSystem).run(&run, check: check) else { return run.result }
        let enriched = EnrichStage.run(loaded, &run)
        let decisions = PageDecisions(check, loaded)
        let opened = WriteStage.open(enriched, check, &run)
        let output = opened.site
        var published = PublishedPages()
        let analysed = SearchMemo()
        for market in enriched.markets {
            let matches = MatchStage.run(market, loaded, &run)
            EditionsStage.run(market, matches: matches, loaded, analysed: analysed, check: check, keys: decisions,
                              into: output, published: &published, &run)
            FilesStage.market(market, loaded, into: output, published: &published, &run)
        }
        FilesStage.root(enriched, into: output, published: &published, &run)
        ReportStage.run(enriched, published: published, &run)
        WriteStage.run(opened, check, &run)
        // What the next build starts from besides the build cache's own files, each file written on its own core.
        let result = run.result
        var saves: [@Sendable () -> Void] = []
        if opened.staging != nil, !result.diagnostics.hasErrors, !result.incrementalWriteFailed { saves += analysed.keptIndexWrites }
        if let decisions { saves.append { decisions.save(result) } }
        let writes = saves
        DispatchQueue.concurrentPerform(iterations: writes.count) { writes[$0]() }
        return run.result
    }

    /// Every image under media/ is opened (its header read) on all cores before anything is written: one that
    /// cannot be is an error at the file, all of them at once.
    static func checkImages(_ content: Content, root: String, jobs: Int, into diagnostics: inout DiagnosticLog) {
        let images = content.media.filter { $0.type.kind == .image }
        let reasons = ConcurrentSlots<String>(count: images.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, images.count / 16 + 1))) { _ in
            while let index = reasons.claim() {
                if let reason = MediaStripper.check(joinPath(root, images[index].path), type: images[index].type) { reasons.set(index, reason) }
            }
        }
        for (index, image) in images.enumerated() {
            if let reason = reasons.get(index) { diagnostics.error(joinPath(root, image.path), .start, reason, expected: MediaStripper.advice) }
        }
    }

    /// Talents, vacancies and employers that the markets built do not publish, with the reason, so that none
    /// disappears silently: in no market at all, or only in markets that `--market` left out.
    static func outsideMarkets(_ publication: Publication, markets: [Market], built: [Publication], only: String?) -> [SkippedFile] {
        guard !markets.isEmpty else { return [] }
        // A market lists a talent whose mobility names one of its countries, a vacancy in one of them, and an
        // employer there or hiring there.
        let countries = Set(markets.flatMap(\.countries))
        let where_ = markets.map { "\($0.slug): \($0.countries.joined(separator: ", "))" }.joined(separator: "; ")
        let elsewhere = "in another market (this build is --market \(only ?? ""))"
        var skipped: [SkippedFile] = []
        let talents = Set(built.flatMap { $0.talents.map(\.slug) })
        for talent in publication.talents where !talents.contains(talent.slug) {
            let mobility = talent.mobility.isEmpty ? "no mobility" : "mobility \(talent.mobility.joined(separator: ", "))"
            skipped.append(SkippedFile(path: talent.source.path, reason: countries.isDisjoint(with: talent.mobility)
                                       ? "in no market (\(mobility); markets \(where_))" : elsewhere))
        }
        let vacancies = Set(built.flatMap { $0.vacancies.map(\.slug) })
        for vacancy in publication.vacancies where !vacancies.contains(vacancy.slug) {
            skipped.append(SkippedFile(path: vacancy.source.path, reason: countries.contains(vacancy.country)
                                       ? elsewhere : "in no market (country \(vacancy.country); markets \(where_))"))
        }
        let employers = Set(built.flatMap { $0.employers.map(\.slug) })
        let hiring = Set(publication.vacancies.filter { countries.contains($0.country) }.map(\.employer))
        for employer in publication.employers where !employers.contains(employer.slug) {
            skipped.append(SkippedFile(path: employer.source.path, reason: countries.contains(employer.country) || hiring.contains(employer.slug)
                                       ? elsewhere : "in no market (country \(employer.country), no open vacancy in one; markets \(where_))"))
        }
        return skipped
    }

    /// Translation files no page was made from, with the reason: their original is skipped, or none of the
    /// markets built is read in their language.
    static func unusedTranslations(_ content: Content, published: [String: [String]], skipped: [SkippedFile]) -> [SkippedFile] {
        let reasons = Dictionary(skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { first, _ in first })
        var unused: [SkippedFile] = []
        func check<Item: Translatable>(_ items: [Item]) {
            for item in items {
                let original = item.source.path
                for translation in item.translations.values.sorted(by: { $0.language < $1.language }) {
                    let path = translation.source.path
                    guard path != original, published[path] == nil, reasons[path] == nil else { continue }
                    let reason = reasons[original].map { "translation of a skipped file (\(original): \($0))" }
                        ?? "in a language not built (none of the markets built is read in '\(translation.language)')"
                    unused.append(SkippedFile(path: path, reason: reason))
                }
            }
        }
        check(content.talents)
        check(content.vacancies)
        check(content.employers)
        check(content.pages)
        return unused
    }

}
extension Day {
    /// Today in UTC.
    public static var today: Day {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)!
    }
}
