/// Reads Mustache text into nodes, once, when a theme is loaded. It follows the Mustache specification:
/// a section, comment, partial, parent, block or delimiter tag alone on its line takes the line with it
/// ("standalone"), and a standalone partial's indentation is given to every line it renders.
struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0

    private struct State {
        /// The open section's name as written, which its closing tag must repeat.
        var sectionName: String?
        /// Where the open section's tag starts, for the error when it is never closed.
        var sectionStart = 0
        var newLine = true
        /// Inside `{{< parent}}...{{/parent}}`: only block definitions count.
        var inParent = false
        var parentTopLevel = false
        /// The indentation of a block definition's first line, taken off each of its lines.
        var definitionIndent: [UInt8]?
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)

        func entering(_ name: String, at start: Int, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.sectionStart = start
            state.parentTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }
    }

    /// `firstLineStandalone: false` treats the first line as following other text, so that a tag alone on it
    /// keeps its line break.
    static func parse(_ text: String, firstLineStandalone: Bool = true) throws(TemplateSyntaxError) -> [TemplateNode] {
        var parser = TemplateParser(bytes: Array(text.utf8))
        var state = State()
        state.newLine = firstLineStandalone
        do {
            return try parser.parseSection(state)
        } catch let error as Located {
            throw parser.syntaxError(error.message, at: error.offset)
        } catch {
            throw parser.syntaxError("\(error)", at: parser.position)
        }
    }

    private struct Located: Error {
        let message: String
        let offset: Int
    }

    private func syntaxError(_ message: String, at offset: Int) -> TemplateSyntaxError {
        let end = min(offset, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1
        return TemplateSyntaxError(message: message, line: line, column: column)
    }

    // MARK: Sections

    private mutating func parseSection(_ initial: State) throws -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whiteSpaceBefore: [UInt8] = []
        while position < bytes.count {
            if state.newLine {
                let whiteSpace = read(while: { $0 == 0x20 || $0 == 0x09 })
                if state.inParent && !state.parentTopLevel {
                    if let indent = state.definitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.definitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let (text, foundTag) = readUntilTagOrNewline(state)
            if !foundTag, let newline = newlineLength() {
                nodes.append(.text(whiteSpaceBefore + text + bytes[position..<position + newline]))
                position += newline
                state.newLine = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = []
                state.newLine = false
            }
            guard foundTag else {
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                break
            }
            let tagStart = position - state.open.count
            guard position < bytes.count else { throw Located(message: "the tag is never closed", offset: tagStart) }
            var setNewLine = false
            switch bytes[position] {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = bytes[position] == UInt8(ascii: "^")
                position += 1
                let name = try parseName(state)
                if isStandalone(state) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                let body = try parseSection(state.entering(name.text, at: tagStart, newLine: setNewLine))
                nodes.append(inverted ? .inverted(name, body) : .section(name, body))

            case UInt8(ascii: "/"):
                position += 1
                let nameStart = position
                let name = try parseRawName(state, characters: Self.partialNameCharacters)
                guard let open = state.sectionName else {
                    throw Located(message: "'\(name)' is closed but was never opened", offset: nameStart)
                }
                guard name == open else {
                    throw Located(message: "section '\(open)' is closed by '\(name)'", offset: nameStart)
                }
                if !isStandalone(state), !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                }
                return nodes

            case UInt8(ascii: "!"):
                position += 1
                guard let end = find(state.close, from: position) else {
                    throw Located(message: "the comment is never closed", offset: tagStart)
                }
                position = end + state.close.count
                setNewLine = isStandalone(state)

            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let triple = bytes[position] == UInt8(ascii: "{")
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                position += 1
                let name = try parseName(state)
                if triple {
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
                        throw Located(message: "'{{{' is closed without '}'", offset: position)
                    }
                    position += 1
                }
                nodes.append(.value(name, escaped: false))

            case UInt8(ascii: ">"):
                position += 1
                skipWhiteSpace()
                var dynamic = false
                if position < bytes.count, bytes[position] == UInt8(ascii: "*") {
                    position += 1
                    dynamic = true
                }
                let name = try parseRawName(state, characters: Self.partialNameCharacters)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                let indentation: [UInt8]
                if isStandalone(state) {
                    setNewLine = true
                    indentation = whiteSpaceBefore
                } else {
                    indentation = []
                }
                nodes.append(dynamic ? .dynamicPartial(try Self.name(name, at: tagStart), indentation: indentation, overrides: nil)
                                     : .partial(name, template: nil, indentation: indentation, overrides: nil))
                whiteSpaceBefore = []

            case UInt8(ascii: "<"):
                position += 1
                skipWhiteSpace()
                let written = try parseRawName(state, characters: Self.partialNameCharacters)
                if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                if isStandalone(state) { setNewLine = true }
                var inner = state.entering(written, at: tagStart, newLine: true)
                inner.newLine = true
                inner.inParent = true
                inner.parentTopLevel = true
                var overrides: [String: [TemplateNode]] = [:]
                for node in try parseSection(inner) {
                    switch node {
                    case let .blockDefinition(block, body): overrides[block] = body
                    case .text: break
                    default: throw Located(message: "only blocks ({{$name}}) may be inside '{{<\(written)}}'", offset: tagStart)
                    }
                }
                if written.hasPrefix("*") {
                    nodes.append(.dynamicPartial(try Self.name(String(written.dropFirst()), at: tagStart), indentation: whiteSpaceBefore, overrides: overrides))
                } else {
                    nodes.append(.partial(written, template: nil, indentation: whiteSpaceBefore, overrides: overrides))
                }
                whiteSpaceBefore = []

            case UInt8(ascii: "$"):
                position += 1
                let name = try parseName(state)
                guard name.functions.isEmpty else {
                    throw Located(message: "a block's name cannot apply a function", offset: tagStart)
                }
                if state.parentTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    let body = try parseSection(state.entering(name.text, at: tagStart, newLine: setNewLine))
                    nodes.append(.blockDefinition(name.text, body))
                } else {
                    if !whiteSpaceBefore.isEmpty { nodes.append(.text(whiteSpaceBefore)) }
                    if isStandalone(state) { setNewLine = true }
                    let body = try parseSection(state.entering(name.text, at: tagStart, newLine: setNewLine))
                    var intrinsic: [UInt8] = []
                    if setNewLine, case let .text(first)? = body.first {
                        intrinsic = Array(first.prefix(while: { $0 == 0x20 || $0 == 0x09 }))
                    }
                    nodes.append(.block(name.text, body, indentation: whiteSpaceBefore, overrideIndentation: whiteSpaceBefore + intrinsic))
                    whiteSpaceBefore = []
                }

            case UInt8(ascii: "="):
                position += 1
                try setDelimiters(&state, tagStart: tagStart)
                setNewLine = isStandalone(state)

            case UInt8(ascii: "%"):
                throw Located(message: "pragmas ({{%...}}) are not supported", offset: tagStart)

            default:
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
                nodes.append(.value(try parseName(state), escaped: true))
            }
            state.newLine = setNewLine
        }
        if let open = state.sectionName {
            throw Located(message: "section '\(open)' is never closed", offset: state.sectionStart)
        }
        return nodes
    }

    // MARK: Reading

    /// Text up to the next tag (whose opening delimiter is consumed) or line break (not consumed).
    private mutating func readUntilTagOrNewline(_ state: State) -> (text: [UInt8], foundTag: Bool) {
        let start = position
        let first = state.open[0]
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x0A || (byte == 0x0D && position + 1 < bytes.count && bytes[position + 1] == 0x0A) {
                return (Array(bytes[start..<position]), false)
            }
            if byte == first && matches(state.open, at: position) {
                let text = Array(bytes[start..<position])
                position += state.open.count
                return (text, true)
            }
            position += 1
        }
        return (Array(bytes[start..<position]), false)
    }

    private func newlineLength() -> Int? {
        guard position < bytes.count else { return nil }
        if bytes[position] == 0x0A { return 1 }
        if bytes[position] == 0x0D, position + 1 < bytes.count, bytes[position + 1] == 0x0A { return 2 }
        return nil
    }

    /// A tag alone on its line: the rest of the line (spaces and the line break) is consumed.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if position >= bytes.count { return true }
        var probe = position
        while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
        if probe >= bytes.count { return false }
        if bytes[probe] == 0x0A { position = probe + 1; return true }
        if bytes[probe] == 0x0D, probe + 1 < bytes.count, bytes[probe + 1] == 0x0A { position = probe + 2; return true }
        return false
    }

    private mutating func read(while predicate: (UInt8) -> Bool) -> [UInt8] {
        let start = position
        while position < bytes.count, predicate(bytes[position]) { position += 1 }
        return Array(bytes[start..<position])
    }

    private mutating func skipWhiteSpace() {
        _ = read(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
    }

    private func matches(_ delimiter: [UInt8], at offset: Int) -> Bool {
        guard offset + delimiter.count <= bytes.count else { return false }
        for index in delimiter.indices where bytes[offset + index] != delimiter[index] { return false }
        return true
    }

    private func find(_ delimiter: [UInt8], from offset: Int) -> Int? {
        var index = offset
        while index + delimiter.count <= bytes.count {
            if matches(delimiter, at: index) { return index }
            index += 1
        }
        return nil
    }

    // MARK: Names

    private static let nameCharacters: Set<UInt8> = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*()".utf8)
    private static let partialNameCharacters: Set<UInt8> = nameCharacters.union([UInt8(ascii: "/")])

    /// A name and the tag's closing delimiter, with spaces allowed around the name.
    private mutating func parseRawName(_ state: State, characters: Set<UInt8>) throws -> String {
        skipWhiteSpace()
        let start = position
        let name = String(decoding: read(while: { characters.contains($0) }), as: UTF8.self)
        skipWhiteSpace()
        guard matches(state.close, at: position) else {
            throw Located(message: "the tag is not closed with '\(String(decoding: state.close, as: UTF8.self))'", offset: start)
        }
        position += state.close.count
        return name
    }

    private mutating func parseName(_ state: State) throws -> TemplateName {
        let start = position
        return try Self.name(try parseRawName(state, characters: Self.nameCharacters), at: start)
    }

    /// `a.b`, `.`, `.a`, or functions around a name: `empty(a.b)`, `count(reversed(a))`.
    private static func name(_ written: String, at offset: Int) throws -> TemplateName {
        var rest = Substring(written)
        var functions: [TemplateFunction] = []
        while let open = rest.firstIndex(of: "(") {
            let function = String(rest[..<open])
            guard let known = TemplateFunction(rawValue: function) else {
                throw Located(message: "unknown function '\(function)'", offset: offset)
            }
            functions.insert(known, at: 0)
            guard rest.hasSuffix(")") else { throw Located(message: "'\(written)' is missing a ')'", offset: offset) }
            rest = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
        }
        guard !rest.contains(")") else { throw Located(message: "'\(written)' has an unmatched ')'", offset: offset) }
        let readsPosition = !functions.isEmpty && rest.isEmpty
        if readsPosition, ![.first, .last, .index, .even, .odd].contains(functions[0]) {
            throw Located(message: "'\(written)' names no value", offset: offset)
        }
        let anchored = rest.hasPrefix(".") && rest != "."
        let parts = rest == "." ? [] : rest.split(separator: ".").map(String.init)
        return TemplateName(parts: parts, anchored: anchored, functions: functions, readsPosition: readsPosition, text: written)
    }

    // MARK: Delimiters

    private mutating func setDelimiters(_ state: inout State, tagStart: Int) throws {
        let invalid = Located(message: "invalid delimiters", offset: tagStart)
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        skipWhiteSpace()
        let open = read(while: { !isSpace($0) })
        skipWhiteSpace()
        let close = read(while: { !isSpace($0) && $0 != UInt8(ascii: "=") })
        skipWhiteSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw invalid }
        position += 1
        guard matches(state.close, at: position) else { throw invalid }
        position += state.close.count
        guard !open.isEmpty, !close.isEmpty else { throw invalid }
        state.open = open
        state.close = close
        state.parentTopLevel = false
    }
}
