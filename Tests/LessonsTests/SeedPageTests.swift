import Foundation
import Lessons
import XCTest

/// The page the project started from: guide 4 of a published 2014 tutorial.
final class SeedPageTests: XCTestCase {
  static let seedPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("../shared/seeds/000_e2db3a90ddbbe525.txt").standardized.path

  func loadSeed() throws -> Page {
    let text = try String(contentsOfFile: Self.seedPath, encoding: .utf8)
    return Page(path: "000_e2db3a90ddbbe525.txt", text: text)
  }

  func testFrontMatter() throws {
    let page = try loadSeed()
    XCTAssertEqual(page.guide, 4)
    XCTAssertEqual(page.totalGuides, 4)
    XCTAssertEqual(page.frontMatter["layout"], .string("processes-tutorial"))
    XCTAssertEqual(page.diagnostics, [])
  }

  func testHeadings() throws {
    let page = try loadSeed()
    XCTAssertEqual(
      page.headings.map { [String($0.level), $0.text, String($0.line)] },
      [
        ["1", "Tutorial: Lightweight Processes", "6"], ["2", "4 Process Communications", "8"],
        ["3", "4.1 It's a Two Way Street", "10"], ["3", "4.2 Walk the Talk", "22"],
        ["3", "4.3 Conclusion", "74"],
      ])
  }

  func testSourceBlock() throws {
    let page = try loadSeed()
    let sources = page.blocks.filter { $0.kind == .source }
    XCTAssertEqual(sources.count, 1)
    XCTAssertEqual(sources.first?.file, "messenger-back.lfe")
    XCTAssertEqual(sources.first?.fileOrigin, .prose)
    XCTAssertEqual(sources.first?.line, 34)
    XCTAssertEqual(sources.first?.endLine, 47)
    XCTAssertEqual(sources.first?.language, "cl")
    XCTAssertTrue(sources.first?.text.hasPrefix("(defmodule messenger-back\n") ?? false)
  }

  func testTranscripts() throws {
    let page = try loadSeed()
    let transcripts = page.blocks.filter { $0.kind == .transcript }
    XCTAssertEqual(transcripts.count, 2)
    guard transcripts.count == 2 else { return }
    let first = transcripts[0].exchanges
    XCTAssertEqual(first.map(\.line), [54, 56])
    XCTAssertEqual(first.map(\.prompt), ["> ", "> "])
    XCTAssertEqual(first.first?.input, "(c '\"messenger-back\")")
    XCTAssertEqual(first.first?.expected, [NumberedLine("#(module messenger-back)", line: 55)])
    XCTAssertEqual(first.last?.expected.map(\.line), [57, 58, 59])
    XCTAssertEqual(
      first.last?.expected.first?.text, "#(<0.25.0> \"There was a terrible ghastly silence.\")")
    let second = transcripts[1].exchanges
    XCTAssertEqual(second.map(\.line), [66])
    XCTAssertEqual(second.first?.input, "(: c flush)")
    XCTAssertEqual(second.first?.expected.map(\.line), [67, 68])
    XCTAssertEqual(second.first?.expected.last?.text, "ok")
  }

  func testGolden() throws {
    let page = try loadSeed()
    try GoldenCaseTests.compare(
      [page], in: GoldenCaseTests.casesDirectory.appendingPathComponent("seed.golden"), stripping: "",
      name: "seed")
  }
}
