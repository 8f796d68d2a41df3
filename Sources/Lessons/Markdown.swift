import CCmark

/// One node of a parsed CommonMark document, copied out of cmark's tree.
struct MarkdownNode: Sendable {
  enum Kind: Sendable {
    case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading
    case thematicBreak, text, softBreak, lineBreak, code, htmlInline, emphasis, strong
    case link, image, other
  }

  var kind: Kind
  var startLine: Int
  var startColumn: Int
  var endLine: Int
  /// Text of leaves: code block content, HTML, text runs, code spans.
  var literal: String
  /// A fenced code block's info string.
  var info: String
  var headingLevel: Int
  /// Lists only: numbered or bulleted, the first number, and whether items sit without
  /// blank lines between them.
  var listOrdered = false
  var listStart = 0
  var listTight = false
  /// Links and images: where they point.
  var destination = ""
  var previousSibling: Int?
  /// The node's descendants are exactly `nodes[index + 1 ..< descendantsEnd]`.
  var descendantsEnd: Int
}

/// The one place that talks to libcmark.
///
/// The tree is flattened into an array in document order, so walking it needs neither
/// C pointers nor recursion, however deeply a page nests its lists and quotes.
struct MarkdownDocument: Sendable {
  var nodes: [MarkdownNode]

  init(parsing text: String) {
    nodes = []
    let bytes = Array(text.utf8)
    let root = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT)
      }
    }
    guard let root else { return }
    defer { cmark_node_free(root) }
    guard let iterator = cmark_iter_new(root) else { return }
    defer { cmark_iter_free(iterator) }

    var open: [Int] = []
    var lastChild: [Int?] = []
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard let node = cmark_iter_get_node(iterator) else { continue }
      if event == CMARK_EVENT_EXIT {
        if let index = open.popLast() {
          nodes[index].descendantsEnd = nodes.count
          lastChild.removeLast()
        }
        continue
      }
      let index = nodes.count
      let kind = Self.kind(of: cmark_node_get_type(node))
      var copy = MarkdownNode(
        kind: kind,
        startLine: Int(cmark_node_get_start_line(node)),
        startColumn: Int(cmark_node_get_start_column(node)),
        endLine: Int(cmark_node_get_end_line(node)),
        literal: cmark_node_get_literal(node).map { String(cString: $0) } ?? "",
        info: kind == .codeBlock ? cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "" : "",
        headingLevel: kind == .heading ? Int(cmark_node_get_heading_level(node)) : 0,
        previousSibling: lastChild.last ?? nil,
        descendantsEnd: index + 1)
      switch kind {
      case .list:
        copy.listOrdered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
        copy.listStart = Int(cmark_node_get_list_start(node))
        copy.listTight = cmark_node_get_list_tight(node) != 0
      case .link, .image:
        copy.destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
      default:
        break
      }
      nodes.append(copy)
      if !lastChild.isEmpty { lastChild[lastChild.count - 1] = index }
      // Leaves get no exit event; everything else does, even when empty.
      if !Self.isLeaf(kind) {
        open.append(index)
        lastChild.append(nil)
      }
    }
  }

  private static func isLeaf(_ kind: MarkdownNode.Kind) -> Bool {
    switch kind {
    case .codeBlock, .htmlBlock, .thematicBreak, .text, .softBreak, .lineBreak, .code, .htmlInline:
      return true
    default:
      return false
    }
  }

  private static func kind(of type: cmark_node_type) -> MarkdownNode.Kind {
    switch type {
    case CMARK_NODE_DOCUMENT: return .document
    case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
    case CMARK_NODE_LIST: return .list
    case CMARK_NODE_ITEM: return .item
    case CMARK_NODE_CODE_BLOCK: return .codeBlock
    case CMARK_NODE_HTML_BLOCK: return .htmlBlock
    case CMARK_NODE_PARAGRAPH: return .paragraph
    case CMARK_NODE_HEADING: return .heading
    case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
    case CMARK_NODE_TEXT: return .text
    case CMARK_NODE_SOFTBREAK: return .softBreak
    case CMARK_NODE_LINEBREAK: return .lineBreak
    case CMARK_NODE_CODE: return .code
    case CMARK_NODE_HTML_INLINE: return .htmlInline
    case CMARK_NODE_EMPH: return .emphasis
    case CMARK_NODE_STRONG: return .strong
    case CMARK_NODE_LINK: return .link
    case CMARK_NODE_IMAGE: return .image
    default: return .other
    }
  }

  /// The text a reader sees in a heading or paragraph: runs and code spans, breaks as
  /// spaces, markup and raw HTML dropped.
  func plainText(of index: Int) -> String {
    var text = ""
    for node in nodes[(index + 1)..<nodes[index].descendantsEnd] {
      switch node.kind {
      case .text, .code: text += node.literal
      case .softBreak, .lineBreak: text += " "
      default: break
      }
    }
    return text
  }

  func descendants(of index: Int) -> ArraySlice<MarkdownNode> {
    nodes[(index + 1)..<nodes[index].descendantsEnd]
  }
}
