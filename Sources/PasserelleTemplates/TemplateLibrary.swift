/// Templates compiled together, so that partials and parents are found by index when rendering.
public struct TemplateLibrary: Sendable {
    private let templates: [[TemplateNode]]
    private let index: [String: Int]
    /// The templates' texts, which `templates` point into.
    private let texts: TemplateTextStorage

    /// One template's text read into nodes; `firstLineStandalone: false` keeps the line break after a tag alone on
    /// the first line.
    public struct Parsed: Sendable {
        let nodes: [TemplateNode]
        public init(_ text: String, firstLineStandalone: Bool = true) throws(TemplateSyntaxError) {
            nodes = try TemplateParser.parse(text, firstLineStandalone: firstLineStandalone)
        }
    }

    /// Links every `{{> name}}` and `{{< name}}` to its template; a name the library lacks renders as nothing.
    public init(_ parsed: [String: Parsed]) {
        let names = parsed.keys.sorted()
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() { index[name] = position }
        self.index = index
        let texts = TemplateTextStorage()
        self.texts = texts
        templates = names.map { name in parsed[name]!.nodes.map { Self.link($0, index, texts) } }
    }

    public func contains(_ name: String) -> Bool { index[name] != nil }

    /// The template rendered with `context` at the bottom of the stack; nil when the library has no such template.
    public func render(_ name: String, _ context: TemplateValue) -> String? {
        renderBytes(name, context).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The template rendered as UTF-8 bytes, for a file: no string is made of a page only to be written.
    public func renderBytes(_ name: String, _ context: TemplateValue) -> [UInt8]? {
        guard let template = index[name] else { return nil }
        return withExtendedLifetime(texts) {
            var renderer = TemplateRenderer(templates: templates, index: index, context: context)
            renderer.render(templates[template])
            return renderer.output
        }
    }

    private static func link(_ node: TemplateNode, _ index: [String: Int], _ texts: TemplateTextStorage) -> TemplateNode {
        let linkAll = { (nodes: [TemplateNode]) in nodes.map { link($0, index, texts) } }
        switch node {
        case let .text(bytes): return .literal(texts.keep(bytes))
        case .literal, .value: return node
        case let .section(name, body): return .section(name, linkAll(body))
        case let .inverted(name, body): return .inverted(name, linkAll(body))
        case let .partial(name, _, indentation, overrides):
            return .partial(name, template: index[name], indentation: indentation, overrides: overrides?.mapValues(linkAll))
        case let .dynamicPartial(name, indentation, overrides):
            return .dynamicPartial(name, indentation: indentation, overrides: overrides?.mapValues(linkAll))
        case let .block(name, body, indentation, overrideIndentation):
            return .block(name, linkAll(body), indentation: indentation, overrideIndentation: overrideIndentation)
        case let .blockDefinition(name, body): return .blockDefinition(name, linkAll(body))
        }
    }
}
