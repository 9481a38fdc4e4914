/// Walks compiled nodes over a context stack, writing into one growing UTF-8 buffer.
struct TemplateRenderer {
    let templates: [[TemplateNode]]
    let index: [String: Int]
    private(set) var output: [UInt8] = []
    private var stack: [TemplateValue]
    /// The indentation of the standalone partials and blocks being rendered, given to each line they write.
    private var indentation: [UInt8] = []
    /// Blocks overridden by the templates that include the current one through `{{< parent}}`; the outermost wins.
    private var overrides: [String: [TemplateNode]] = [:]
    /// Partials nested in partials: a template that includes itself without end stops here instead of overflowing.
    private var depth = 0
    /// The current item's place in the list being iterated, for `first()`, `last()`, `index()`...; nil outside
    /// a list, and in a partial or block.
    private var position: (index: Int, count: Int)?
    private static let maximumDepth = 200

    init(templates: [[TemplateNode]], index: [String: Int], context: TemplateValue) {
        self.templates = templates
        self.index = index
        stack = [context]
        output.reserveCapacity(64 * 1024)
    }

    mutating func render(_ nodes: [TemplateNode]) {
        for node in nodes.indices {
            switch nodes[node] {
            case let .text(bytes):
                write(bytes)
            case let .literal(text):
                write(text.bytes)
            case let .value(name, escaped):
                interpolate(lookup(name), escaped: escaped)
            case let .section(name, body):
                let value = lookup(name)
                switch value {
                case .null: break
                case let .bool(isTrue): if isTrue { render(body) }
                case let .list(items):
                    let saved = position
                    let count = items.count
                    for item in 0..<count {
                        position = (item, count)
                        stack.append(items.item(item))
                        render(body)
                        stack.removeLast()
                    }
                    position = saved
                default:
                    let saved = position
                    position = nil
                    stack.append(value)
                    render(body)
                    stack.removeLast()
                    position = saved
                }
            case let .inverted(name, body):
                switch lookup(name) {
                case .null: render(body)
                case let .bool(isTrue): if !isTrue { render(body) }
                case let .list(items): if items.count == 0 { render(body) }
                default: break
                }
            case let .partial(_, template, indentation, overrides):
                guard let template else { continue }
                include(templates[template], indentation: indentation, overrides: overrides)
            case let .dynamicPartial(name, indentation, overrides):
                guard case let .string(partial) = lookup(name), let template = index[partial] else { continue }
                include(templates[template], indentation: indentation, overrides: overrides)
            case let .block(name, body, indentation, overrideIndentation):
                let saved = self.indentation
                let savedPosition = position
                position = nil
                defer { position = savedPosition }
                if let override = overrides[name] {
                    self.indentation += overrideIndentation
                    render(override)
                } else {
                    self.indentation += indentation
                    render(body)
                }
                self.indentation = saved
            case .blockDefinition:
                break
            }
        }
    }

    private mutating func include(_ nodes: [TemplateNode], indentation: [UInt8], overrides: [String: [TemplateNode]]?) {
        guard depth < Self.maximumDepth else { return }
        let savedIndentation = self.indentation
        let savedOverrides = self.overrides
        let savedPosition = position
        position = nil
        defer { position = savedPosition }
        depth += 1
        self.indentation += indentation
        if let overrides { self.overrides.merge(overrides) { outer, _ in outer } }
        render(nodes)
        self.indentation = savedIndentation
        self.overrides = savedOverrides
        depth -= 1
    }

    // MARK: Lookup

    private func lookup(_ name: TemplateName) -> TemplateValue {
        var value: TemplateValue
        var applied = 0
        if name.readsPosition {
            guard let position else { return .null }
            value = name.functions[0].apply(index: position.index, count: position.count)
            applied = 1
        } else if name.parts.isEmpty {
            value = stack[stack.count - 1]
        } else if name.anchored {
            value = stack[stack.count - 1].templateValue(at: name.path) ?? .null
        } else {
            value = .null
            var frame = stack.count - 1
            while frame >= 0 {
                if case let .object(object) = stack[frame], let found = object.field(name.path) {
                    value = found
                    break
                }
                frame -= 1
            }
        }
        while applied < name.functions.count {
            if case .null = value { break }
            value = name.functions[applied].apply(to: value)
            applied += 1
        }
        return value
    }

    // MARK: Writing

    /// Writes a node's output, first giving a new line the indentation of the partials it is in.
    private mutating func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    private mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        indentIfAtLineStart()
        output.append(contentsOf: bytes)
    }

    private mutating func indentIfAtLineStart() {
        if !indentation.isEmpty, output.last == 0x0A { output.append(contentsOf: indentation) }
    }

    private mutating func interpolate(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .null, .list, .object: return
        case let .bool(flag): writeText(flag ? "true" : "false", escaped: false)
        case let .int(number): writeText(String(number), escaped: false)
        case let .double(number): writeText(String(describing: number), escaped: escaped)
        case let .string(text): writeText(text, escaped: escaped)
        }
    }

    private mutating func writeText(_ text: String, escaped: Bool) {
        guard !text.isEmpty else { return }
        indentIfAtLineStart()
        if escaped {
            HTMLEscaping.append(text, to: &output)
        } else {
            var text = text
            text.withUTF8 { output.append(contentsOf: $0) }
        }
    }
}
