import Foundation
import Lessons
import XCTest

final class PageTests: XCTestCase {
  func testCompletenessCheckIsInjected() {
    let text = "```lfe\nlfe> (a\nb)\nc\nlfe> end\n```\n"
    // A checker that only accepts lines ending in "c" keeps reading past the bracket rule's end.
    let page = Page(path: "p.md", text: text, isComplete: { $0.hasSuffix("c") })
    let exchanges = page.blocks.first?.exchanges ?? []
    XCTAssertEqual(exchanges.first?.input, "(a\nb)\nc")
    XCTAssertEqual(exchanges.first?.inputLines.map(\.line), [2, 3, 4])
    XCTAssertEqual(exchanges.first?.inputEndLine, 4)
    XCTAssertEqual(exchanges.first?.expected, [])
    let byBrackets = Page(path: "p.md", text: text)
    XCTAssertEqual(byBrackets.blocks.first?.exchanges.first?.input, "(a\nb)")
    XCTAssertEqual(byBrackets.blocks.first?.exchanges.first?.expectedText, "c")
  }

  func testUnreadableFile() {
    let page = Page.load(path: "/nonexistent/lesson.md")
    XCTAssertTrue(page.hasErrors)
    XCTAssertEqual(
      page.diagnostics.map(\.description),
      ["/nonexistent/lesson.md:1:1: error: cannot read file: no such file"])
    XCTAssertEqual(
      Page.load(path: NSTemporaryDirectory()).diagnostics.first?.message,
      "cannot read file: it is a directory")
  }

  func testLoadFromDisk() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-page-\(UUID()).md")
    try "# Hello\r\n\r\n```lfe\r\nlfe> (self)\r\n#Pid<0.79.0>\r\n```\r\n".write(
      to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let page = Page.load(path: url.path)
    XCTAssertEqual(page.path, url.path)
    XCTAssertEqual(page.title, "Hello")
    XCTAssertEqual(page.blocks.first?.exchanges.first?.expected, [NumberedLine("#Pid<0.79.0>", line: 5)])
    XCTAssertEqual(page.blocks.first?.text, "lfe> (self)\n#Pid<0.79.0>\n")
  }

  func testBlockLinesAndRange() {
    let page = Page(path: "p.md", text: "- item\n\n  ```lfe\n  (defmodule m)\n  (defun f () 1)\n  ```\n")
    let block = page.blocks.first
    XCTAssertEqual(block?.fenceLine, 3)
    XCTAssertEqual(block?.lineRange, 4..<6)
    XCTAssertEqual(
      block?.lines, [NumberedLine("(defmodule m)", line: 4), NumberedLine("(defun f () 1)", line: 5)])
    XCTAssertEqual(block?.file, "m.lfe")
    XCTAssertEqual(block?.fileOrigin, .module)
  }

  func testLonelyCarriageReturnsAndByteOrderMark() {
    let page = Page(path: "p.md", text: "\u{FEFF}# One\r\rText\r## Four\r")
    XCTAssertEqual(page.headings.map(\.line), [1, 4])
  }

  func testFrontMatterTypesAndLocations() {
    let text = "---\nguide: 3\nratio: 1.5\ndraft: false\nnothing: ~\nquoted: '7'\ntags: [a, b]\n---\n# T\n"
    let page = Page(path: "p.md", text: text)
    XCTAssertEqual(page.guide, 3)
    XCTAssertEqual(page.frontMatter["ratio"], .double(1.5))
    XCTAssertEqual(page.frontMatter["draft"], .bool(false))
    XCTAssertEqual(page.frontMatter["nothing"], .null)
    XCTAssertEqual(page.frontMatter["quoted"], .string("7"))
    XCTAssertEqual(page.frontMatter["tags"], .list([.string("a"), .string("b")]))
    XCTAssertEqual(page.frontMatterLocations["guide"], SourceLocation(path: "p.md", line: 2, column: 8))
    XCTAssertEqual(page.headings.first?.line, 9)
  }

  func testDurations() {
    XCTAssertEqual(BlockOptions.parseDuration("5s"), .seconds(5))
    XCTAssertEqual(BlockOptions.parseDuration("500ms"), .milliseconds(500))
    XCTAssertEqual(BlockOptions.parseDuration("2m"), .seconds(120))
    XCTAssertEqual(BlockOptions.parseDuration("1.5"), .milliseconds(1500))
    XCTAssertNil(BlockOptions.parseDuration("soon"))
    XCTAssertNil(BlockOptions.parseDuration("-1s"))
    XCTAssertEqual(BlockOptions(skip: true, timeout: .milliseconds(1500)).description, "skip timeout=1500ms")
  }

  func testDiagnosticRendering() {
    let location = SourceLocation(path: "lessons/a.md", line: 12, column: 3)
    XCTAssertEqual(location.description, "lessons/a.md:12:3")
    XCTAssertEqual(Diagnostic.error(at: location, "bad").description, "lessons/a.md:12:3: error: bad")
    let warning = Diagnostic.warning(at: location, "odd")
    XCTAssertEqual([warning].rendered, "lessons/a.md:12:3: warning: odd\n")
    XCTAssertFalse([warning].containsErrors)
  }
}
