import Lessons

/// Walks prose blocks and writes their lines. Quotes and list items are levels of prefix
/// (a bar, a marker then a hanging indent) that every line inside them starts with; a
/// stack of frames stands in for recursion.
struct ProseLayout {
  let style: TerminalStyle
  private(set) var lines: [String] = []
  private var levels: [Level] = []

  /// Info-string languages coloured as LFE; text-like ones are coloured only when they
  /// hold a transcript.
  static let lispLanguages: Set<String> = [
    "lfe", "lisp", "cl", "common-lisp", "commonlisp", "scheme", "clojure", "racket", "elisp", "emacs-lisp",
    "el",
  ]
  static let textLanguages: Set<String> = ["text", "txt", "plain", "plaintext", "console"]

  private struct Level {
    var marker: [StyledRun]
    var continuation: [StyledRun]
    var width: Int
    var markerPending: Bool
  }

  private struct ListInfo {
    var ordered: Bool
    var start: Int
    var numberWidth: Int
    var depth: Int
  }

  private struct Frame {
    var blocks: [ProseBlock]
    var index = 0
    /// No blank lines between this frame's blocks.
    var tight: Bool
    var list: ListInfo?
    var opensLevel: Bool
  }

  init(style: TerminalStyle) {
    self.style = style
  }

  mutating func render(_ blocks: [ProseBlock]) {
    var frames = [Frame(blocks: blocks, tight: false, list: nil, opensLevel: false)]
    while let frame = frames.last {
      guard frame.index < frame.blocks.count else {
        frames.removeLast()
        if frame.opensLevel {
          // An empty list item still shows its marker.
          if levels.last?.markerPending == true { emit([]) }
          levels.removeLast()
        }
        continue
      }
      let block = frame.blocks[frame.index]
      frames[frames.count - 1].index += 1
      if frame.index > 0, !frame.tight { emitBlank() }
      switch block.kind {
      case .heading(let level):
        heading(block.inlines, level: level)
      case .paragraph:
        for line in WordWrapper.wrap(pieces(block.inlines, base: .none), width: room) { emit(line) }
      case .code(let language, let text):
        code(text, language: language)
      case .thematicBreak:
        emit([StyledRun(String(repeating: style.plain ? "-" : "─", count: room), decoration)])
      case .blockQuote:
        let bar = style.plain ? [StyledRun("> ")] : [StyledRun("│", decoration), StyledRun(" ")]
        levels.append(Level(marker: bar, continuation: bar, width: 2, markerPending: false))
        frames.append(Frame(blocks: block.children, tight: false, list: nil, opensLevel: true))
      case .list(let ordered, let start, let tight):
        let depth = frames.reduce(0) { $0 + ($1.list == nil ? 0 : 1) }
        let last = start &+ max(block.children.count - 1, 0)
        let info = ListInfo(
          ordered: ordered, start: start, numberWidth: max(String(start).count, String(last).count),
          depth: depth)
        frames.append(Frame(blocks: block.children, tight: tight, list: info, opensLevel: false))
      case .item:
        let marker = itemMarker(frame.list, index: frame.index)
        let width = DisplayWidth.of(marker)
        levels.append(
          Level(
            marker: [StyledRun(marker)], continuation: [StyledRun(String(repeating: " ", count: width))],
            width: width, markerPending: true))
        frames.append(
          Frame(blocks: block.children, tight: frame.list == nil || frame.tight, list: nil, opensLevel: true))
      }
    }
  }

  private var decoration: TextStyle { style.color ? .decoration : .none }

  private func pieces(_ inlines: [Inline], base: TextStyle) -> [InlinePiece] {
    InlineFlattener.pieces(inlines, base: base, terminal: style)
  }

  private func itemMarker(_ list: ListInfo?, index: Int) -> String {
    guard let list else { return style.plain ? "- " : "• " }
    if list.ordered {
      let number = String(list.start &+ index)
      return String(repeating: " ", count: max(list.numberWidth - number.count, 0)) + number + ". "
    }
    let bullets = style.plain ? ["-", "*", "+"] : ["•", "◦", "▪"]
    return bullets[list.depth % bullets.count] + " "
  }

  private mutating func heading(_ inlines: [Inline], level: Int) {
    let base: TextStyle = style.color ? (level == 1 ? .topHeading : .heading) : .none
    let wrapped = WordWrapper.wrap(pieces(inlines, base: base), width: room)
    for line in wrapped { emit(line) }
    guard !style.color else { return }
    let width = min(wrapped.map(StyledRun.width).max() ?? 0, room)
    emit([StyledRun(String(repeating: level == 1 ? "=" : "-", count: max(width, 1)))])
  }

  private mutating func code(_ text: String, language: String?) {
    var text = text
    if text.hasSuffix("\n") { text.removeLast() }
    text = Self.expandingTabs(TerminalText.visible(text))
    let name = language?.lowercased()
    let isTranscript = CodeHighlighter.isTranscript(text)
    let colored =
      style.color
      && (name.map { Self.lispLanguages.contains($0) || (isTranscript && Self.textLanguages.contains($0)) }
        ?? true)
    let codeLines =
      colored
      ? CodeHighlighter.lines(text, transcript: isTranscript)
      : text.split(separator: "\n", omittingEmptySubsequences: false).map {
        $0.isEmpty ? [] : [StyledRun(String($0))]
      }
    let indent = min(4, room / 4)
    let indentRun = StyledRun(String(repeating: " ", count: indent))
    for runs in codeLines {
      for line in CodeWrapper.wrap(runs, width: max(room - indent, 1)) {
        emit(line.isEmpty ? [] : [indentRun] + line)
      }
    }
  }

  private static func expandingTabs(_ text: String) -> String {
    guard text.contains("\t") else { return text }
    var result = ""
    var column = 0
    for character in text {
      switch character {
      case "\t":
        let spaces = 8 - column % 8
        result += String(repeating: " ", count: spaces)
        column += spaces
      case "\n":
        result.append(character)
        column = 0
      default:
        result.append(character)
        column += DisplayWidth.of(character)
      }
    }
    return result
  }

  // MARK: Prefixes

  /// Prefixes take at most half the width, so deep nesting still leaves room for text;
  /// levels past that are not drawn.
  private var shownLevels: Int {
    var total = 0
    var count = 0
    for level in levels {
      guard total + level.width <= style.width / 2 else { break }
      total += level.width
      count += 1
    }
    return count
  }

  /// The columns left for text after the prefixes.
  private var room: Int {
    max(style.width - levels.prefix(shownLevels).reduce(0) { $0 + $1.width }, 1)
  }

  private mutating func emit(_ content: [StyledRun]) {
    var runs: [StyledRun] = []
    for index in levels.indices.prefix(shownLevels) {
      runs += levels[index].markerPending ? levels[index].marker : levels[index].continuation
    }
    for index in levels.indices { levels[index].markerPending = false }
    runs += content
    if content.isEmpty { runs = StyledRun.trimmingTrailingSpaces(runs) }
    lines.append(StyledRun.line(runs, color: style.color))
  }

  private mutating func emitBlank() {
    var runs: [StyledRun] = []
    for level in levels.prefix(shownLevels) { runs += level.continuation }
    lines.append(StyledRun.line(StyledRun.trimmingTrailingSpaces(runs), color: style.color))
  }
}
