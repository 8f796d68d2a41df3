import Foundation
import Lessons
import Walkthrough
import XCTest

final class ProseRendererTests: XCTestCase {
  static let sample = """
    # Messages

    A *process* has a **mailbox**; see `receive` and
    [the docs](https://lfe.io/docs) or ![a ring](ring.png).

    > Quoted text that goes on long enough to wrap.

    1. First
    2. Second
       - inner
    ***

    ```lfe
    (defun f (x) ; double
      (* 2 x))
    ```

    """

  /// A line's words, without the bars and markers of the quotes and lists it is in.
  func contentWords(_ line: Substring) -> [Substring] {
    let stripped = line.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    let words = stripped.split(separator: " ")
    let markers: Set<Substring> = ["│", ">", "-", "*", "+", "•", "◦", "▪"]
    let decoration = words.prefix { markers.contains($0) || ($0.hasSuffix(".") && Int($0.dropLast()) != nil) }
    return Array(words.dropFirst(decoration.count))
  }

  func render(_ text: String, _ style: TerminalStyle) -> String {
    ProseRenderer.render(Page(path: "p.md", text: text).prose, style: style)
  }

  func testPlain() {
    XCTAssertEqual(
      render(Self.sample, TerminalStyle(color: false, plain: true, width: 40)),
      """
      Messages
      ========

      A _process_ has a *mailbox*; see
      `receive` and the docs
      (https://lfe.io/docs) or [image: a ring]
      (ring.png).

      > Quoted text that goes on long enough
      > to wrap.

      1. First
      2. Second
         * inner

      ----------------------------------------

          (defun f (x) ; double
            (* 2 x))

      """)
  }

  func testSymbolsWithoutColour() {
    XCTAssertEqual(
      render("> quote\n>\n> more\n\n- a\n- b\n\n---\n", TerminalStyle(color: false, plain: false, width: 40)),
      """
      │ quote
      │
      │ more

      • a
      • b

      ────────────────────────────────────────

      """)
  }

  func testColour() {
    let esc = "\u{1B}["
    XCTAssertEqual(
      render(Self.sample, TerminalStyle(color: true, plain: false, width: 40)),
      """
      \(esc)1;4;36mMessages\(esc)0m

      A \(esc)3mprocess\(esc)0m has a \(esc)1mmailbox\(esc)0m; see \(esc)33mreceive\(esc)0m and
      \(esc)4mthe docs\(esc)0m\(esc)2m (https://lfe.io/docs)\(esc)0m or
      \(esc)3m[image: a ring]\(esc)0m\(esc)2m (ring.png)\(esc)0m.

      \(esc)2m│\(esc)0m Quoted text that goes on long enough
      \(esc)2m│\(esc)0m to wrap.

      1. First
      2. Second
         ◦ inner

      \(esc)2m────────────────────────────────────────\(esc)0m

          \(esc)2m(\(esc)0m\(esc)1;34mdefun\(esc)0m f \(esc)2m(\(esc)0mx\(esc)2m)\(esc)0m \(esc)2;3m; double\(esc)0m
            \(esc)2m(\(esc)0m* \(esc)35m2\(esc)0m x\(esc)2m))\(esc)0m

      """)
  }

  func testHeadingsAndLooseLists() {
    XCTAssertEqual(
      render(
        "## A heading long enough to need two lines here\n\n9. nine\n\n10. ten\n    and more\n\n    ```\n    code\n    ```\n",
        TerminalStyle(plain: true, width: 40)),
      """
      A heading long enough to need two lines
      here
      ---------------------------------------

       9. nine

      10. ten and more

              code

      """)
  }

  func testLinksAndBreaks() {
    XCTAssertEqual(
      render(
        "See  <https://lfe.io>, [x](https://a.b \"t\")\\\nnext `a  b` ![](pic.png)\n",
        TerminalStyle(plain: true)),
      // Runs of spaces fold to one, except in code spans.
      "See https://lfe.io, x (https://a.b)\nnext `a  b` [image: ] (pic.png)\n")
  }

  func testEmptyItemKeepsItsMarker() {
    XCTAssertEqual(render("- \n- b\n", TerminalStyle(plain: true)), "-\n- b\n")
  }

  func testColourIsResetAtEveryLineEnd() {
    let text = "**bold text that runs on and on across a great many words, so it wraps several times**\n"
    let lines = render(text, TerminalStyle(color: true, width: 40)).split(separator: "\n")
    XCTAssertGreaterThan(lines.count, 2)
    for line in lines {
      XCTAssertTrue(line.hasPrefix("\u{1B}[1m"), String(line))
      XCTAssertTrue(line.hasSuffix("\u{1B}[0m"), String(line))
    }
  }

  func testWideCharacters() {
    let text = String(repeating: "日本語の文章 ", count: 12) + "👋🏽 café naïve\n"
    let style = TerminalStyle(plain: true, width: 40)
    let lines = render(text, style).split(separator: "\n")
    XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0) <= 40 })
    // Six wide characters are twelve columns, and three fit with their spaces: 38 columns.
    XCTAssertEqual(DisplayWidth.of(lines[0]), 38)
    XCTAssertEqual(lines.count, 5)
    XCTAssertEqual(lines.last, "👋🏽 café naïve")
  }

  func testLongCodeLinesBreakAtSpaces() {
    let code = "```lfe\n  (io:format \"a rather long format string ~p~n\" (list x y z))\n```\n"
    XCTAssertEqual(
      render(code, TerminalStyle(plain: true, width: 40)),
      """
            (io:format "a rather long format
              string ~p~n" (list x y z))

      """)
  }

  /// Every bundled lesson page, at the narrowest width: no line wider than the width
  /// unless it is one word.
  func testBundledLessonsFitTheWidth() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("lessons/processes")
    let files = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".md") }
    XCTAssertFalse(files.isEmpty)
    for file in files {
      let page = Page.load(path: root.appendingPathComponent(file).path)
      XCTAssertFalse(page.prose.isEmpty, file)
      for style in [
        TerminalStyle(color: true, width: 40), TerminalStyle(plain: true, width: 40),
        TerminalStyle(color: true, width: 57),
      ] {
        let rendered = ProseRenderer.render(page.prose, style: style)
        for line in rendered.split(separator: "\n") where DisplayWidth.of(line) > style.width {
          XCTAssertEqual(contentWords(line).count, 1, "\(file) at \(style.width): \(line)")
        }
        if style.color {
          // Nothing is lost: without escapes, the words are those of the plain rendering.
          let stripped = rendered.replacingOccurrences(
            of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
          XCTAssertFalse(stripped.contains("\u{1B}"))
        }
      }
    }
  }

  func testDeepNestingRenders() {
    let quotes = Page(path: "p.md", text: String(repeating: "> ", count: 20_000) + "deep\n")
    let rendered = ProseRenderer.render(quotes.prose, style: TerminalStyle(width: 40))
    // Sixteen levels of bar would leave no room; prefixes stop at half the width.
    XCTAssertEqual(rendered, String(repeating: "│ ", count: 10) + "deep\n")

    let emphasis = Page(
      path: "p.md",
      text: String(repeating: "*a ", count: 20_000) + "b" + String(repeating: " a*", count: 20_000) + "\n")
    let lines = ProseRenderer.render(emphasis.prose, style: TerminalStyle(color: true, width: 40))
      .split(separator: "\n")
    XCTAssertGreaterThan(lines.count, 1000)
    XCTAssertTrue(lines.allSatisfy { DisplayWidth.of($0) <= 40 })
  }

  func testControlCharactersAreShownNotSent() {
    let text = "Bad \u{1B}[2J text `\u{7}`\n\n```\n(a \u{1B}]0;x\u{7})\n```\n"
    XCTAssertEqual(
      render(text, TerminalStyle(plain: true)), "Bad ^[[2J text `^G`\n\n    (a ^[]0;x^G)\n")
    XCTAssertFalse(render(text, TerminalStyle(color: true)).contains("\u{1B}[2J"))
  }

  func testTinyWidthsStillRender() throws {
    let page = Page(path: "p.md", text: Self.sample + "> - > 1. deep\n")
    for width in [1, 2, 3, 7, 12] {
      let lines = ProseRenderer.render(page.prose, style: TerminalStyle(color: true, width: width))
        .split(separator: "\n")
      XCTAssertGreaterThan(lines.count, 10)
      for line in lines where DisplayWidth.of(line) > width {
        XCTAssertEqual(contentWords(line).count, 1, "at \(width): \(line)")
      }
    }
  }

  func testOneLineOfInlines() {
    let inlines: [Inline] = [.text("Step "), .code("(c \"m\")"), .softBreak, .emphasis([.text("now")])]
    XCTAssertEqual(ProseRenderer.render(inline: inlines, style: TerminalStyle()), "Step `(c \"m\")` _now_")
    XCTAssertEqual(
      ProseRenderer.render(inline: inlines, style: TerminalStyle(color: true)),
      "Step \u{1B}[33m(c \"m\")\u{1B}[0m \u{1B}[3mnow\u{1B}[0m")
  }
}
