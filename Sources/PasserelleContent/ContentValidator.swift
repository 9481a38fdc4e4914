/// Checks that need more than one file: employers named by vacancies, media that must exist,
/// featured talents that must be there.
enum ContentValidator {
    static func validate(_ content: inout Content) {
        let media = Set(content.media.map(\.path))
        let employerSlugs = Set(content.employers.map(\.slug))
        var log = DiagnosticLog()

        for index in content.talents.indices {
            let talent = content.talents[index]
            if let photo = talent.photo, !media.contains(photo) {
                log.warning(talent.source.path, .start, "photo '\(photo)' is not in media/; an initials avatar is shown instead", expected: "a file under media/")
                content.talents[index].photo = nil
            }
            if case let .media(path) = talent.video, !media.contains(path) {
                log.error(talent.source.path, .start, "video '\(path)' is not in media/", expected: "a file under media/ or a YouTube or Vimeo address")
            }
        }
        for vacancy in content.vacancies where !employerSlugs.contains(vacancy.employer) && Slug.isValid(vacancy.employer) {
            log.warning(vacancy.source.path, vacancy.employerLocation,
                        "no employers/\(vacancy.employer).md: the employer is shown as plain text '\(vacancy.employer)'",
                        expected: "an employer slug from employers/, or the employer's name")
        }
        for index in content.employers.indices {
            if let logo = content.employers[index].logo, !media.contains(logo) {
                log.warning(content.employers[index].source.path, .start, "logo '\(logo)' is not in media/", expected: "a file under media/")
                content.employers[index].logo = nil
            }
        }
        for index in content.pages.indices {
            if let image = content.pages[index].image, !media.contains(image) {
                log.warning(content.pages[index].source.path, .start, "image '\(image)' is not in media/", expected: "a file under media/")
                content.pages[index].image = nil
            }
        }
        if let site = content.site {
            let talentSlugs = Set(content.talents.map(\.slug))
            for slug in site.featured where !talentSlugs.contains(slug) {
                log.warning(site.source, site.locations["featured"] ?? .start, "featured talent '\(slug)' does not exist", expected: "a slug from talents/")
            }
        }
        content.diagnostics.append(contentsOf: log)
    }
}
