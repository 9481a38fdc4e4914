/// Checks that need more than one file: employers named by vacancies, media that must exist,
/// featured talents that must be there.
enum ContentValidator {
    static func validate(_ content: inout Content) {
        let media = Dictionary(content.media.map { ($0.path, $0.type) }, uniquingKeysWith: { first, _ in first })
        let employerSlugs = Set(content.employers.map(\.slug))
        var log = DiagnosticLog()
        /// Whether a media path can be published where it is named: a file of the wrong kind (a PDF as a photo,
        /// an image as a video) is an error at the content file; a refused file was reported at the file itself.
        func use(_ path: String, key: String, kind: MediaType.Kind, in file: String) -> MediaUse {
            if content.refusedMedia.contains(path) { return .reported }
            guard let type = media[path] else { return .missing }
            guard type.kind == kind else {
                log.error(file, .start, "\(key) '\(path)' is \(type.described)", expected: kind == .video ? MediaType.videos : MediaType.images)
                return .reported
            }
            return .published
        }

        for index in content.talents.indices {
            let talent = content.talents[index]
            if let photo = talent.photo, case let outcome = use(photo, key: "photo", kind: .image, in: talent.source.path), outcome != .published {
                if outcome == .missing {
                    log.warning(talent.source.path, .start, "photo '\(photo)' is not in media/; an initials avatar is shown instead", expected: "a file under media/")
                }
                content.talents[index].photo = nil
            }
            if case let .media(path) = talent.video, use(path, key: "video", kind: .video, in: talent.source.path) == .missing {
                log.error(talent.source.path, .start, "video '\(path)' is not in media/", expected: "a file under media/ or a YouTube or Vimeo address")
            }
        }
        for vacancy in content.vacancies where !employerSlugs.contains(vacancy.employer) && Slug.isValid(vacancy.employer) {
            log.warning(vacancy.source.path, vacancy.employerLocation,
                        "no employers/\(vacancy.employer).md: the employer is shown as plain text '\(vacancy.employer)'",
                        expected: "an employer slug from employers/, or the employer's name")
        }
        for index in content.employers.indices {
            let file = content.employers[index].source.path
            if let logo = content.employers[index].logo, case let outcome = use(logo, key: "logo", kind: .image, in: file), outcome != .published {
                if outcome == .missing {
                    log.warning(file, .start, "logo '\(logo)' is not in media/", expected: "a file under media/")
                }
                content.employers[index].logo = nil
            }
        }
        for index in content.pages.indices {
            let file = content.pages[index].source.path
            if let image = content.pages[index].image, case let outcome = use(image, key: "image", kind: .image, in: file), outcome != .published {
                if outcome == .missing {
                    log.warning(file, .start, "image '\(image)' is not in media/", expected: "a file under media/")
                }
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

/// What became of a media path named by a content file.
enum MediaUse {
    case published
    /// Not under media/: the caller says so.
    case missing
    /// Refused, with an error already given.
    case reported
}
