import Foundation
import PasserelleSite

/// One rebuild of `serve`, run as a child process (`passerelle build` of the same program), so that a build that
/// crashes ends only that process: the server keeps serving the last good site and shows why the build stopped.
///
/// The build cache is on disk, so the child renders and writes only what an edit changed, as an in-process build did.
public struct BuildProcess: Sendable {
    /// The `passerelle` program that builds.
    public let executable: String
    public let arguments: [String]

    public init(executable: String, options: BuildOptions) {
        self.executable = executable
        var arguments = ["build", "--content", options.content, "--themes", options.themes, "--output", options.output,
                         "--date", options.today.description, "--jobs", String(options.jobs)]
        if let baseURL = options.baseURL { arguments += ["--base-url", baseURL] }
        if options.includeDrafts { arguments.append("--drafts") }
        if let market = options.market { arguments += ["--market", market] }
        arguments += options.cache.map { ["--cache", $0] } ?? ["--no-cache"]
        self.arguments = arguments
    }

    /// How one build ended.
    struct Outcome: Equatable {
        var succeeded: Bool
        /// The summary line of a successful build.
        var summary: String
        /// The located errors of a failed build, or why it stopped.
        var errors: [String]
    }

    /// Runs the build to its end (or until the task is cancelled, which stops it).
    func run() async -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return Outcome(succeeded: false, summary: "", errors: ["\(executable): error: the build could not be started: \(error.localizedDescription)"])
        }
        let running = RunningProcess(process: process)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // Threads of their own, not the tasks' shared ones, wait for the child; both pipes are read at
                // once, so a child that fills one never waits on the other.
                Thread {
                    let stdout = Box()
                    let read = DispatchSemaphore(value: 0)
                    Thread { stdout.data = out.fileHandleForReading.readDataToEndOfFile(); read.signal() }.start()
                    let stderr = err.fileHandleForReading.readDataToEndOfFile()
                    read.wait()
                    running.process.waitUntilExit()
                    continuation.resume(returning: Self.outcome(status: running.process.terminationStatus, signalled: running.process.terminationReason == .uncaughtSignal,
                                                                stdout: String(decoding: stdout.data, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self)))
                }.start()
            }
        } onCancel: {
            running.process.terminate()
        }
    }

    /// A build that exited with 0 succeeded; one that failed gave its located errors on standard error; one that
    /// was killed by a signal (a crash) gave at most the runtime's last words.
    static func outcome(status: Int32, signalled: Bool, stdout: String, stderr: String) -> Outcome {
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if !signalled && status == 0 {
            let summary = stdout.split(separator: "\n").last.map(String.init) ?? ""
            return Outcome(succeeded: true, summary: summary, errors: [])
        }
        let located = lines.filter { $0.contains(": error: ") }
        if !signalled && !located.isEmpty { return Outcome(succeeded: false, summary: "", errors: located) }
        let why = signalled ? "the build crashed (signal \(status)\(signalName(status).map { ", \($0)" } ?? ""))"
                            : "the build stopped with exit code \(status)"
        return Outcome(succeeded: false, summary: "", errors: ["\(why); the last good site is served"] + lines.suffix(20))
    }

    static func signalName(_ number: Int32) -> String? {
        [SIGSEGV: "SIGSEGV", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGKILL: "SIGKILL",
         SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGFPE: "SIGFPE"][number]
    }
}

/// What one thread read, for the thread that waits for it: the semaphore it signals once done orders its write
/// before the other's read, so no lock is needed.
private final class Box: @unchecked Sendable {
    var data = Data()
}

/// The child, shared with the cancellation handler (Process is thread-safe for `terminate`).
private final class RunningProcess: @unchecked Sendable {
    let process: Process
    init(process: Process) { self.process = process }
}
