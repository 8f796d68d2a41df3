/// Walks a parsed page and builds its model: headings, classified code blocks,
/// transcripts and their diagnostics.
struct PageBuilder {
  /// Info-string languages that may hold LFE: the seed's Jekyll highlights LFE as `cl`.
  static let lispLanguages: Set<String> = [
    "lfe", "cl", "lisp", "common-lisp", "commonlisp", "scheme", "clojure", "racket", "elisp",
    "emacs-lisp", "el", "text", "txt", "plain", "plaintext", "console",
  ]

  let path: String
  /// The page's lines as cmark saw them: front matter blanked, Liquid rewritten.
  let lines: [String]
  let document: MarkdownDocument
  let defaults: BlockOptions

  var headings: [Heading] = []
  var blocks: [CodeBlock] = []
  var prose: [ProseBlock] = []
  var diagnostics: [Diagnostic] = []
  /// The index in `blocks` of the transcript just read, when its last exchange shows no
  /// output yet: a next block that opens with output lines holds that output.
  private var awaitingOutput: Int?

  init(path: String, lines: [String], defaults: BlockOptions) {
    self.path = path
    self.lines = lines
    self.document = MarkdownDocument(parsing: lines.joined(separator: "\n") + "\n")
    self.defaults = defaults
  }

  mutating func build(isComplete: InputCompleteness) {
    prose = ProseBuilder(document: document, lines: lines).build()
    var usedComments: Set<Int> = []
    var commentSettings: [Int: [TutorComment.Setting]] = [:]
    for (index, node) in document.nodes.enumerated() where node.kind == .htmlBlock {
      if let settings = tutorSettings(node) { commentSettings[index] = settings }
    }
    for (index, node) in document.nodes.enumerated() {
      switch node.kind {
      case .heading:
        headings.append(
          Heading(level: node.headingLevel, text: document.plainText(of: index), line: node.startLine))
      case .codeBlock:
        // Comments directly above the block, nearest last, so the nearest one wins.
        var comments: [Int] = []
        var previous = node.previousSibling
        while let candidate = previous, commentSettings[candidate] != nil {
          comments.insert(candidate, at: 0)
          previous = document.nodes[candidate].previousSibling
        }
        usedComments.formUnion(comments)
        let prose = previous.flatMap { document.nodes[$0].kind == .paragraph ? $0 : nil }
        // Built before appending: reading the block may add output to the block before it.
        let block = codeBlock(
          node, settings: comments.flatMap { commentSettings[$0]! }, prose: prose, isComplete: isComplete)
        blocks.append(block)
      default:
        break
      }
    }
    for index in commentSettings.keys.sorted() where !usedComments.contains(index) {
      let node = document.nodes[index]
      diagnostics.append(
        .warning(
          at: location(line: node.startLine, contentLine: firstLine(of: node.literal), offset: 0),
          "tutor comment is not directly before a code block, so it applies to nothing"))
    }
  }

  private func firstLine(of text: String) -> String {
    String(text.prefix { $0 != "\n" })
  }

  private func tutorSettings(_ node: MarkdownNode) -> [TutorComment.Setting]? {
    let literalLines = splitLines(node.literal)
    return TutorComment.settings(inHTML: node.literal) { lineIndex, offset in
      let content = lineIndex < literalLines.count ? literalLines[lineIndex] : ""
      return location(line: node.startLine + lineIndex, contentLine: content, offset: offset)
    }
  }

  /// Maps an offset in a line as cmark hands it over (a list item's or quote's indent
  /// stripped) to the file's own column, by finding that text at the end of the file line.
  func location(line: Int, contentLine: String, offset: Int) -> SourceLocation {
    guard line >= 1, line <= lines.count else { return SourceLocation(path: path, line: line) }
    let fileLine = lines[line - 1]
    let prefix = fileLine.hasSuffix(contentLine) ? fileLine.count - contentLine.count : 0
    return SourceLocation(path: path, line: line, column: prefix + offset + 1)
  }

  private mutating func codeBlock(
    _ node: MarkdownNode, settings: [TutorComment.Setting], prose: Int?, isComplete: InputCompleteness
  ) -> CodeBlock {
    let infoWords = node.info.split(whereSeparator: { $0 == " " || $0 == "\t" })
    let language = infoWords.first.map(String.init)
    let contentLines = splitLines(node.literal)
    let fenced = isFenced(node)
    let firstContentLine = fenced ? node.startLine + 1 : node.startLine
    let endLine = firstContentLine + contentLines.count - 1

    var options = defaults
    options.file = nil
    options.apply(settings, diagnostics: &diagnostics)
    var block = CodeBlock(
      kind: .other, language: language, info: node.info, fenceLine: fenced ? node.startLine : nil,
      line: firstContentLine, endLine: endLine, text: node.literal, options: options)

    if let attribute = infoWords.dropFirst().first(where: { $0.hasPrefix("file=") }) {
      let name = String(attribute.dropFirst("file=".count))
      block.kind = .source
      if name.isEmpty {
        diagnostics.append(
          .warning(
            at: location(
              line: node.startLine, contentLine: lines[node.startLine - 1],
              offset: lines[node.startLine - 1].leadingWhitespaceCount),
            "source block has an empty file= attribute, so it has no file name"))
      } else {
        block.file = name
        block.fileOrigin = .infoString
      }
      return block
    }
    if let name = options.file {
      block.kind = .source
      block.file = name
      block.fileOrigin = .comment
      return block
    }
    let continuing = awaitingOutput
    awaitingOutput = nil
    guard Self.lispLanguages.contains(language?.lowercased() ?? "lfe") else { return block }
    let opensWithOutput =
      continuing != nil
      && contentLines.first(where: { !$0.isBlank }).map {
        TranscriptParser.prompt(in: $0).map { !$0.input.isEmpty && !TranscriptParser.readsAsInput($0.input) }
          ?? true
      } ?? false
    let module = Self.definedModule(in: node.literal)
    // A module or a file to save is source, even right after an input shown without output.
    let continues = opensWithOutput && module == nil && !(prose.map(asksToSave) ?? false)
    if TranscriptParser.isTranscript(contentLines) || continues {
      block.kind = .transcript
      let snapshot = self
      let parser = TranscriptParser { lineIndex, offset in
        snapshot.location(
          line: firstContentLine + lineIndex, contentLine: contentLines[lineIndex], offset: offset)
      }
      let parsed = parser.parse(
        contentLines, firstLine: firstContentLine, isComplete: isComplete, continuing: opensWithOutput)
      block.exchanges = parsed.exchanges
      block.errors = parsed.diagnostics.filter(\.isError)
      diagnostics += parsed.diagnostics
      if let previous = continuing, !parsed.leading.isEmpty,
        let last = blocks[previous].exchanges.indices.last
      {
        let offset = blocks[previous].exchanges[last].expected.count
        blocks[previous].exchanges[last].expected += parsed.leading
        blocks[previous].exchanges[last].outputAfterPrompt += parsed.leadingAfterPrompt.map { $0 + offset }
      }
      if parsed.awaitsOutput { awaitingOutput = blocks.count }
      return block
    }
    // Only whole forms are a file: a header shown alone, `(defmodule tut1`, is not tut1.lfe.
    let whole = isComplete(node.literal)
    if let prose, let name = fileName(inParagraph: prose) {
      guard whole else {
        diagnostics.append(
          .warning(
            at: SourceLocation(path: path, line: block.fenceLine ?? block.line),
            "the text before names \(name), but this block is not complete LFE forms, so it is not "
              + "saved as that file"))
        return block
      }
      block.kind = .source
      block.file = name
      block.fileOrigin = .prose
    } else if let module, whole {
      block.kind = .source
      block.file = module + ".lfe"
      block.fileOrigin = .module
    } else if let prose, asksToSave(prose) {
      block.kind = .source
      diagnostics.append(
        .warning(
          at: SourceLocation(path: path, line: block.fenceLine ?? block.line),
          "source block has no file name: name it in the text before (\"Save the following as "
            + "`name.lfe`\"), with <!-- tutor: file=name.lfe --> or with a defmodule"))
    }
    return block
  }

  private func isFenced(_ node: MarkdownNode) -> Bool {
    Self.isFenced(node, lines: lines)
  }

  /// cmark does not say whether a block was fenced; the line it starts on does.
  static func isFenced(_ node: MarkdownNode, lines: [String]) -> Bool {
    guard node.startLine >= 1, node.startLine <= lines.count else { return false }
    let bytes = Array(lines[node.startLine - 1].utf8)
    let rest = String(decoding: bytes.dropFirst(max(node.startColumn - 1, 0)), as: UTF8.self)
    let trimmed = rest.drop { $0 == " " }
    return trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~")
  }

  /// The file the paragraph before a block names: a `.lfe` code span, preferring the one
  /// right after "as" ("Save the following as `ring.lfe`"), else a bare `.lfe` word.
  private func fileName(inParagraph index: Int) -> String? {
    var first: String?
    var textBefore = ""
    for node in document.descendants(of: index) {
      switch node.kind {
      case .code:
        let name = node.literal.trimmingWhitespace()
        if Self.isLFEFileName(name) {
          let lastWord = textBefore.split(separator: " ").last?.lowercased()
          if lastWord == "as" { return name }
          first = first ?? name
        }
        textBefore = ""
      case .text: textBefore += node.literal
      case .softBreak, .lineBreak: textBefore += " "
      default: break
      }
    }
    if let first { return first }
    let punctuation: Set<Character> = [",", ":", ";", "!", "?", ".", "(", ")", "\"", "'", "`", "*", "_"]
    for word in document.plainText(of: index).split(whereSeparator: { $0 == " " }) {
      var trimmed = Substring(word)
      while let last = trimmed.last, punctuation.contains(last) { trimmed = trimmed.dropLast() }
      while let start = trimmed.first, punctuation.contains(start) { trimmed = trimmed.dropFirst() }
      if Self.isLFEFileName(String(trimmed)) { return String(trimmed) }
    }
    return nil
  }

  private func asksToSave(_ index: Int) -> Bool {
    let words = document.plainText(of: index).lowercased().split(whereSeparator: { !$0.isLetter })
    return words.contains("save")
  }

  static func isLFEFileName(_ name: String) -> Bool {
    name.hasSuffix(".lfe") && name.count > 4 && !name.contains(where: { $0 == " " || $0 == "\t" })
  }

  /// The name in the first `(defmodule NAME`, if the block defines a module.
  static func definedModule(in text: String) -> String? {
    guard let range = text.range(of: "(defmodule") else { return nil }
    let rest = text[range.upperBound...]
    guard let first = rest.first, first == " " || first == "\t" || first == "\n" else { return nil }
    let start = rest.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
    // `|quoted name|` is one symbol, spaces and all.
    let name =
      start.first == "|"
      ? start.dropFirst().prefix { $0 != "|" }
      : start.prefix { !($0 == " " || $0 == "\t" || $0 == "\n" || $0 == "(" || $0 == ")") }
    return name.isEmpty ? nil : String(name)
  }
}
