import Foundation
import PasserelleSite
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#else
import Darwin
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif

/// `serve`'s builds, run by a build worker: a child process (`passerelle build --worker` of the same program)
/// that stays up between rebuilds and keeps the build's state in memory (`BuildMemory`), so that a rebuild
/// after an edit reads nothing it already holds. A build that crashes ends only the worker: the server keeps
/// serving the last good site and shows why the build stopped, and the next rebuild starts a new worker.
///
/// The worker builds each time a line `build` reaches its standard input, and answers with one line of JSON:
/// the exit status and what `passerelle build` would have printed on standard output and standard error.
public final class BuildProcess: @unchecked Sendable {
    /// The `passerelle` program that builds.
    public let executable: String
    public let arguments: [String]
    private let lock = NSLock()
    private var worker: Worker?

    static let request = "build"

    public init(executable: String, options: BuildOptions) {
        self.executable = executable
        var arguments = ["build", "--content", options.content, "--themes", options.themes, "--output", options.output,
                         "--date", options.today.description, "--jobs", String(options.jobs)]
        if let baseURL = options.baseURL { arguments += ["--base-url", baseURL] }
        if options.includeDrafts { arguments.append("--drafts") }
        if let market = options.market { arguments += ["--market", market] }
        arguments += options.cache.map { ["--cache", $0] } ?? ["--no-cache"]
        self.arguments = arguments + ["--worker"]
    }

    /// How one build ended.
    struct Outcome: Equatable {
        var succeeded: Bool
        /// The summary line of a successful build.
        var summary: String
        /// The located errors of a failed build, or why it stopped.
        var errors: [String]
    }

    /// What the worker answers for one build.
    struct Answer: Codable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs one build to its end (or until the task is cancelled, which stops the worker).
    func run() async -> Outcome {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // A thread of its own, not the tasks' shared ones, waits for the worker's answer.
                Thread { continuation.resume(returning: self.build()) }.start()
            }
        } onCancel: {
            lock.withLock { worker }?.process.terminate()
        }
    }

    /// Ends the worker, when the server stops.
    func stop() {
        lock.withLock { worker.map { worker in { worker.finish() } } }?()
        lock.withLock { worker = nil }
    }

    /// One build by the running worker, or by a new one when there is none (or it ended while idle).
    private func build() -> Outcome {
        for attempt in 0..<2 {
            let current: Worker
            do {
                current = try lock.withLock { try worker ?? Worker.start(executable, arguments) }
                lock.withLock { worker = current }
            } catch {
                return Outcome(succeeded: false, summary: "", errors: ["\(executable): error: the build could not be started: \(error)"])
            }
            // A worker that ended since the last build (killed while idle) is replaced before it is asked.
            guard current.send(Self.request + "\n") || attempt == 1 else {
                current.finish()
                lock.withLock { worker = nil }
                continue
            }
            if let line = current.readLine(), let answer = try? JSONDecoder().decode(Answer.self, from: Data(line.utf8)) {
                return Self.outcome(status: answer.status, signalled: false, stdout: answer.stdout, stderr: answer.stderr)
            }
            // No answer: the worker ended during the build. Its last words are on its standard error.
            let ended = current.finish()
            lock.withLock { if worker === current { worker = nil } }
            return Self.outcome(status: ended.status, signalled: ended.signalled, stdout: "", stderr: ended.stderr)
        }
        return Outcome(succeeded: false, summary: "", errors: ["\(executable): error: the build could not be started"])
    }

    /// The worker's side: builds at each `build` line on standard input until it ends, with one memory kept
    /// between builds, and answers each with one line on standard output.
    public static func serveRequests(options: BuildOptions) {
        // `serve` ignores Ctrl-C and SIGTERM for itself (it stops on them in order); its worker must not.
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        var options = options
        options.memory = BuildMemory()
        let encoder = JSONEncoder()
        while let line = Swift.readLine() {
            guard line == request else { continue }
            let printed = SiteBuilder().build(options).printed(output: options.output, wrote: true)
            guard let json = try? encoder.encode(Answer(status: printed.status, stdout: printed.out, stderr: printed.err)) else { continue }
            FileHandle.standardOutput.write(json + Data("\n".utf8))
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

/// A running worker: its process, the end of its standard input the server writes, its standard output read
/// line by line, and the last of its standard error, read all along on a thread of its own.
private final class Worker: @unchecked Sendable {
    let process: Process
    private let input: Int32
    private let output: Int32
    private var buffered: [UInt8] = []
    private let errors = ErrorTail()

    private init(process: Process, input: Int32, output: Int32) {
        self.process = process
        self.input = input
        self.output = output
    }

    static func start(_ executable: String, _ arguments: [String]) throws -> Worker {
        // A worker that ends makes writing to it fail, not end the server.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let worker = Worker(process: process, input: stdin.fileHandleForWriting.fileDescriptor, output: stdout.fileHandleForReading.fileDescriptor)
        worker.keep = [stdin, stdout, stderr]
        let errors = worker.errors
        let handle = stderr.fileHandleForReading
        Thread {
            while case let data = handle.availableData, !data.isEmpty { errors.append(data) }
            errors.close()
        }.start()
        return worker
    }

    /// The pipes, kept open as long as the worker.
    private var keep: [Pipe] = []

    /// False when the worker no longer reads.
    func send(_ text: String) -> Bool {
        guard process.isRunning else { return false }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { systemWrite(input, $0.baseAddress, $0.count) } == bytes.count
    }

    /// The next line the worker writes; nil when it ended first.
    func readLine() -> String? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let end = buffered.firstIndex(of: 0x0A) {
                let line = String(decoding: buffered[..<end], as: UTF8.self)
                buffered.removeSubrange(...end)
                return line
            }
            let count = chunk.withUnsafeMutableBytes { systemRead(output, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            buffered += chunk[..<count]
        }
    }

    /// Stops the worker (if it still runs) and says how it ended.
    @discardableResult
    func finish() -> (status: Int32, signalled: Bool, stderr: String) {
        // An idle worker ends when its input does; a busy one is stopped.
        try? keep.first?.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, errors.text())
    }
}

/// The last 64 kB a worker wrote on its standard error, complete once it closed.
private final class ErrorTail: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()
    private let closed = DispatchSemaphore(value: 0)

    func append(_ data: Data) {
        lock.withLock {
            bytes.append(data)
            if bytes.count > 65536 { bytes = bytes.suffix(65536) }
        }
    }

    func close() { closed.signal() }

    /// Waits for the end of the stream (the worker has ended), then gives the text.
    func text() -> String {
        closed.wait()
        closed.signal()
        return lock.withLock { String(decoding: bytes, as: UTF8.self) }
    }
}
