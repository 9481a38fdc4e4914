import Foundation
import PasserelleContent
import PasserelleCore

/// What every stage of one build shares: the options, the result the stages fill in, and the clock that
/// `--timings` reads.
struct BuildRun {
    let options: BuildOptions
    var result = BuildResult()
    private var clock = Date()

    init(options: BuildOptions) {
        self.options = options
    }

    /// How many cores the parallel stages use.
    var jobs: Int { max(1, options.jobs) }

    /// Ends a stage: the time since the last one goes to `stage`. A stage met again (one market or language
    /// after another) adds to its first entry, so `--timings` prints each stage once.
    mutating func lap(_ stage: String) {
        let now = Date()
        add(stage, seconds: now.timeIntervalSince(clock))
        clock = now
    }

    /// Adds time to a stage without reading the clock (stages timed elsewhere, such as editions built side by side).
    mutating func add(_ stage: String, seconds: Double) {
        if let index = result.stages.firstIndex(where: { $0.name == stage }) {
            result.stages[index].seconds += seconds
        } else {
            result.stages.append((stage, seconds))
        }
    }

    /// The next lap starts now.
    mutating func restartClock() { clock = Date() }
}
