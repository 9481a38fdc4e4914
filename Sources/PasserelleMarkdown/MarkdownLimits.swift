import Foundation

/// Limits a Markdown text must keep within, checked by one pass over its bytes before it is parsed.
///
/// Some constructs make cmark-gfm work in proportion to the square of their size (a table's empty cells are
/// written for every row, block quotes opened on one line make every emphasis mark scan them, unclosed `![`
/// and `<?` make every later link or mark search back or forward). Within these limits, which no real profile,
/// vacancy or news page reaches, the work grows in proportion to the text. Each line is read once; the
/// checks are conservative (a paragraph is every line up to the next blank one, a table every line after its
/// delimiter row up to the next blank one).
public enum MarkdownLimits {
    /// Columns of one table, counted on its delimiter row (`|---|---|`).
    public static let tableColumns = 100
    /// Cells of all the tables of one text: columns × rows, since a short row is filled with empty cells.
    public static let tableCells = 20_000
    /// Block quotes (`>`) and list items (`-`, `*`, `+`, `1.`) opened at the start of one line.
    public static let nesting = 32
    /// `[` (links, images, footnotes) in one paragraph.
    public static let bracketsPerParagraph = 1_000
    /// `<?` and `<!` (raw HTML declarations, comments, CDATA, never published) in one paragraph.
    public static let declarationsPerParagraph = 100

    /// What the scan found: errors (the text is not rendered) and warnings (located in Unicode scalars).
    public struct Findings: Sendable {
        public var errors: [MarkdownNote] = []
        public var warnings: [MarkdownNote] = []
        /// Bytes looked at, for tests of the scan's own cost.
        public var steps = 0
    }

    public static func check(_ text: String) -> Findings {
        var scan = Scan()
        var bytes = Array(text.utf8)
        bytes.append(0x0A)
        var start = 0
        var line = 1
        for index in bytes.indices where bytes[index] == 0x0A {
            var end = index
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            scan.line(bytes[start..<end], number: line)
            start = index + 1
            line += 1
        }
        scan.endBlock()
        return scan.findings
    }
}

private struct Scan {
    var findings = MarkdownLimits.Findings()
    /// The fence character and length of the open fenced code block.
    var fence: (byte: UInt8, length: Int)?
    var brackets = 0
    var declarations = 0
    /// The open table: its columns, rows so far and where its delimiter row is.
    var table: (columns: Int, rows: Int, line: Int, column: Int)?
    /// Cells of the tables before the open one.
    var cells = 0
    /// The last column worked out, so that columns further on the same line are counted from there.
    var cursor = (line: 0, index: 0, column: 1)

    mutating func line(_ text: ArraySlice<UInt8>, number: Int) {
        findings.steps += text.count
        var index = text.startIndex
        var depth = 0
        var tooDeep: Int?
        // Block quote and list markers at the start of the line.
        while true {
            while index < text.endIndex, text[index] == .space || text[index] == .tab { index += 1 }
            guard index < text.endIndex else { break }
            let byte = text[index]
            var next: Int?
            if byte == UInt8(ascii: ">") {
                next = index + 1
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+") {
                if index + 1 == text.endIndex || text[index + 1] == .space || text[index + 1] == .tab, !isThematicBreak(text[index...]) {
                    next = index + 1
                }
            } else if byte.isDigit {
                var end = index
                while end < text.endIndex, text[end].isDigit, end - index < 9 { end += 1 }
                if end < text.endIndex, text[end] == UInt8(ascii: ".") || text[end] == UInt8(ascii: ")"),
                   end + 1 == text.endIndex || text[end + 1] == .space || text[end + 1] == .tab {
                    next = end + 1
                }
            }
            guard let after = next else { break }
            depth += 1
            if depth == MarkdownLimits.nesting + 1 { tooDeep = index }
            index = after
        }
        let rest = text[index...]
        if rest.allSatisfy({ $0 == .space || $0 == .tab }) {
            endBlock()
            return
        }
        if let run = fenceRun(rest) {
            if let open = fence {
                if run.byte == open.byte, run.length >= open.length,
                   rest.dropFirst(run.length).allSatisfy({ $0 == .space || $0 == .tab }) { fence = nil }
            } else {
                endBlock()
                fence = run
            }
            return
        }
        if fence != nil { return }
        if let tooDeep {
            error(text, at: tooDeep, line: number,
                  "more than \(MarkdownLimits.nesting) block quotes and list items opened on one line (at most \(MarkdownLimits.nesting))")
        }
        if table != nil {
            table?.rows += 1
        } else if let columns = delimiterColumns(rest) {
            if columns > MarkdownLimits.tableColumns {
                error(text, at: rest.startIndex, line: number, "a table of \(columns) columns (at most \(MarkdownLimits.tableColumns))")
                table = (0, 0, number, 0)
            } else {
                table = (columns, 1, number, column(text, rest.startIndex, line: number))
            }
        }
        inlines(rest, whole: text, number: number)
    }

    /// Links and images, raw HTML declarations and addresses with spaces, in one line of a paragraph.
    mutating func inlines(_ text: ArraySlice<UInt8>, whole: ArraySlice<UInt8>, number: Int) {
        // Where each run of backticks starts, by its length: a code span ends at the next run of the same length.
        var runs: [Int: [Int]] = [:]
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == .backtick {
                var end = index
                while end < text.endIndex, text[end] == .backtick { end += 1 }
                runs[end - index, default: []].append(index)
                index = end
            } else {
                index += 1
            }
        }
        var nextRun: [Int: Int] = [:]
        var openers: [Bool] = []  // true for `![`
        index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            switch byte {
            case .backslash:
                index += 2
                continue
            case .backtick:
                var end = index
                while end < text.endIndex, text[end] == .backtick { end += 1 }
                let length = end - index
                let positions = runs[length] ?? []
                var cursor = nextRun[length] ?? 0
                while cursor < positions.count, positions[cursor] <= index { cursor += 1 }
                nextRun[length] = cursor
                index = cursor < positions.count ? positions[cursor] + length : end
                continue
            case UInt8(ascii: "["):
                brackets += 1
                if brackets == MarkdownLimits.bracketsPerParagraph + 1 {
                    error(whole, at: index, line: number,
                          "more than \(MarkdownLimits.bracketsPerParagraph) links, images or '[' in one paragraph (at most \(MarkdownLimits.bracketsPerParagraph); a blank line starts a new paragraph)")
                }
                openers.append(index > text.startIndex && text[index - 1] == UInt8(ascii: "!"))
            case UInt8(ascii: "]"):
                let isImage = openers.popLast()
                if let isImage, index + 1 < text.endIndex, text[index + 1] == UInt8(ascii: "(") {
                    addressWithSpace(text, from: index + 2, whole: whole, number: number, isImage: isImage)
                }
            case UInt8(ascii: "<"):
                if index + 1 < text.endIndex, text[index + 1] == UInt8(ascii: "?") || text[index + 1] == UInt8(ascii: "!") {
                    declarations += 1
                    if declarations == MarkdownLimits.declarationsPerParagraph + 1 {
                        error(whole, at: index, line: number,
                              "more than \(MarkdownLimits.declarationsPerParagraph) '<?' or '<!' in one paragraph (at most \(MarkdownLimits.declarationsPerParagraph); raw HTML is never published)")
                    }
                }
            default:
                break
            }
            index += 1
        }
    }

    /// `[text](my file.pdf)`: cmark-gfm takes no address with a space unless it is written `<my file.pdf>`, and
    /// shows the whole as text.
    mutating func addressWithSpace(_ text: ArraySlice<UInt8>, from start: Int, whole: ArraySlice<UInt8>, number: Int, isImage: Bool) {
        var index = start
        while index < text.endIndex, text[index] == .space || text[index] == .tab { index += 1 }
        let address = index
        guard index < text.endIndex, text[index] != UInt8(ascii: "<") else { return }
        while index < text.endIndex, ![.space, .tab, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "]")].contains(text[index]) {
            if text[index] == .backslash { index += 1 }
            index += 1
        }
        guard index < text.endIndex, index > address, text[index] == .space || text[index] == .tab else { return }
        var after = index
        while after < text.endIndex, text[after] == .space || text[after] == .tab { after += 1 }
        guard after < text.endIndex, ![UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")")].contains(text[after]) else { return }
        var end = after
        while end < text.endIndex, text[end] != UInt8(ascii: ")"), text[end] != UInt8(ascii: "]"), end - address < 200 { end += 1 }
        let written = String(decoding: text[address..<end], as: UTF8.self).prefix(60).replacingOccurrences(of: "\t", with: "\\t")
        let kind = isImage ? "image" : "link"
        findings.warnings.append(MarkdownNote(
            line: number, column: column(whole, address, line: number),
            message: "\(kind) address '\(written)' has a space, so the \(kind) is shown as text",
            expected: "<\(written)>, or each space written %20"))
    }

    /// The end of a paragraph or table (a blank line, a fence or the end of the text).
    mutating func endBlock() {
        brackets = 0
        declarations = 0
        if let open = table, cells <= MarkdownLimits.tableCells {
            cells += open.columns * open.rows
            if cells > MarkdownLimits.tableCells {
                findings.errors.append(MarkdownNote(
                    line: open.line, column: open.column,
                    message: "with this table of \(open.columns) columns and \(open.rows) rows, the text's tables make \(cells) cells (at most \(MarkdownLimits.tableCells); every row is filled to its table's columns)"))
            }
        }
        table = nil
    }

    mutating func error(_ text: ArraySlice<UInt8>, at index: Int, line: Int, _ message: String) {
        findings.errors.append(MarkdownNote(line: line, column: column(text, index, line: line), message: message))
    }

    /// The column of a byte of the line, in Unicode scalars; counted from the last one asked on the same line.
    mutating func column(_ text: ArraySlice<UInt8>, _ index: Int, line: Int) -> Int {
        if cursor.line != line || cursor.index > index { cursor = (line, text.startIndex, 1) }
        let column = text[cursor.index..<index].reduce(cursor.column) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        cursor = (line, index, column)
        return column
    }

    /// `---`, `* * *`, `___`: a line of three or more of one mark and spaces.
    func isThematicBreak(_ text: ArraySlice<UInt8>) -> Bool {
        guard let mark = text.first else { return false }
        var count = 0
        for byte in text {
            if byte == mark { count += 1 } else if byte != .space && byte != .tab { return false }
        }
        return count >= 3
    }

    /// A fence of three or more backticks or tildes.
    func fenceRun(_ text: ArraySlice<UInt8>) -> (byte: UInt8, length: Int)? {
        guard let first = text.first, first == .backtick || first == UInt8(ascii: "~") else { return nil }
        let length = text.prefix { $0 == first }.count
        return length >= 3 ? (first, length) : nil
    }

    /// The columns of a table's delimiter row (`| --- | :-: |`), or nil when the line is not one.
    func delimiterColumns(_ text: ArraySlice<UInt8>) -> Int? {
        var pipes = 0
        var columns = 0
        var inCell = false
        for byte in text {
            switch byte {
            case UInt8(ascii: "|"):
                pipes += 1
                inCell = false
            case UInt8(ascii: "-"):
                if !inCell { columns += 1 }
                inCell = true
            case UInt8(ascii: ":"), .space, .tab:
                break
            default:
                return nil
            }
        }
        return pipes > 0 && columns > 0 ? columns : nil
    }
}

extension UInt8 {
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let tab = UInt8(ascii: "\t")
    fileprivate static let backtick = UInt8(ascii: "`")
    fileprivate static let backslash = UInt8(ascii: "\\")
    fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
}
