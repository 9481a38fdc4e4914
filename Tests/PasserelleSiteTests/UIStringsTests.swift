import Testing
@testable import PasserelleTheme

/// UI strings are filled in as readers see them: each `{name}` by its argument, anything else as written.
@Suite struct UIStringsTests {
    let strings = UIStrings(language: "fr", values: [
        "match_required": "{met} sur {total} compétences requises : {skills}",
        "braces": "{unknown} et {skills} {",
        "plain": "Talents",
        "talents_count_one": "{count} talent", "talents_count_other": "{count} talents",
    ])

    @Test func placeholdersAreFilledInAndOthersKeptAsWritten() {
        #expect(strings.text("match_required", ["met": "2", "total": "3", "skills": "Soins, Français"])
            == "2 sur 3 compétences requises : Soins, Français")
        #expect(strings.text("braces", ["skills": "Soins"]) == "{unknown} et Soins {")
        #expect(strings.text("plain", ["count": "1"]) == "Talents")
        #expect(strings.text("match_required") == "{met} sur {total} compétences requises : {skills}")
    }

    @Test func aMissingKeyShowsTheKey() {
        #expect(strings.text("no_such_{count}", ["count": "4"]) == "no_such_4")
        #expect(strings.text("no_such_key") == "no_such_key")
    }

    @Test func pluralsPickTheirVariant() {
        #expect(strings.plural("talents_count", count: 1) == "1 talent")
        #expect(strings.plural("talents_count", count: 12) == "12 talents")
    }
}
