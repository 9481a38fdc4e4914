import Foundation
import PasserelleContent
import PasserelleCore

/// What the build cache says before anything is read: the sources' stamps now, and the last build's state
/// when the output is still as that build left it.
struct CacheCheck {
    let cache: BuildCache?
    /// The settings' fingerprint (program, folders, options): a build with other settings starts afresh.
    let settings: Fingerprint
    /// When the sources were stamped.
    let scanned: Int64
    let inputs: [String: FileStamp]
    /// The fingerprint of every file of the last build's output; nil for a full build.
    let previous: [String: Fingerprint]?
    /// Whether the output's own files may be kept where this build makes the same ones (false when a build
    /// found the output not as its records said, and starts again from nothing).
    var reusesOutput = true
    /// When the last build stamped the sources; nil for a full build.
    var lastScan: Int64? = nil
}

/// Stage 0: with a build cache, the stamps of every source file. When none changed since the last build and
/// the output is as that build left it, there is nothing to do: the last build's result is reported again.
enum CacheStage {
    /// Nil when nothing changed (the run's result is then the last build's).
    static func run(_ run: inout BuildRun, incremental: Bool) -> CacheCheck? {
        let options = run.options
        let cache = options.write ? options.cache.map { BuildCache(folder: $0, output: options.output, memory: options.memory) } : nil
        let settings = BuildCache.settings(options)
        let scanned = FileStamp.now
        guard let cache else {
            return CacheCheck(cache: nil, settings: settings, scanned: scanned, inputs: [:], previous: nil, reusesOutput: incremental)
        }
        let inputs = FileStamp.all(under: [options.content, options.themes])
        var previous: [String: Fingerprint]?
        var lastScan: Int64?
        if incremental, OutputWriter.linkRefusal(options.output) == nil, let stamps = cache.loadStamps(), stamps.settings == settings,
           FileStamp(path: joinPath(options.output, OutputWriter.marker)) == stamps.marker {
            if stamps.inputs == inputs, !inputs.values.contains(where: { $0.modified >= stamps.scanned }),
               let pages = options.listsPublication ? cache.loadPages(id: stamps.id) : ([], [], [:]) {
                run.result = stamps.summary.result(pages: pages)
                // A build cut short while it removed the old site leaves it beside the output.
                for kept in OutputWriter(output: options.output).removeLeftovers() {
                    run.result.diagnostics.warning(options.output, .start, kept)
                }
                run.lap("unchanged")
                return nil
            }
            previous = cache.loadOutputs(id: stamps.id)
            lastScan = stamps.scanned
        }
        return CacheCheck(cache: cache, settings: settings, scanned: scanned, inputs: inputs, previous: previous, reusesOutput: incremental,
                          lastScan: previous == nil ? nil : lastScan)
    }
}
