import PasserelleCore

/// Checks that need more than one file: employers named by vacancies, media that must exist,
/// featured talents that must be there.
enum ContentValidator {
    static func validate(_ content: inout Content) {
        let media = Dictionary(content.media.map { ($0.path, $0.type) }, uniquingKeysWith: { first, _ in first })
        let employerSlugs = Set(content.employers.map(\.slug))
        var log = DiagnosticLog()

        // Every file named, whether or not the file naming it could be read in full, at the place it is named:
        // missing, or of the wrong kind (a PDF as a photo, an image as a video). A refused file was reported at
        // the file itself.
        for reference in content.mediaReferences where !content.refusedMedia.contains(reference.path) {
            let (file, at, path) = (reference.file, reference.location, reference.path)
            guard let type = media[path] else {
                switch reference.role {
                case "video": log.error(file, at, "video '\(path)' is not in media/", expected: "a file under media/ or a YouTube or Vimeo address")
                case "photo": log.warning(file, at, "photo '\(path)' is not in media/; an initials avatar is shown instead", expected: "a file under media/")
                default: log.warning(file, at, "\(reference.role) '\(path)' is not in media/", expected: "a file under media/")
                }
                continue
            }
            let kind: MediaType.Kind = reference.role == "video" ? .video : .image
            if type.kind != kind {
                log.error(file, at, "\(reference.role) '\(path)' is \(type.described)", expected: kind == .video ? MediaType.videos : MediaType.images)
            }
        }
        /// Whether an image named by a content file is published as one.
        func isImage(_ path: String) -> Bool { media[path]?.kind == .image }
        for index in content.talents.indices where content.talents[index].photo.map(isImage) == false {
            content.talents[index].photo = nil
        }
        for vacancy in content.vacancies where !employerSlugs.contains(vacancy.employer) && Slug.isValid(vacancy.employer) {
            log.warning(vacancy.source.path, vacancy.employerLocation,
                        "no employers/\(vacancy.employer).md: the employer is shown as plain text '\(vacancy.employer)'",
                        expected: "an employer slug from employers/, or the employer's name")
        }
        for index in content.employers.indices where content.employers[index].logo.map(isImage) == false {
            content.employers[index].logo = nil
        }
        for index in content.pages.indices where content.pages[index].image.map(isImage) == false {
            content.pages[index].image = nil
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
