import Foundation
import Testing
import PasserelleContent
import PasserelleCore
@testable import PasserelleSite
@testable import PasserelleTheme

/// The build cache: a build after an edit renders and writes only what the edit touches, and its output is
/// byte for byte what a clean full build of the same sources gives.
@Suite struct IncrementalBuildTests {
    /// The sample (with its markets) and the default theme in a scratch folder, built once with a cache.
    final class Workspace {
        let scratch = Scratch()
        let content: String
        let themes: String
        var output: String { scratch.path + "/Public" }
        var cache: String { scratch.path + "/cache" }
        /// The build's date, for incremental and full builds alike.
        var today = Repository.sampleDay
        private var fullBuilds = 0

        init() {
            content = scratch.copy(Repository.content, to: "Content")
            themes = scratch.copy(Repository.themes, to: "Themes")
        }

        func options(output: String, cached: Bool) -> BuildOptions {
            var options = BuildOptions(content: content, themes: themes, output: output, today: today)
            options.cache = cached ? cache : nil
            return options
        }

        /// The incremental build into Public/.
        func build() -> BuildResult { SiteBuilder().build(options(output: output, cached: true)) }

        /// A clean full build of the same sources, without the cache, into a new folder.
        func fullBuild() -> [String: Data] {
            fullBuilds += 1
            let folder = scratch.path + "/full-\(fullBuilds)"
            #expect(SiteBuilder().build(options(output: folder, cached: false)).succeeded)
            return BuiltSite(path: folder).files
        }

        func edit(_ relative: String, _ change: (String) -> String) {
            let path = scratch.path + "/" + relative
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let changed = change(text)
            #expect(changed != text, "the edit of \(relative) changes nothing")
            FileManager.default.createFile(atPath: path, contents: Data(changed.utf8))
        }

        /// Builds incrementally and checks the output equals a clean full build; returns the build.
        @discardableResult
        func rebuildMatchesFullBuild(_ step: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> BuildResult {
            let result = build()
            #expect(result.succeeded, "\(step): \(result.diagnostics.errors)", sourceLocation: sourceLocation)
            let incremental = BuiltSite(path: output).files
            let full = fullBuild()
            let differing = Set(incremental.keys).union(full.keys).filter { incremental[$0] != full[$0] }.sorted()
            #expect(differing.isEmpty, "\(step): \(differing.prefix(5))", sourceLocation: sourceLocation)
            #expect(incremental.count == full.count, sourceLocation: sourceLocation)
            return result
        }
    }

    @Test func everyKindOfEditGivesWhatAFullBuildGives() throws {
        let site = Workspace()
        let first = site.build()
        #expect(first.succeeded && first.filesChanged == nil)
        let total = first.filesWritten
        #expect(total > 1500)

        // One talent's headline: its pages, the listings and cards that show it, a few search shards.
        site.edit("Content/talents/anas-berrada.md") { $0.replacingOccurrences(of: "headline: Cloud engineer,", with: "headline: Cloud architect,") }
        var result = site.rebuildMatchesFullBuild("talent edit")
        let talentChanges = try #require(result.filesChanged)
        #expect(talentChanges > 0 && talentChanges < total / 4)
        #expect(result.stages.contains { $0.name == "render" })
        #expect(BuiltSite(path: site.output).html("be/talents/anas-berrada/index.html").contains("Cloud architect"))

        // One vacancy's title: its pages, listings, the employer page, the match lists that name it.
        site.edit("Content/vacancies/elderly-care-nurse-brussels.md") { $0.replacingOccurrences(of: "title: ", with: "title: Senior ") }
        result = site.rebuildMatchesFullBuild("vacancy edit")
        #expect((result.filesChanged ?? total) < total / 4)

        // A template: only the pages rendered from it (and the listing pages are not).
        site.edit("Themes/default/templates/vacancy.mustache") { $0.replacingOccurrences(of: "{{<base}}", with: "{{<base}}\n{{! edited }}") + "\n" }
        result = site.rebuildMatchesFullBuild("template edit")
        #expect((result.filesChanged ?? total) < total / 4)

        // A UI string of one language re-renders that language's pages.
        site.edit("Themes/default/i18n/fr.yml") { $0.replacingOccurrences(of: "nav_talents: Talents", with: "nav_talents: Nos talents") }
        result = site.rebuildMatchesFullBuild("French strings")
        #expect(BuiltSite(path: site.output).html("be/fr/index.html").contains("Nos talents"))

        // site.yml: every page shows the site's title.
        site.edit("Content/site.yml") { $0.replacingOccurrences(of: "title: Passerelle Talents", with: "title: Passerelle Talent Hub") }
        result = site.rebuildMatchesFullBuild("site.yml edit")
        let pages = BuiltSite(path: site.output).files.keys.filter { $0.hasSuffix(".html") }.count
        #expect((result.filesChanged ?? 0) >= pages)

        // Consent withdrawn: every page of the talent goes, in every language and market.
        site.edit("Content/talents/anas-berrada.md") { $0.replacingOccurrences(of: "consent: true", with: "consent: false") }
        result = site.rebuildMatchesFullBuild("consent withdrawn")
        // The summary counts the files written among those of the output, and the old ones deleted apart.
        let written = try #require(result.filesChanged)
        #expect(written > 0 && written <= result.filesWritten && result.filesDeleted > 0)
        #expect(result.summary(output: "Public", wrote: true).contains(
            "; \(result.filesWritten) files in Public (\(written) of them written, \(result.filesDeleted) old files deleted) in "))
        #expect(!BuiltSite(path: site.output).exists("be/talents/anas-berrada/index.html"))
        #expect(!BuiltSite(path: site.output).exists("ma/ar/talents/anas-berrada/index.html"))
        #expect(!BuiltSite(path: site.output).exists("be/talents/anas-berrada"), "its folder is removed too")

        // A file deleted, one added, a media file replaced.
        try FileManager.default.removeItem(atPath: site.content + "/talents/zineb-alaoui.md")
        site.scratch.write("Content/talents/new-talent.md", """
        ---
        name: Nouvelle Talent
        headline: Nurse
        country: MA
        skills: [Nursing]
        languages: [{code: fr, level: C1}]
        mobility: [BE]
        consent: true
        ---
        Ready to start.
        """)
        try site.scratch.replace("Content/media/talents/salma-benali.png", with: "Content/media/talents/loubna-chraibi.png")
        site.rebuildMatchesFullBuild("files deleted, added, replaced")
        #expect(!BuiltSite(path: site.output).exists("be/talents/zineb-alaoui/index.html"))
        #expect(BuiltSite(path: site.output).exists("be/talents/new-talent/index.html"))
    }

    /// Edits whose effects reach pages other than the item's own: what the dependency tracking must not miss.
    @Test func editsThatReachOtherPagesGiveWhatAFullBuildGives() throws {
        let site = Workspace()
        #expect(site.build().succeeded)

        // A featured talent's headline: its card on the home page of every language changes.
        site.edit("Content/talents/hajar-moussaoui.md") { $0.replacingOccurrences(of: "headline: Aide-soignante,", with: "headline: Aide-soignante diplômée,") }
        site.rebuildMatchesFullBuild("featured talent edit")
        #expect(BuiltSite(path: site.output).html("be/index.html").contains("Aide-soignante diplômée"))

        // A skill replaced: the talent's matches change, and so do the vacancy pages that list them.
        site.edit("Content/talents/hajar-moussaoui.md") { $0.replacingOccurrences(of: "  - Soins gériatriques\n", with: "  - Comptabilité\n") }
        site.rebuildMatchesFullBuild("skill replaced")

        // Text appended to the body: the talent's pages and the search shards of the new words.
        site.edit("Content/talents/hajar-moussaoui.md") { $0 + "\nDisponible pour des remplacements de nuit.\n" }
        site.rebuildMatchesFullBuild("body appended")

        // A translation file: the page in that language, and the cards that show the translated headline.
        site.edit("Content/talents/fatima-zahra-el-idrissi.fr.md") { $0.replacingOccurrences(of: "headline: Infirmière diplômée,", with: "headline: Infirmière confirmée,") }
        site.rebuildMatchesFullBuild("translation edit")
        #expect(BuiltSite(path: site.output).html("be/fr/talents/fatima-zahra-el-idrissi/index.html").contains("Infirmière confirmée"))

        // The featured list in site.yml: the home pages change.
        site.edit("Content/site.yml") { $0.replacingOccurrences(of: "featured: [youssef-el-amrani, ", with: "featured: [") }
        site.rebuildMatchesFullBuild("featured list edit")
    }

    /// Edits of what other pages show: the pages whose inputs did not change are not made at all, and the
    /// output is still a clean full build's, messages of the pages not made included.
    @Test func pagesAreMadeOnlyWhenWhatTheyShowChanged() throws {
        let site = Workspace()
        // A broken link in a talent's text: a warning that its page gives when it is made.
        site.edit("Content/talents/zineb-alaoui.md") { $0 + "\nSee [my old page](/talents/nobody-here/).\n" }
        let first = site.build()
        #expect(first.succeeded)
        let pages = first.pageLinks.count
        #expect(first.pagesMade == pages - 1, "a first build makes every page (the markets page is made apart)")
        let warning = try #require(first.diagnostics.warnings.first { $0.file.hasSuffix("zineb-alaoui.md") })

        // Text appended to one talent: its own pages (one per language and market it is in), and those that
        // show the search index's address (the index changed).
        site.edit("Content/talents/anas-berrada.md") { $0 + "\nAvailable for short assignments.\n" }
        var result = site.rebuildMatchesFullBuild("talent body appended")
        let made = try #require(result.pagesMade)
        #expect(made > 0 && made < pages / 5, "\(made) of \(pages) pages made")
        #expect(result.diagnostics.warnings.contains(warning), "the warning of a page not made is reported again")

        // A skill replaced: the talent's matches change, and the vacancy pages that rank it.
        site.edit("Content/talents/anas-berrada.md") { $0.replacingOccurrences(of: "  - Azure\n", with: "  - Nursing\n") }
        result = site.rebuildMatchesFullBuild("talent's matches changed")
        #expect((result.pagesMade ?? pages) < pages / 2)

        // An employer's name: its page, its cards, and the cards and match lists of its vacancies.
        site.edit("Content/employers/atlas-digital.md") { $0.replacingOccurrences(of: "name: Atlas Digital", with: "name: Atlas Digital Group") }
        result = site.rebuildMatchesFullBuild("employer edit")
        #expect((result.pagesMade ?? pages) < pages / 2)
        #expect(BuiltSite(path: site.output).html("ma/vacancies/devops-cloud-engineer-rabat/index.html").contains("Atlas Digital Group"))

        // A vacancy's title, shown in the match lists of talent pages.
        site.edit("Content/vacancies/devops-cloud-engineer-rabat.md") { $0.replacingOccurrences(of: "title: ", with: "title: Lead ") }
        result = site.rebuildMatchesFullBuild("vacancy title edit")
        #expect((result.pagesMade ?? pages) < pages / 2)

        // A translation of an employer.
        site.edit("Content/employers/zorggroep-schelde.fr.md") { $0 + "\nEncore une ligne.\n" }
        site.rebuildMatchesFullBuild("employer translation edit")

        // skills.yml: skill names on every page that shows skills.
        site.edit("Content/skills.yml") { $0.replacingOccurrences(of: "Kubernetes: [K8s]", with: "Kubernetes: [K8s, Kube]\nTerraform: {aliases: [], fr: \"Terraform (IaC)\"}") }
        site.rebuildMatchesFullBuild("skills.yml edit")

        // occupations.yml: a label changed (pages, search, filter labels) and a file naming the occupation by it.
        site.edit("Content/occupations.yml") { $0.replacingOccurrences(of: "nl: [Verpleegkundige, verpleger, verpleegster]", with: "nl: [Verpleegkundige, verpleger, verpleegster, zuster]") }
        site.rebuildMatchesFullBuild("occupations.yml edit")
        site.edit("Content/talents/karim-benjelloun.md") { $0.replacingOccurrences(of: "occupation: nurse", with: "occupation: zuster") }
        site.rebuildMatchesFullBuild("an occupation named by a new label")

        // A talent withdrawn: gone from listings, match lists and the home page.
        site.edit("Content/talents/hajar-moussaoui.md") { $0.replacingOccurrences(of: "consent: true", with: "consent: false") }
        site.rebuildMatchesFullBuild("talent withdrawn")

        // A later day: two vacancies expire.
        site.today = Day("2027-04-01")!
        result = site.rebuildMatchesFullBuild("vacancies expired")
        #expect(result.vacancies == first.vacancies - 2)
    }

    @Test func aBuildWithNothingChangedWritesNothingAndReportsTheSame() throws {
        let site = Workspace()
        site.scratch.write("Content/talents/warned.md", """
        ---
        name: Warned Talent
        headline: Nurse
        country: MA
        skills: [Nursing]
        languages: [{code: fr, level: C1}]
        mobility: [BE]
        consent: true
        favourite_colour: blue
        ---
        Text.
        """)
        let first = site.build()
        #expect(first.succeeded && !first.diagnostics.warnings.isEmpty)
        let page = site.output + "/be/index.html"
        let before = try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date
        let again = site.build()
        #expect(again.filesChanged == 0)
        #expect(again.summary(output: "Public", wrote: true).contains("(nothing changed)"))
        #expect(again.diagnostics.all == first.diagnostics.all, "the same warnings again")
        #expect((again.talents, again.vacancies, again.skipped) == (first.talents, first.vacancies, first.skipped))
        #expect(again.pageLinks == first.pageLinks)
        #expect(try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date == before)
    }

    @Test func theOutputIsRebuiltWhenItIsNotAsTheCacheSays() throws {
        let site = Workspace()
        #expect(site.build().succeeded)
        // A page deleted by hand, then an edit: the build notices the missing page and builds it all again.
        try FileManager.default.removeItem(atPath: site.output + "/be/talents/index.html")
        site.edit("Content/talents/anas-berrada.md") { $0.replacingOccurrences(of: "headline: Cloud engineer,", with: "headline: Cloud architect,") }
        site.rebuildMatchesFullBuild("page deleted by hand")
        // The output written by a build without the cache: the cache no longer describes it.
        #expect(SiteBuilder().build(site.options(output: site.output, cached: false)).succeeded)
        site.edit("Content/talents/anas-berrada.md") { $0.replacingOccurrences(of: "Cloud architect,", with: "Cloud lead,") }
        let result = site.rebuildMatchesFullBuild("output rewritten without the cache")
        // Rendered in full; written from the record the build without the cache left with the output's mirror.
        #expect(result.filesChanged.map { $0 > 0 && $0 < result.filesWritten / 4 } == true, "\(String(describing: result.filesChanged))")
        // Without that record either, the whole site is written anew, and is the same.
        #expect(SiteBuilder().build(site.options(output: site.output, cached: false)).succeeded)
        try FileManager.default.removeItem(atPath: site.scratch.path + "/.Public.mirror/" + OutputRecord.file)
        site.edit("Content/talents/anas-berrada.md") { $0.replacingOccurrences(of: "Cloud lead,", with: "Cloud director,") }
        #expect(site.rebuildMatchesFullBuild("output rewritten without the cache, its record gone").filesChanged == nil, "a full build")
    }

    @Test func aBuildWorkerTakesTheCacheFromItsMemoryAndGivesWhatAFullBuildGives() throws {
        let site = Workspace()
        var options = site.options(output: site.output, cached: true)
        let memory = BuildMemory()
        options.memory = memory
        #expect(SiteBuilder().build(options).succeeded)
        #expect(memory.counts.kept == 6 && memory.counts.taken == 0, "the five files of the cache and the output's record kept as written")
        site.edit("Content/talents/anas-berrada.md") { $0.replacingOccurrences(of: "headline: Cloud engineer,", with: "headline: Cloud architect,") }
        let edited = SiteBuilder().build(options)
        #expect(edited.succeeded && (edited.filesChanged ?? 0) > 0)
        #expect(memory.counts.taken == 4, "the stamps, the outputs, the parsed sources and the page records taken from memory, not read")
        #expect(BuiltSite(path: site.output).files == site.fullBuild())
        // A cache file changed by another build is read again, not taken from memory.
        site.edit("Content/talents/anas-berrada.md") { $0.replacingOccurrences(of: "headline: Cloud architect,", with: "headline: Cloud lead,") }
        #expect(SiteBuilder().build(site.options(output: site.output, cached: true)).succeeded)
        #expect(SiteBuilder().build(options).succeeded)
        #expect(memory.counts.taken == 4)
    }

    @Test func aFailedBuildLeavesTheOutputAndTheCacheUsable() throws {
        let site = Workspace()
        #expect(site.build().succeeded)
        let before = BuiltSite(path: site.output).files
        site.edit("Content/talents/anas-berrada.md") { $0.replacingOccurrences(of: "mobility: [BE, MA]", with: "mobility: [BE, MA") }
        let failed = site.build()
        #expect(!failed.succeeded)
        #expect(BuiltSite(path: site.output).files == before)
        site.edit("Content/talents/anas-berrada.md") { $0.replacingOccurrences(of: "mobility: [BE, MA", with: "mobility: [BE, MA]\nheadline_note: x") }
        site.rebuildMatchesFullBuild("fixed after a failure")
    }

    /// The content files kept parsed in the cache: after each edit, the messages and the files skipped are a full
    /// build's too, warnings of the files not read again included.
    @Test func theKeptContentFilesGiveTheMessagesOfAFullBuild() throws {
        let site = Workspace()
        #expect(site.build().succeeded)
        func rebuild(_ step: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let result = site.build()
            let full = SiteBuilder().build(site.options(output: site.scratch.path + "/check", cached: false))
            #expect(result.diagnostics.all == full.diagnostics.all, "\(step): messages", sourceLocation: sourceLocation)
            #expect(result.skipped == full.skipped, "\(step): skipped files", sourceLocation: sourceLocation)
            #expect(result.succeeded == full.succeeded, sourceLocation: sourceLocation)
            if result.succeeded { site.rebuildMatchesFullBuild(step, sourceLocation: sourceLocation) }
        }
        site.edit("Content/talents/hajar-moussaoui.md") { $0.replacingOccurrences(of: "consent: true", with: "consent: true\nfavourite_colour: blue") }
        rebuild("an unknown key warned about")
        site.edit("Content/talents/anas-berrada.md") { $0 + "\nOne more line.\n" }
        rebuild("another talent edited: the warning of the first still given")
        site.edit("Content/talents/fatima-zahra-el-idrissi.fr.md") { $0 + "\nUne ligne de plus.\n" }
        rebuild("a translation edited")
        site.edit("Content/talents/anas-berrada.md") { $0.replacingOccurrences(of: "consent: true", with: "consent: [true") }
        rebuild("an error made")
        site.edit("Content/talents/anas-berrada.md") { $0.replacingOccurrences(of: "consent: [true", with: "consent: true") }
        rebuild("the error fixed")
        try FileManager.default.removeItem(atPath: site.content + "/talents/fatima-zahra-el-idrissi.nl.md")
        rebuild("a translation deleted")
        site.scratch.write("Content/talents/new-talent.md", "---\nname: New Talent\nheadline: Nurse\ncountry: MA\nmobility: [BE]\nconsent: true\n---\nA nurse.\n")
        rebuild("a file added")
        site.edit("Content/skills.yml") { $0 + "\nCloud lead: [Cloud head]\n" }
        rebuild("skills.yml edited")
        site.edit("Content/site.yml") { $0 + "\nprivate: [favourite_colour]\n" }
        rebuild("site.yml's private keys edited: every file read again")
    }

    @Test func nothingIsWrittenThroughALinkedFolderInTheOutput() throws {
        let site = Workspace()
        #expect(site.build().succeeded)
        // be/media/ and be/ replaced by links to folders outside the output.
        let outside = site.scratch.path + "/elsewhere"
        try FileManager.default.moveItem(atPath: site.output + "/be/media", toPath: outside)
        try FileManager.default.createSymbolicLink(atPath: site.output + "/be/media", withDestinationPath: outside)
        let outsideMarket = site.scratch.path + "/market-elsewhere"
        try FileManager.default.moveItem(atPath: site.output + "/ma", toPath: outsideMarket)
        try FileManager.default.createSymbolicLink(atPath: site.output + "/ma", withDestinationPath: outsideMarket)
        let before = BuiltSite(path: outside).files
        let marketBefore = BuiltSite(path: outsideMarket).files
        try site.scratch.replace("Content/media/talents/salma-benali.png", with: "Content/media/talents/loubna-chraibi.png")
        site.rebuildMatchesFullBuild("media replaced under a linked folder")
        #expect(BuiltSite(path: outside).files == before, "the folder outside the output is untouched")
        #expect(BuiltSite(path: outsideMarket).files == marketBefore && marketBefore.count > 100)
    }

    @Test func aTemplateIsTracedThroughThePartialsItUses() {
        let uses = TemplateDependencies.references(in: "{{<base}}{{$content}}{{>\n  talent-card }}{{> *dynamic}}{{/content}}{{/base}}")
        #expect(uses == ["base", "talent-card", "*dynamic"])
        let plain = TemplateDependencies(texts: ["page": "{{<base}}{{/base}}", "base": "{{> footer}}", "footer": "a", "other": "b"])
        let edited = TemplateDependencies(texts: ["page": "{{<base}}{{/base}}", "base": "{{> footer}}", "footer": "changed", "other": "b"])
        #expect(plain.fingerprints["page"] != edited.fingerprints["page"], "a partial of the parent changes the page")
        #expect(plain.fingerprints["other"] == edited.fingerprints["other"])
        // A dynamic partial may be any template: every page depends on every template.
        let dynamic = TemplateDependencies(texts: ["page": "{{> *name}}", "other": "b"])
        let dynamicEdited = TemplateDependencies(texts: ["page": "{{> *name}}", "other": "c"])
        #expect(dynamic.fingerprints["page"] != dynamicEdited.fingerprints["page"])
    }
}
