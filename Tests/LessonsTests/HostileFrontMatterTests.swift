import XCTest

@testable import Lessons

/// Front matter written to break the YAML reader: nesting it would recurse through, and
/// aliases that multiply. Each is refused quickly with where it goes wrong.
final class HostileFrontMatterTests: XCTestCase {
  private func errors(_ frontMatter: String) -> [String] {
    let page = Page(path: "p.md", text: "---\n" + frontMatter + "\n---\n# Title\n")
    return page.diagnostics.map(\.description)
  }

  func testFlowNestingTenThousandDeepIsRefusedWithItsPlace() {
    let n = 10_000
    let found = errors("x: " + String(repeating: "[", count: n) + String(repeating: "]", count: n))
    XCTAssertEqual(
      found, ["p.md:2:68: error: front matter is nested too deeply (more than 64 brackets open)"])
  }

  func testBlockNestingByIndentationIsRefused() {
    let lines = (1..<3000).map { String(repeating: " ", count: $0) + "- " }.joined(separator: "\n")
    let found = errors("x:\n" + lines)
    XCTAssertEqual(found.count, 1)
    XCTAssertTrue(
      found.first?.hasPrefix("p.md:258:258: error: front matter is nested too deeply") ?? false, "\(found)")
  }

  func testAliasesThatMultiplyAreRefused() {
    var lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
      lines.append(
        "\(name): &\(name) [" + Array(repeating: "*" + previous, count: 9).joined(separator: ", ") + "]")
      previous = name
    }
    let found = errors(lines.joined(separator: "\n"))
    XCTAssertEqual(
      found, ["p.md:6:4: error: front matter holds more than 10000 values once its aliases are expanded"])
  }

  func testOrdinaryFrontMatterStillReads() {
    let page = Page(
      path: "p.md",
      text: """
        ---
        title: "Don't [panic" # a comment with [[[
        note: it's {fine}
        tags: [a, [b, {c: d}]]
        base: &base {x: 1}
        copy: *base
        tutor:
          profile: lfe1
        ---
        # Title

        """)
    XCTAssertEqual(page.diagnostics.map(\.description), [])
    XCTAssertEqual(page.frontMatter["copy"], .mapping(["x": .integer(1)]))
    XCTAssertEqual(page.frontMatter["title"], .string("Don't [panic"))
  }
}
