import Lessons
import XCTest

final class ProseTests: XCTestCase {
  /// A page with front matter and a Liquid block, so the lines checked are the file's own.
  let page = Page(
    path: "p.md",
    text: """
      ---
      title: Prose
      guide: 1
      ---
      # Title

      Some *emph*, **strong**, `code`,
      [a link](http://x.y) and ![alt *t*](img.png)\\
      hard <b>html</b>.

      {% highlight lisp %}
      (defun f () 1)
      {% endhighlight %}

      > quote
      >
      > - a
      >   1. x
      >   2. y

      3. one

      4. two
         ```lfe
         (x)
         ```

      Para.

          indented
          code

      ***
      <!-- tutor: skip -->
      Setext
      ------

      """)

  func testBlocksAndLines() {
    let summary = page.prose.map { "\($0.kind) \($0.line)-\($0.endLine)" }
    XCTAssertEqual(
      summary,
      [
        "heading(level: 1) 5-5", "paragraph 7-9",
        "code(language: Optional(\"lisp\"), text: \"(defun f () 1)\\n\") 11-13",
        "blockQuote 15-19", "list(ordered: true, start: 3, tight: false) 21-26", "paragraph 28-28",
        "code(language: nil, text: \"indented\\ncode\\n\") 30-31", "thematicBreak 33-33",
        "heading(level: 2) 35-36",
      ])
    XCTAssertEqual(page.prose.first?.inlines, [.text("Title")])
  }

  func testNestedBlocks() throws {
    let quote = try XCTUnwrap(page.prose.first { $0.kind == .blockQuote })
    XCTAssertEqual(quote.children.map(\.kind), [.paragraph, .list(ordered: false, start: 0, tight: true)])
    let outer = try XCTUnwrap(quote.children.last?.children.first)
    XCTAssertEqual(outer.kind, .item)
    XCTAssertEqual(outer.line, 17)
    XCTAssertEqual(outer.endLine, 19)
    let inner = try XCTUnwrap(outer.children.last)
    XCTAssertEqual(inner.kind, .list(ordered: true, start: 1, tight: true))
    XCTAssertEqual(inner.children.map { Inline.plainText($0.children.first?.inlines ?? []) }, ["x", "y"])
    XCTAssertEqual(inner.children.map(\.line), [18, 19])

    let list = try XCTUnwrap(page.prose.first { if case .list(true, _, _) = $0.kind { true } else { false } })
    XCTAssertEqual(list.children.map(\.line), [21, 23])
    // The blank line after an item belongs to no block.
    XCTAssertEqual(list.children.map(\.endLine), [21, 26])
    let code = try XCTUnwrap(list.children.last?.children.last)
    XCTAssertEqual(code.kind, .code(language: "lfe", text: "(x)\n"))
    XCTAssertEqual([code.line, code.endLine], [24, 26])
  }

  func testInlineSpans() throws {
    let paragraph = try XCTUnwrap(page.prose.dropFirst().first)
    XCTAssertEqual(
      paragraph.inlines,
      [
        .text("Some "), .emphasis([.text("emph")]), .text(", "), .strong([.text("strong")]), .text(", "),
        .code("code"), .text(","), .softBreak, .link(destination: "http://x.y", [.text("a link")]),
        .text(" and "), .image(destination: "img.png", alt: [.text("alt "), .emphasis([.text("t")])]),
        .lineBreak, .text("hard html."),
      ])
    XCTAssertEqual(
      Inline.plainText(paragraph.inlines), "Some emph, strong, code, a link and alt t hard html.")
  }

  func testOnlyHTMLLeavesNothing() {
    XCTAssertEqual(Page(path: "p.md", text: "<!-- tutor: skip -->\n\n<span></span>\n").prose, [])
    XCTAssertEqual(Page(path: "p.md", text: "").prose, [])
  }

  func testDeepBlockQuotesAreFlattened() throws {
    let depth = 20_000
    let page = Page(path: "p.md", text: String(repeating: "> ", count: depth) + "deep\n\nafter\n")
    XCTAssertEqual(page.prose.count, 2)
    var block = try XCTUnwrap(page.prose.first)
    var levels = 1
    while let child = block.children.first, child.kind == .blockQuote {
      block = child
      levels += 1
    }
    XCTAssertEqual(levels, ProseBlock.maximumDepth)
    XCTAssertEqual(block.children.map(\.inlines), [[.text("deep")]])
    XCTAssertEqual(page.prose.last?.inlines, [.text("after")])
  }

  func testDeepListsKeepItemsUnderLists() throws {
    let page = Page(
      path: "p.md", text: (0..<40).map { String(repeating: "  ", count: $0) + "- x\($0)\n" }.joined())
    var block = try XCTUnwrap(page.prose.first)
    var depth = 1
    var texts: [String] = []
    while true {
      if case .list = block.kind {
        XCTAssertTrue(block.children.allSatisfy { $0.kind == .item })
      }
      texts += block.children.filter { $0.kind == .paragraph }.map { Inline.plainText($0.inlines) }
      guard let next = block.children.last(where: { $0.kind != .paragraph }) else { break }
      block = next
      depth += 1
    }
    XCTAssertLessThanOrEqual(depth, ProseBlock.maximumDepth)
    // Nothing is lost: the flattened items' text lands in the deepest kept item.
    XCTAssertEqual(texts, (0..<40).map { "x\($0)" })
  }

  func testDeepEmphasisIsFlattened() throws {
    let depth = 20_000
    let text = String(repeating: "*a ", count: depth) + "b" + String(repeating: " a*", count: depth) + "\n"
    let page = Page(path: "p.md", text: text)
    var inlines = try XCTUnwrap(page.prose.first?.inlines)
    var levels = 0
    while case .emphasis(let inner)? = inlines.first(where: { if case .emphasis = $0 { true } else { false } }
    ) {
      inlines = inner
      levels += 1
    }
    XCTAssertEqual(levels, ProseBlock.maximumDepth)
    let words = Inline.plainText(page.prose.first?.inlines ?? []).split(separator: " ")
    XCTAssertEqual(words.count, 2 * depth + 1)
  }

  func testWithinLines() {
    // Between the Liquid block and the fenced block inside item 4: the quote, item 3,
    // and item 4's text, still numbered 4.
    let between = ProseBlock.within(page.prose, lines: 14...23)
    XCTAssertEqual(between.map(\.kind), [.blockQuote, .list(ordered: true, start: 3, tight: false)])
    XCTAssertEqual(between.last?.children.map(\.line), [21, 23])
    XCTAssertEqual(between.last?.children.last?.children.map(\.kind), [.paragraph])
    XCTAssertEqual(between.last.map { [$0.line, $0.endLine] }, [21, 23])

    let afterFirstItem = ProseBlock.within(page.prose, lines: 22...26)
    XCTAssertEqual(afterFirstItem.map(\.kind), [.list(ordered: true, start: 4, tight: false)])
    XCTAssertEqual(ProseBlock.within(page.prose, lines: 1...4), [])
    XCTAssertEqual(ProseBlock.within(page.prose, lines: 1...1000), page.prose)
  }

  /// On every bundled lesson and the golden cases: blocks come in page order without
  /// overlapping, children sit inside their parent's lines, and every code block of the
  /// page model is a code block of the prose starting on its fence line.
  func testLinesNestAndMatchTheCodeBlocks() throws {
    let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let lessons = tests.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "lessons")
    var paths: [String] = []
    for root in [lessons, tests.appendingPathComponent("Cases")] {
      let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
      paths += files.filter { $0.hasSuffix(".md") }.map { root.appendingPathComponent($0).path }
    }
    XCTAssertGreaterThan(paths.count, 4)
    for path in paths {
      let page = Page.load(path: path)
      let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
      // Pages may end lines with CR LF or a lone CR, as Page reads them.
      let lineCount = text.replacingOccurrences(of: "\r\n", with: "\n").split(
        omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }
      ).count
      var codeLines: [Int] = []
      var pending: [(blocks: [ProseBlock], range: ClosedRange<Int>)] = [(page.prose, 1...max(lineCount, 1))]
      while let (blocks, range) = pending.popLast() {
        var previousEnd = range.lowerBound - 1
        for block in blocks {
          XCTAssertLessThanOrEqual(block.line, block.endLine, path)
          XCTAssertGreaterThan(block.line, previousEnd, "\(path): \(block.kind) at \(block.line)")
          XCTAssertLessThanOrEqual(block.endLine, range.upperBound, "\(path): \(block.kind) at \(block.line)")
          previousEnd = block.endLine
          if case .code = block.kind { codeLines.append(block.line) }
          if !block.children.isEmpty { pending.append((block.children, block.line...block.endLine)) }
        }
      }
      XCTAssertEqual(codeLines.sorted(), page.blocks.map { $0.fenceLine ?? $0.line }, path)
    }
  }
}
