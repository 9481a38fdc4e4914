/// A name as written in a tag, split once when the template is read: `a.b.c` → ["a", "b", "c"];
/// `.` (the current item) has no parts; `.a` reads only the top of the stack; `empty(a)` applies functions.
/// A class, so that walking a template shares each name instead of copying its parts.
public final class TemplateName: Sendable, Equatable {
    public let parts: [String]
    /// `parts` as the slice a lookup reads, made once.
    let path: ArraySlice<String>
    /// `{{.a}}`: no search down the context stack.
    public let anchored: Bool
    /// Functions applied to the value, innermost last: `empty(a)` → ["empty"].
    public let functions: [TemplateFunction]
    /// `first()`, `last()`, `index()`, `even()`, `odd()`: the position of the current item in the list being
    /// iterated, the first function being applied to that position.
    public let readsPosition: Bool
    /// As written, for error messages and matching a section's closing tag.
    public let text: String

    init(parts: [String], anchored: Bool, functions: [TemplateFunction], readsPosition: Bool, text: String) {
        self.parts = parts
        path = parts[...]
        self.anchored = anchored
        self.functions = functions
        self.readsPosition = readsPosition
        self.text = text
    }

    public static func == (left: TemplateName, right: TemplateName) -> Bool {
        (left.parts, left.anchored, left.functions, left.readsPosition, left.text)
            == (right.parts, right.anchored, right.functions, right.readsPosition, right.text)
    }
}

/// The functions a tag may apply to a value: `{{#empty(list)}}`, `{{count(list)}}`...
public enum TemplateFunction: String, Sendable, Equatable {
    case empty, count, first, last, reversed, uppercased, lowercased, capitalized, index
    case equalzero, plusone, minusone, even, odd
}

/// A compiled template: what rendering walks, with no text left to parse.
enum TemplateNode: Sendable {
    case text([UInt8])
    /// Text once the library is linked: kept in the library's storage, so that rendering copies it without
    /// counting references to it.
    case literal(TemplateText)
    case value(TemplateName, escaped: Bool)
    case section(TemplateName, [TemplateNode])
    case inverted(TemplateName, [TemplateNode])
    /// `{{> name}}` or `{{< name}}...{{/name}}` (with `overrides`); `template` is the index in the library,
    /// nil when the library has no such template (it renders as nothing).
    case partial(String, template: Int?, indentation: [UInt8], overrides: [String: [TemplateNode]]?)
    /// `{{> *name}}`: the template named by a value.
    case dynamicPartial(TemplateName, indentation: [UInt8], overrides: [String: [TemplateNode]]?)
    /// `{{$name}}default{{/name}}`: replaced by the override a child template gives. An override is indented
    /// like the default's first line when the opening tag stands alone on its line.
    case block(String, [TemplateNode], indentation: [UInt8], overrideIndentation: [UInt8])
    /// `{{$name}}...{{/name}}` inside `{{< parent}}`: only while parsing.
    case blockDefinition(String, [TemplateNode])
}

/// A template error at a place in the template's text.
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    public let message: String
    public let line: Int
    public let column: Int
}
