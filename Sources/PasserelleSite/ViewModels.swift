import PasserelleTheme
import PasserelleTemplates

// View models: everything a template places, computed here so that templates stay logic-less.
// Absent values are nil (never empty strings) so that `{{#key}}` sections work as expected.

struct Link {
    let title: String
    let url: String
    /// `aria-current="page"` in the menu.
    let current: Bool
}

/// What every page shares: language, menu, footer, assets, UI strings (`{{t.key}}`).
struct LayoutModel {
    let lang: String
    let dir: String
    let siteTitle: String
    let siteDescription: String?
    let homeURL: String
    /// Nil on the page that lists the markets, which has no listings and no search of its own.
    let talentsURL: String?
    let vacanciesURL: String?
    let searchURL: String?
    var menu: [Link]
    let footerLinks: [Link]
    let stylesheet: String
    let printStylesheet: String
    let script: String
    /// The theme's assets folder (`/be/assets/`: a market's, shared by its languages), for the icon and any file a theme adds.
    let assets: String
    let t: UIStrings
}

/// The page being rendered: title, description, canonical address.
struct PageMeta {
    let title: String
    let description: String?
    let canonical: String
    let isHome: Bool
    let breadcrumbs: [Link]
    /// The page in each language of the site (empty when there is one): the switcher and `hreflang` alternates.
    let languages: [LanguageLink]
    /// The listing's previous and next pages, absolute, for `<link rel="prev">` and `<link rel="next">`.
    var previousPage: String? = nil
    var nextPage: String? = nil
    /// The page in the site's first language, for `hreflang="x-default"`.
    var defaultAlternate: String? { languages.first?.absolute }
}

/// The same page in one language.
struct LanguageLink {
    /// ISO 639-1: `hreflang` and `lang`.
    let code: String
    /// The language's own name: "Nederlands".
    let name: String
    let url: String
    /// For `<link rel="alternate" hreflang>`.
    let absolute: String
    let current: Bool
}

struct Avatar {
    let initials: String
    let colour: Int
}

struct LanguageItem {
    let name: String
    /// "B2", or "native" in the reader's language.
    let level: String
    /// "B2 · upper intermediate": the level with its CEFR name in the reader's language.
    let levelName: String
    let code: String
}

/// When a text is shown in another language than the page's: its language, and a note that says so.
struct TextLanguage {
    /// For the text's `lang` attribute; nil when it is the page's language.
    let code: String?
    let note: String?
}

struct TalentCard {
    let url: String
    let name: String
    let headline: String
    let place: String?
    let photo: String?
    let photoAlt: String
    let avatar: Avatar?
    let topSkills: [String]
    let moreSkills: String?
    let languages: [LanguageItem]
    let mobility: String?
    let availability: String?
    /// Filter values for the listing's filters (data attributes): codes separated by `|`.
    let filter: CardFilter
}

/// What the talents listing filters on, per card.
struct CardFilter {
    let sectors: String
    let skills: String
    /// `nl:3|fr:5`: language code and CEFR level (1 = A1 … 7 = native).
    let languages: String
    let countries: String
    let programme: String
    /// `20270115`, or empty.
    let available: String
}

struct SkillItem {
    let name: String
    let level: String?
}

struct VideoModel {
    /// A file under media/: a `<video>` element.
    let file: String?
    /// YouTube or Vimeo: a click-to-load facade; `embed` is loaded only on click.
    let embed: String?
    let watch: String?
    let provider: String?
}

struct TalentProfile {
    let card: TalentCard
    var matches: MatchSection? = nil
    let bodyHTML: String
    let textLanguage: TextLanguage
    let skills: [SkillItem]
    let video: VideoModel?
    let linkedin: String?
    let programme: String?
    let sectors: String?
    let experience: String?
    /// The ESCO occupation's address, linked from the occupation's name (or from "ESCO occupation" without one).
    let occupation: String?
    /// The occupation's label in the reader's language (occupations.yml).
    let occupationName: String?
}

struct VacancyCard {
    let url: String
    let title: String
    let employerName: String
    let employerURL: String?
    let place: String
    let sector: String?
    let employmentType: String?
    let salary: String?
    let closes: String?
    let start: String?
}

struct VacancyDetail {
    let card: VacancyCard
    var matches: MatchSection? = nil
    let descriptionHTML: String
    let textLanguage: TextLanguage
    let requiredSkills: [SkillItem]
    let preferredSkills: [SkillItem]
    let languages: [LanguageItem]
    let experience: String?
    /// The ESCO occupation's address, linked from the occupation's name (or from "ESCO occupation" without one).
    let occupation: String?
    /// The occupation's label in the reader's language (occupations.yml).
    let occupationName: String?
}

struct EmployerCard {
    let url: String
    let name: String
    let place: String
    let sector: String?
    let openCount: String
}

struct EmployerDetail {
    let card: EmployerCard
    let website: String?
    let aboutHTML: String
    let textLanguage: TextLanguage
    let vacancies: [VacancyCard]
}

struct PageCard {
    let url: String
    let title: String
    let date: String?
    let isoDate: String?
    let summary: String?
}

struct ArticleModel {
    let title: String
    let date: String?
    let isoDate: String?
    let summary: String?
    let image: String?
    let bodyHTML: String
    let textLanguage: TextLanguage
    /// For a folder's index page: the pages inside it.
    let children: [PageCard]
}

/// The context of one page template: `site`, `page`, and the content of that kind of page.
struct PageContext {
    let site: LayoutModel
    let page: PageMeta
    var home: HomeModel? = nil
    var talents: [TalentCard]? = nil
    var talent: TalentProfile? = nil
    var vacancies: [VacancyCard]? = nil
    var vacancy: VacancyDetail? = nil
    var employers: [EmployerCard]? = nil
    var employer: EmployerDetail? = nil
    var article: ArticleModel? = nil
    var search: SearchPageModel? = nil
    var listing: ListingFilterModel? = nil
    var markets: MarketsModel? = nil
    var summary: String? = nil
    /// The page list under a listing that has more than one page.
    var pagination: PaginationModel? = nil
}

/// The navigation between the pages of a listing: previous, a compact list of page numbers, next.
struct PaginationModel {
    /// The `<nav>`'s accessible name: "Pages".
    let label: String
    /// "Page 2 of 417".
    let status: String
    let previous: Link?
    let next: Link?
    let pages: [PageNumber]
}

/// One entry of a page list: a page's link, or a gap (an ellipsis) between distant pages.
struct PageNumber {
    /// "3"; nil for a gap.
    let number: String?
    let url: String?
    /// "Page 3", the link's accessible name.
    let label: String?
    /// `aria-current="page"`.
    let current: Bool
}

/// The output's root page when the site has markets.
struct MarketsModel {
    let title: String
    let intro: String
    let items: [MarketCard]
}

struct MarketCard {
    let name: String
    /// "Vacancies and talents for Belgium".
    let countries: String
    /// The market's home in its first language.
    let url: String
    let languages: [LanguageLink]
}

struct HomeModel {
    let introTitle: String?
    let introHTML: String?
    let introLanguage: TextLanguage
    let featured: [TalentCard]
    let vacancies: [VacancyCard]
    let news: [PageCard]
    let stats: String
}

/// One match as shown on a vacancy page (a talent) or a talent page (a vacancy), with the short "why".
struct MatchItem {
    let url: String
    let title: String
    let subtitle: String?
    /// "86.7" in the site's number format.
    let score: String
    /// 0 to 100, for the score bar's width class (`score-80` ...), in steps of 10.
    let scoreStep: Int
    let required: String
    let missing: String?
    let preferred: String?
    let languages: String?
}

struct MatchSection {
    let items: [MatchItem]
    let explanation: String
}

/// The search page: where the index is and the UI strings its script needs.
struct SearchPageModel {
    /// Folder of the index files, e.g. `/search/`.
    let base: String
    /// The manifest's path under `base`.
    let manifest: String
    /// The `search_*` UI strings as JSON, for the script.
    let stringsJSON: String
    let textScript: String
    let filtersScript: String
    let engineScript: String
    let pageScript: String
}

/// The filters of the talents listing: they filter every talent of the site through the search index (its facets
/// and result records), so the listing's script needs the index's place and the search scripts.
struct ListingFilterModel {
    /// Folder of the index files, e.g. `/search/`.
    let base: String
    /// The manifest's path under `base`.
    let manifest: String
    /// The `search_*` and `pagination_*` UI strings as JSON.
    let stringsJSON: String
    let textScript: String
    let filtersScript: String
    let engineScript: String
    let script: String
    /// Talents per page, the same for the pages of matches the script shows as for the listing's own pages.
    let pageSize: Int
}
