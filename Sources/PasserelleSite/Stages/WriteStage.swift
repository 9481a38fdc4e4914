import Foundation
import PasserelleContent
import PasserelleCore

/// Where the stages put the site's files: written as they are made into a folder beside the output, which the
/// write stage swaps in at the end, all or nothing.
struct OpenedOutput {
    let site: SiteOutput
    let writer: OutputWriter
    /// The folder the new site is written in; nil when nothing is written (`check`, errors, a refused output).
    let staging: OutputWriter.Staging?
    /// Sentences about folders of builds cut short that were left where they are.
    let kept: [String]
    /// Why the output may not be written, said only when the build has no other error.
    let refusal: (message: String, expected: String)?
    /// Why the staging folder could not be made.
    let failure: Error?
    /// The fingerprint of every file of the output the site is written over, from the build cache or, without
    /// it, from the output's record: only the files that differ are written. Nil for a site written anew.
    var previous: [String: Fingerprint]? = nil
}

/// Stage 8: write, all or nothing, and only over a folder Passerelle wrote. The new site is built beside the
/// output as the pages are rendered and swapped in at once at the end (what earlier builds cut short left
/// there is removed first); a build with errors, or killed, leaves the output as it was.
enum WriteStage {
    /// Opens the staging folder, once the content loaded without errors.
    static func open(_ enriched: EnrichedSite, _ check: CacheCheck, _ run: inout BuildRun) -> OpenedOutput {
        let options = run.options
        var writer = OutputWriter(output: options.output)
        writer.cores = run.jobs
        // Without the build cache's word on the output, the record kept beside it says what it holds.
        let record = check.previous == nil && check.reusesOutput && options.write ? writer.record(settings: check.settings, memory: options.memory) : nil
        let previous = check.previous ?? record?.fingerprints ?? [:]
        func unwritten(refusal: (message: String, expected: String)? = nil, kept: [String] = [], failure: Error? = nil) -> OpenedOutput {
            OpenedOutput(site: SiteOutput(target: nil, previous: previous), writer: writer, staging: nil, kept: kept,
                         refusal: refusal, failure: failure)
        }
        guard options.write, !run.result.diagnostics.hasErrors else { return unwritten() }
        if let refusal = OutputWriter.checkOutput(options.output, sources: [options.content, options.themes]) {
            return unwritten(refusal: refusal)
        }
        let kept = writer.removeLeftovers()
        do {
            let (staging, target) = try writer.openStaging(incremental: check.previous != nil || record != nil, mirror: true)
            // Written into a new folder, the site takes from the output only what the build cache vouches for.
            let site = SiteOutput(target: target, previous: target.isMirror ? previous : check.previous ?? [:])
            // Static hosts serve one /404.html, a copy of the first market's.
            if let first = enriched.markets.first, options.market == nil, !enriched.loaded.site.markets.isEmpty {
                site.retain(first.routes.outputPath(first.routes.notFound))
            }
            return OpenedOutput(site: site, writer: writer, staging: staging, kept: kept, refusal: nil, failure: nil,
                                previous: target.isMirror ? previous : check.previous)
        } catch {
            return unwritten(kept: kept, failure: error)
        }
    }

    /// Swaps the staged site in, after saving the build cache's state; or abandons it when the build has errors.
    static func run(_ opened: OpenedOutput, _ check: CacheCheck, _ run: inout BuildRun) {
        let options = run.options
        // Not kept in the state: the next build says it again only if the folder is still there.
        defer { for kept in opened.kept { run.result.diagnostics.warning(options.output, .start, kept) } }
        guard !run.result.diagnostics.hasErrors, options.write else {
            if let staging = opened.staging { opened.writer.abandon(staging) }
            return
        }
        if let refusal = opened.refusal {
            run.result.diagnostics.error(options.output, .start, refusal.message, expected: refusal.expected)
            return
        }
        let previous = opened.previous
        do {
            if let failure = opened.failure { throw failure }
            guard let open = opened.staging else { return }
            let fingerprints = opened.site.fingerprints
            let removed = previous.map { $0.keys.filter { fingerprints[$0] == nil } }
            let staging = try opened.writer.finish(open, opened.site, removed: removed)
            run.result.filesWritten = fingerprints.count
            if let removed {
                run.result.filesDeleted = removed.count
                run.result.filesChanged = staging.written
            }
            // The build cache's state and the output's record, side by side.
            let result = run.result
            let writes: [@Sendable () -> Void] = [
                { save(check, marker: staging.markerStamp, outputs: check.cache == nil ? [:] : fingerprints, result) },
                {
                    guard let marker = staging.markerStamp else { return }
                    OutputRecord(settings: check.settings, marker: marker, fingerprints: fingerprints)
                        .write(into: staging.workspace, fileSystem: LocalFileSystem(), memory: options.memory)
                },
            ]
            DispatchQueue.concurrentPerform(iterations: writes.count) { writes[$0]() }
            try opened.writer.swap(staging)
        } catch {
            // The output was not as the cache said: the builder builds again without it.
            if previous != nil { run.result.incrementalWriteFailed = true } else { failed(error, &run) }
            return
        }
        run.lap("write")
    }

    /// The state is saved before the swap, with the marker the new site brings: until the swap, the output's
    /// marker is not that one, so a build cut short in between is followed by a full one.
    private static func save(_ check: CacheCheck, marker: FileStamp?, outputs: [String: Fingerprint], _ result: BuildResult) {
        guard let cache = check.cache else { return }
        guard let marker else { return cache.remove() }
        cache.save(BuildCache.State(settings: check.settings, scanned: check.scanned, marker: marker, inputs: check.inputs,
                                    outputs: outputs, pageLinks: result.pageLinks, summary: CachedSummary(result),
                                    sources: result.sources, published: result.published))
    }

    /// An image under media/ that cannot be decoded is an error at that file; anything else, at the output.
    private static func failed(_ error: Error, _ run: inout BuildRun) {
        let options = run.options
        if let failure = error as? OutputWriter.Failure, failure.path.hasPrefix(options.content + "/") {
            run.result.diagnostics.error(failure.path, .start, failure.reason, expected: MediaStripper.advice)
        } else {
            run.result.diagnostics.error(options.output, .start, "the site could not be written: \(error)")
        }
    }
}
