import PasserelleContent
import PasserelleTheme

/// One site to render: a market (or the whole site) read in one language, with the theme of that language.
struct Edition {
    let language: String
    let routes: Routes
    let theme: Theme
    /// Every language of the market (this one included), in order, with its routes and its own name.
    let languages: [EditionLanguage]

    var isDefaultLanguage: Bool { languages.first?.code == language }
}

/// A language a market is read in: for the language switcher and the `hreflang` alternates.
struct EditionLanguage {
    let code: String
    let routes: Routes
    /// The language's name in itself ("Nederlands"), from the theme's strings of that language.
    let autonym: String
}
