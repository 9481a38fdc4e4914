import Foundation
import Testing
import PasserelleTemplates

/// The official Mustache specification (Tests/Fixtures/mustache-spec, MIT licence): every case of every module
/// themes may use, rendered and compared with its expected output. Lambdas are not part of the engine.
@Suite struct MustacheSpecTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/mustache-spec")
    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance", "~dynamic-names"]

    @Test(arguments: files)
    func everyCasePasses(_ file: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("\(file).json"))
        let spec = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let tests = try #require(spec["tests"] as? [[String: Any]])
        #expect(!tests.isEmpty, "\(file).json has cases")
        for test in tests {
            let name = test["name"] as? String ?? "?"
            let template = test["template"] as? String ?? ""
            let expected = test["expected"] as? String ?? ""
            var sources: [String: TemplateLibrary.Parsed] = [:]
            do {
                for (partial, text) in test["partials"] as? [String: String] ?? [:] {
                    sources[partial] = try TemplateLibrary.Parsed(text)
                }
                sources["<spec case>"] = try TemplateLibrary.Parsed(template)
            } catch {
                Issue.record("\(file).json, \(name): \(error.message) at \(error.line):\(error.column)")
                continue
            }
            let rendered = TemplateLibrary(sources).render("<spec case>", Self.value(test["data"] ?? NSNull()))
            #expect(rendered == expected, "\(file).json, \(name)")
        }
    }

    /// JSON as template values: whole numbers are integers, as the spec's data means them.
    static func value(_ json: Any) -> TemplateValue {
        switch json {
        case let text as String: return .string(text)
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
            let double = number.doubleValue
            if double == double.rounded(), abs(double) < 1e15, !"\(number)".contains(".") { return .int(number.intValue) }
            return .double(double)
        case let list as [Any]: return .list(list.map(value))
        case let object as [String: Any]: return .object(TemplateDictionary(object.mapValues(value)))
        default: return .null
        }
    }
}
