/// Builds a page's prose tree from the flattened cmark nodes.
///
/// An explicit stack of open blocks and spans stands in for recursion, and nesting past
/// `ProseBlock.maximumDepth` is flattened into the deepest kept ancestor.
struct ProseBuilder {
  let document: MarkdownDocument
  /// The page's lines as cmark saw them.
  let lines: [String]

  private enum Span {
    case emphasis, strong
    case link(String)
    case image(String)
  }

  private struct Frame {
    /// The index of the first node past this one's descendants.
    var end: Int
    /// The block being built; nil for a span.
    var block: ProseBlock?
    var span = Span.emphasis
    /// A span's content so far.
    var inlines: [Inline] = []
    /// Container blocks open down to here, this one included.
    var blockDepth: Int
    /// Spans open down to here, this one included.
    var spanDepth: Int
  }

  func build() -> [ProseBlock] {
    let nodes = document.nodes
    let root = ProseBlock(kind: .blockQuote, line: 0, endLine: 0)
    var stack = [Frame(end: nodes.count, block: root, blockDepth: 0, spanDepth: 0)]
    let limit = ProseBlock.maximumDepth
    for (index, node) in nodes.enumerated() {
      while stack.count > 1, let last = stack.last, last.end <= index { close(&stack) }
      guard let top = stack.last else { break }
      func open(_ kind: ProseBlock.Kind, counts: Bool) {
        let block = ProseBlock(kind: kind, line: node.startLine, endLine: lastLine(of: node))
        stack.append(
          Frame(
            end: node.descendantsEnd, block: block,
            blockDepth: top.blockDepth + (counts ? 1 : 0), spanDepth: 0))
      }
      func openSpan(_ span: Span) {
        guard top.spanDepth < limit else { return }
        stack.append(
          Frame(
            end: node.descendantsEnd, block: nil, span: span, blockDepth: top.blockDepth,
            spanDepth: top.spanDepth + 1))
      }
      switch node.kind {
      case .document, .htmlBlock, .htmlInline, .other:
        break
      case .blockQuote:
        if top.blockDepth + 1 <= limit { open(.blockQuote, counts: true) }
      case .list:
        // A list needs room for its items too, so a list never ends up without them.
        if top.blockDepth + 2 <= limit {
          open(.list(ordered: node.listOrdered, start: node.listStart, tight: node.listTight), counts: true)
        }
      case .item:
        if case .list? = top.block?.kind { open(.item, counts: true) }
      case .paragraph:
        open(.paragraph, counts: false)
      case .heading:
        open(.heading(level: node.headingLevel), counts: false)
      case .codeBlock:
        let language = node.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
        add(
          ProseBlock(
            kind: .code(language: language, text: node.literal), line: node.startLine,
            endLine: lastLine(of: node)), to: &stack)
      case .thematicBreak:
        add(ProseBlock(kind: .thematicBreak, line: node.startLine, endLine: node.endLine), to: &stack)
      case .text:
        add(.text(node.literal), to: &stack)
      case .code:
        add(.code(node.literal), to: &stack)
      case .softBreak:
        add(.softBreak, to: &stack)
      case .lineBreak:
        add(.lineBreak, to: &stack)
      case .emphasis:
        openSpan(.emphasis)
      case .strong:
        openSpan(.strong)
      case .link:
        openSpan(.link(node.destination))
      case .image:
        openSpan(.image(node.destination))
      }
    }
    while stack.count > 1 { close(&stack) }
    return stack.first?.block?.children ?? []
  }

  /// cmark counts the blank lines after a list item or an indented code block as part of
  /// it; the model's blocks end at their last written line.
  private func lastLine(of node: MarkdownNode) -> Int {
    if node.kind == .codeBlock, !PageBuilder.isFenced(node, lines: lines) {
      return node.startLine + max(splitLines(node.literal).count, 1) - 1
    }
    var end = node.endLine
    while end > node.startLine, end <= lines.count, lines[end - 1].isBlank { end -= 1 }
    return max(end, node.startLine)
  }

  private func close(_ stack: inout [Frame]) {
    guard let frame = stack.popLast() else { return }
    if let block = frame.block {
      // A paragraph of nothing but raw HTML has nothing left to show.
      if case .paragraph = block.kind, block.inlines.isEmpty { return }
      add(block, to: &stack)
      return
    }
    switch frame.span {
    case .emphasis: add(.emphasis(frame.inlines), to: &stack)
    case .strong: add(.strong(frame.inlines), to: &stack)
    case .link(let destination): add(.link(destination: destination, frame.inlines), to: &stack)
    case .image(let destination): add(.image(destination: destination, alt: frame.inlines), to: &stack)
    }
  }

  private func add(_ block: ProseBlock, to stack: inout [Frame]) {
    guard let last = stack.indices.last else { return }
    stack[last].block?.children.append(block)
  }

  private func add(_ inline: Inline, to stack: inout [Frame]) {
    guard let last = stack.indices.last else { return }
    if stack[last].block != nil {
      Self.append(inline, to: &stack[last].block!.inlines)
    } else {
      Self.append(inline, to: &stack[last].inlines)
    }
  }

  /// cmark splits text at characters that might have started markup; the model joins it
  /// back.
  private static func append(_ inline: Inline, to inlines: inout [Inline]) {
    if case .text(let more) = inline, case .text(var text)? = inlines.last {
      // Taken out first, so the string is not shared and grows in place.
      inlines.removeLast()
      text += more
      inlines.append(.text(text))
    } else {
      inlines.append(inline)
    }
  }
}
