import Foundation
import PasserelleContent
import PasserelleCore

/// What a build did: counts for the summary line, skipped files with reasons, every diagnostic.
public struct BuildResult: Sendable {
    public var diagnostics = DiagnosticLog()
    public var talents = 0
    public var vacancies = 0
    public var employers = 0
    public var pages = 0
    public var skipped: [SkippedFile] = []
    /// Files in the output.
    public var filesWritten = 0
    /// Files of the output written by an incremental build (the others were kept as they were); nil for a full build.
    public var filesChanged: Int?
    /// Files of the last build that an incremental build deleted (the site no longer has them).
    public var filesDeleted = 0
    /// Pages whose view model was made (the others were kept as the last build made them from the same
    /// inputs); nil when no page was rendered.
    public var pagesMade: Int?
    public var seconds = 0.0
    /// Links of every HTML page, root-relative.
    public var pageLinks: [String] = []
    /// Every file found in the content folder, as messages name them, and the settings files among them.
    public var sources: [String] = []
    public var settingsFiles: [String] = []
    /// Content file → the addresses of the pages and files made from it, sorted.
    public var published: [String: [String]] = [:]
    /// Seconds spent in each stage of the pipeline, in order.
    public var stages: [(name: String, seconds: Double)] = []
    public var succeeded: Bool { !diagnostics.hasErrors }
    /// The output was not as the build cache said; the builder builds again without it.
    var incrementalWriteFailed = false

    /// One line: what was published, what was skipped and why, how long it took.
    public func summary(output: String, wrote: Bool) -> String {
        var line = "\(wrote ? "Built" : "Checked"): \(talents) talents, \(vacancies) vacancies, \(employers) employers, \(pages) pages"
        if !skipped.isEmpty {
            var reasons: [String: Int] = [:]
            for file in skipped { reasons[file.reason.split(separator: "(").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? file.reason, default: 0] += 1 }
            line += "; \(skipped.count) skipped (" + reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")"
        }
        if wrote {
            line += "; \(filesWritten) files in \(output)"
            if let filesChanged {
                if filesChanged == 0 && filesDeleted == 0 {
                    line += " (nothing changed)"
                } else {
                    line += " (\(filesChanged) of them written" + (filesDeleted > 0 ? ", \(filesDeleted) old files deleted)" : ")")
                }
            }
        }
        return line + String(format: " in %.2f s", seconds)
    }
}

extension BuildResult {
    /// What `passerelle build` (or `check`) prints and how it exits: every diagnostic on standard error, errors
    /// first, then the number of errors; or, when there is none, the summary line on standard output.
    public func printed(output: String, wrote: Bool) -> (status: Int32, out: String, err: String) {
        let sorted = diagnostics.sorted
        var err = ""
        for diagnostic in sorted where diagnostic.severity == .error { err += diagnostic.description + "\n" }
        for diagnostic in sorted where diagnostic.severity == .warning { err += diagnostic.description + "\n" }
        guard succeeded else {
            let count = diagnostics.errors.count
            err += "\(count) error\(count == 1 ? "" : "s")\(wrote ? "; \(output) was left as it was" : "").\n"
            return (1, "", err)
        }
        return (0, summary(output: output, wrote: wrote) + "\n", err)
    }
}
