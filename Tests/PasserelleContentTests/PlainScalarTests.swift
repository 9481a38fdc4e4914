import Testing
import Yams
@testable import PasserelleContent

/// Front matter values are typed without Yams' regular-expression resolver; a file must mean what it meant.
@Suite struct PlainScalarTests {
    static let samples = ["", "~", "null", "Null", "NULL", "nULL", "yes", "No", "ON", "oFF", "true", "False", "TRUE", "truE",
                          "0", "12", "-7", "+3", "012", "0o17", "0b101", "0x1F", "0xZZ", "1_000", "1:30", "190:20:30", "1.5", ".5",
                          "-.inf", ".NaN", ".nan.", "1e5", "1.2e-3", "1e", "2026-01-15", "2026-1-5 10:20:30", "<<", "=",
                          "Nurse", "nurse", "NL", "Norway", "12 months", "-x", "+", ".", "3 rue de la Paix", "١٢", "🙂"]

    @Test(arguments: samples)
    func typesAsYamsDefaultResolverDoes(text: String) throws {
        let yams = try #require(try Yams.compose(yaml: "value: \(text)\n", .default)?.mapping?["value"])
        var expected = Tag.Name(rawValue: yams.tag.rawValue)
        // Timestamps, merge keys and `=` are read as text anyway.
        if [Tag.Name.timestamp, .merge, .value].contains(expected) { expected = .str }
        #expect(PlainScalar.tag(of: yams.scalar?.string ?? text) == expected, "\(text)")
    }

    @Test func readsTheSameValues() throws {
        let node = try YAMLReader.read("a: 12\nb: yes\nc: ~\nd: !!str 12\ne: true\nf: 1:30\ng: 2026-01-15\nh: '12'\ni:\nj: 0x1F\n")
        if case let .number(value, text) = node["a"]?.value { #expect(value == 12 && text == "12") } else { Issue.record("a") }
        #expect(node["b"]?.scalarText == "yes")
        if case .null = node["c"]?.value {} else { Issue.record("c is not null") }
        #expect(node["d"]?.scalarText == "12")
        if case .bool(true) = node["e"]?.value {} else { Issue.record("e is not true") }
        #expect(node["f"]?.scalarText == "1:30")
        #expect(node["g"]?.scalarText == "2026-01-15")
        if case .scalar("12", plain: false) = node["h"]?.value {} else { Issue.record("h is not quoted text") }
        if case .null = node["i"]?.value {} else { Issue.record("i is not null") }
        if case let .number(value, _) = node["j"]?.value { #expect(value == 31) } else { Issue.record("j") }
    }
}
