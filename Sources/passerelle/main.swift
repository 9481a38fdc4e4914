import ArgumentParser
import Foundation
import PasserelleContent
import PasserelleCore
import PasserelleMatching
import PasserelleServe
import PasserelleSite

/// The command line: a thin shell over PasserelleSite.
@main
struct Passerelle: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passerelle",
        abstract: "Builds a talent-matching website from Markdown and JSON profiles, vacancies and pages.",
        discussion: """
        A site lives in two folders: Content/ (site.yml, talents/, vacancies/, employers/, pages/, media/) \
        and Themes/ (the default theme and your own). The built site goes to Public/, ready for any static host.

        Start with:
          passerelle new talent amina-el-idrissi   write a starter profile to fill in
          passerelle check                         find every problem, with file:line:column
          passerelle build                         write the site to Public/
          passerelle match --vacancy nurse-gent    who fits this vacancy, and why

        See README.md and docs/ for the content format and themes.
        """,
        subcommands: [Build.self, Check.self, Match.self, New.self, Serve.self])
}

struct SiteFolders: ParsableArguments {
    @Option(help: ArgumentHelp("The content folder: site.yml, talents/, vacancies/, employers/, pages/, media/.", valueName: "dir"))
    var content = "Content"

    @Option(help: ArgumentHelp("The themes folder; site.yml's `theme:` names one of its sub-folders.", valueName: "dir"))
    var themes = "Themes"

    @Flag(help: "Also publish pages marked `draft: true`.")
    var drafts = false

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Replace site.yml's base_url, e.g. http://localhost:8000/.", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Judge vacancies open on this day (YYYY-MM-DD) instead of today.", valueName: "date"))
    var date: String?

    @Option(help: ArgumentHelp("Build only this market of site.yml's `markets:`, at the output folder's root.", valueName: "name"))
    var market: String?

    @Option(help: ArgumentHelp("How many cores to use (default: all); the output is the same for any number.", valueName: "n"))
    var jobs: Int?

    func options(output: String, write: Bool) throws -> BuildOptions {
        var today = Day.today
        if let date {
            guard let day = Day(date) else { throw ValidationError("--date must be a date YYYY-MM-DD, not '\(date)'") }
            today = day
        }
        var options = BuildOptions(content: content, themes: themes, output: output, includeDrafts: drafts, baseURL: baseURL, today: today, write: write, market: market)
        if let jobs {
            guard jobs >= 1 else { throw ValidationError("--jobs must be 1 or more") }
            options.jobs = jobs
        }
        return options
    }
}

/// Where the build cache lives, for the commands that write a site.
struct CacheOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The build cache's folder: the next build renders and writes only what changed.", valueName: "dir"))
    var cache = ".passerelle-cache"

    @Flag(name: .customLong("no-cache"), help: "Build everything, neither reading nor writing the build cache (only changed files are still written).")
    var noCache = false

    func apply(to options: inout BuildOptions) {
        options.cache = noCache ? nil : cache
    }
}

/// Where the build report goes (`--report FILE`), for the commands that read the whole content.
struct ReportOption: ParsableArguments {
    @Option(help: ArgumentHelp("Write a JSON report of every content file: published (at which addresses), skipped (why) or rejected (its errors).", valueName: "file"))
    var report: String?

    /// The report may not be written into the folders a build reads or replaces.
    func validate(content: String, output: String?) throws {
        guard let report else { return }
        let file = URL(fileURLWithPath: report).standardizedFileURL.path
        for folder in [content] + (output.map { [$0] } ?? []) {
            let path = URL(fileURLWithPath: folder).standardizedFileURL.path
            if file == path || file.hasPrefix(path.hasSuffix("/") ? path : path + "/") {
                throw ValidationError("--report must be outside \(folder): the build reads or replaces that folder")
            }
        }
    }

    /// Written whether the build succeeded or not: a failed build's report says which files were rejected.
    func write(_ result: BuildResult, wrote: Bool) throws {
        try write(BuildReport(result, wrote: wrote))
    }

    /// The build options are read first: when one cannot be used, the report says so (and the error goes on).
    func options(_ folders: SiteFolders, output: String, write: Bool) throws -> BuildOptions {
        do {
            return try folders.options(output: output, write: write)
        } catch {
            try self.write(BuildReport(stoppedBy: "error: \(error)"))
            throw error
        }
    }

    private func write(_ built: BuildReport) throws {
        guard let report else { return }
        do {
            try built.json().write(to: URL(fileURLWithPath: report))
        } catch {
            FileHandle.standardError.write(Data("\(report): error: the report could not be written: \(error.localizedDescription)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// Prints every diagnostic to standard error, errors first, and fails on errors.
func report(_ result: BuildResult, output: String, wrote: Bool) throws {
    let printed = result.printed(output: output, wrote: wrote)
    FileHandle.standardError.write(Data(printed.err.utf8))
    guard printed.status == 0 else { throw ExitCode.failure }
    print(printed.out, terminator: "")
}

extension Passerelle {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site into the output folder.",
            discussion: """
            Reads every content file, reports every problem at once as path:line:column, and writes the site only \
            when there is no error, so a failed build leaves the previous site exactly as it was. Every build is \
            written beside the output folder and swapped in at once, so a killed build leaves the previous site or \
            the new one; the build cache (.passerelle-cache/) lets it render and write only the pages an edit \
            touches, and do nothing when nothing changed. An output folder that is a symbolic link is refused. Talents without `consent: true`, expired vacancies \
            and drafts are skipped, and the summary line says so.
            """)

        @OptionGroup var folders: SiteFolders

        @Option(help: ArgumentHelp("Where to write the site.", valueName: "dir"))
        var output = "Public"

        @OptionGroup var caching: CacheOptions

        @Flag(help: "Print the time spent in each stage (load, theme, enrich, render, write) to standard error.")
        var timings = false

        @OptionGroup var reporting: ReportOption

        /// `serve`'s build worker: builds each time standard input says `build`, keeping its state in memory.
        @Flag(help: .hidden)
        var worker = false

        func validate() throws {
            try reporting.validate(content: folders.content, output: output)
        }

        func run() throws {
            var options = try reporting.options(folders, output: output, write: true)
            caching.apply(to: &options)
            options.listsPublication = reporting.report != nil
            if worker { return BuildProcess.serveRequests(options: options) }
            let result = SiteBuilder().build(options)
            try reporting.write(result, wrote: true)
            if timings {
                for stage in result.stages {
                    FileHandle.standardError.write(Data(String(format: "%-18@ %8.3f s\n", stage.name as NSString, stage.seconds).utf8))
                }
                if let made = result.pagesMade {
                    FileHandle.standardError.write(Data("pages made        \(made) of \(result.pageLinks.count)\n".utf8))
                }
            }
            try report(result, output: output, wrote: true)
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the content and the theme; write nothing.",
            discussion: "Exits with 1 when there is an error. Warnings (unknown keys, missing photos) are printed and do not fail.")

        @OptionGroup var folders: SiteFolders

        @OptionGroup var reporting: ReportOption

        func validate() throws {
            try reporting.validate(content: folders.content, output: nil)
        }

        func run() throws {
            let result = SiteBuilder().build(try reporting.options(folders, output: "", write: false))
            try reporting.write(result, wrote: false)
            try report(result, output: "", wrote: false)
        }
    }

    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rank talents against vacancies, with the reasons: the same ranking the site shows.",
            discussion: """
            A talent is eligible for a vacancy when the vacancy's country is among the talent's mobility countries \
            (if any are listed) and every language the vacancy requires is spoken at its minimum CEFR level. \
            Eligible talents with at least one required skill are scored from 0 to 100 (docs/matching.md explains \
            the score and site.yml's matching weights). Order: score, then slug.

            Examples:
              passerelle match --vacancy nurse-antwerpen
              passerelle match --talent amina-el-idrissi --top 5
              passerelle match --vacancy nurse-antwerpen --all --format csv > nurse.csv
              passerelle match --format json
            """)

        @Option(help: ArgumentHelp("The content folder.", valueName: "dir"))
        var content = "Content"

        @Option(help: ArgumentHelp("Only this vacancy: its best talents.", valueName: "slug"))
        var vacancy: String?

        @Option(help: ArgumentHelp("Only this talent: the vacancies that fit.", valueName: "slug"))
        var talent: String?

        @Option(help: ArgumentHelp("How many per vacancy (or for the talent); default: site.yml's matching.top, or every pair with --all.", valueName: "k"))
        var top: Int?

        @Flag(help: "Include every pair, ineligible ones too, with the reasons.")
        var all = false

        @Option(help: ArgumentHelp("table (for people), json (an array of {vacancy, talent, score, eligible, reasons}) or csv.", valueName: "format"))
        var format = "table"

        @Option(help: ArgumentHelp("Judge vacancies open on this day (YYYY-MM-DD) instead of today.", valueName: "date"))
        var date: String?

        @Option(help: ArgumentHelp("Only this market of site.yml's `markets:`: its talents and vacancies, as its site ranks them.", valueName: "name"))
        var market: String?

        func validate() throws {
            if vacancy != nil && talent != nil { throw ValidationError("give --vacancy or --talent, not both") }
            if let top, top < 1 { throw ValidationError("--top must be 1 or more") }
            if MatchOutput.Format(rawValue: format) == nil { throw ValidationError("--format must be table, json or csv, not '\(format)'") }
            if let date, Day(date) == nil { throw ValidationError("--date must be a date YYYY-MM-DD, not '\(date)'") }
        }

        func run() throws {
            let request = MatchRequest(content: content, vacancy: vacancy, talent: talent, top: top, includeIneligible: all,
                                       today: date.flatMap { Day($0) } ?? .today, market: market)
            let result = SiteBuilder().match(request)
            for diagnostic in result.diagnostics.sorted where diagnostic.severity == .error {
                FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
            }
            if result.diagnostics.hasErrors { throw ExitCode.failure }
            print(MatchOutput.render(result.matches, as: MatchOutput.Format(rawValue: format) ?? .table), terminator: "")
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a commented starter file for a talent, a vacancy or a page.",
            discussion: """
            Examples:
              passerelle new talent amina-el-idrissi     → Content/talents/amina-el-idrissi.md
              passerelle new vacancy nurse-gent          → Content/vacancies/nurse-gent.md
              passerelle new page news/open-day          → Content/pages/news/open-day.md
            The slug is the file name: lower-case letters, digits and '-'. An existing file is never overwritten.
            """)

        @Argument(help: ArgumentHelp("What to create: talent, vacancy or page.", valueName: "kind"))
        var kind: String

        @Argument(help: ArgumentHelp("The slug, e.g. amina-el-idrissi (pages may add folders: news/open-day).", valueName: "slug"))
        var slug: String

        @Option(help: ArgumentHelp("The content folder.", valueName: "dir"))
        var content = "Content"

        func run() throws {
            guard let starter = StarterFiles.Kind(rawValue: kind) else {
                throw ValidationError("kind must be talent, vacancy or page, not '\(kind)'")
            }
            guard let relative = StarterFiles.relativePath(kind: starter, slug: slug) else {
                let shown = slug.count > 60 ? slug.prefix(60) + "…" : slug
                throw ValidationError("'\(shown)' is not a valid slug: use lower-case letters, digits and '-', at most \(Slug.maxLength) characters")
            }
            let path = (content as NSString).appendingPathComponent(relative)
            guard !FileManager.default.fileExists(atPath: path) else {
                throw ValidationError("\(path) already exists; it was left as it is")
            }
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try StarterFiles.text(kind: starter, slug: slug, today: .today).write(toFile: path, atomically: true, encoding: .utf8)
            print("Wrote \(path): fill it in, then run `passerelle check`.")
        }
    }

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build, serve the site on 127.0.0.1, and rebuild and reload open pages when a file changes.",
            discussion: """
            Watches the content and themes folders. After a successful rebuild every open page reloads; after a \
            failed one the pages show the located errors over the last good site, which stays up. The site is built \
            with base_url http://127.0.0.1:PORT/, so run `passerelle build` before publishing the output folder. \
            Each rebuild is a `passerelle build` process of its own: a build that crashes leaves the server up. \
            Only requests for 127.0.0.1:PORT or localhost:PORT are answered (421 otherwise), the live-reload \
            WebSocket opens only for pages of those origins (403 otherwise), a request line over 8 KiB gets 414 \
            and header fields over 16 KiB 431. Ctrl-C stops the server.
            """)

        @OptionGroup var folders: SiteFolders

        @Option(help: ArgumentHelp("Where to write the site that is served.", valueName: "dir"))
        var output = "Public"

        @Option(help: ArgumentHelp("The port on 127.0.0.1.", valueName: "port"))
        var port: UInt16 = 8000

        @OptionGroup var caching: CacheOptions

        func run() async throws {
            var options = try folders.options(output: output, write: true)
            caching.apply(to: &options)
            // Each rebuild runs this same program as `passerelle build`, in a process of its own.
            let server = DevServer(options: options, port: port, executable: Bundle.main.executablePath ?? CommandLine.arguments[0])
            let task = Task { try await server.run { line in print(line); fflush(nil) } }
            var sources: [DispatchSourceSignal] = []
            for signal in [SIGINT, SIGTERM] {
                Foundation.signal(signal, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
                source.setEventHandler { task.cancel() }
                source.resume()
                sources.append(source)
            }
            try await task.value
            print("Stopped.")
        }
    }
}
