/// Checks that need more than one file: employers named by vacancies, media that must exist,
/// featured talents that must be there.
enum ContentValidator {
    static func validate(_ content: inout Content) {
        let media = Set(content.media.map(\.path))
        let employerSlugs = Set(content.employers.map(\.slug))
        var log = DiagnosticLog()

        // Every file named, whether or not the file naming it could be read in full, at the place it is named.
        for reference in content.mediaReferences where !media.contains(reference.path) {
            let (file, at, path) = (reference.file, reference.location, reference.path)
            switch reference.role {
            case "video": log.error(file, at, "video '\(path)' is not in media/", expected: "a file under media/ or a YouTube or Vimeo address")
            case "photo": log.warning(file, at, "photo '\(path)' is not in media/; an initials avatar is shown instead", expected: "a file under media/")
            default: log.warning(file, at, "\(reference.role) '\(path)' is not in media/", expected: "a file under media/")
            }
        }
        for index in content.talents.indices where content.talents[index].photo.map(media.contains) == false {
            content.talents[index].photo = nil
        }
        for vacancy in content.vacancies where !employerSlugs.contains(vacancy.employer) && Slug.isValid(vacancy.employer) {
            log.warning(vacancy.source.path, vacancy.employerLocation,
                        "no employers/\(vacancy.employer).md: the employer is shown as plain text '\(vacancy.employer)'",
                        expected: "an employer slug from employers/, or the employer's name")
        }
        for index in content.employers.indices {
            if let logo = content.employers[index].logo, !media.contains(logo) { content.employers[index].logo = nil }
        }
        for index in content.pages.indices {
            if let image = content.pages[index].image, !media.contains(image) { content.pages[index].image = nil }
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
