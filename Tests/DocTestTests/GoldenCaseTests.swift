import DocTest
import Foundation
import XCTest

/// Each folder under `Cases/` is run as a course by `tutor check`; its text report must
/// equal `expected.out`. `update*/` also check `--update`. `TUTOR_RECORD=1` re-records.
final class GoldenCaseTests: XCTestCase {
  static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Cases")

  static var recording: Bool { ProcessInfo.processInfo.environment["TUTOR_RECORD"] == "1" }

  /// The text report of checking `directory`, with the directory's path taken out.
  static func report(_ directory: URL, mode: CourseRunner.Mode = .check) -> (String, Int32, [PageResult]) {
    let (courses, errors) = DocTestRun.load(paths: [directory.path])
    XCTAssertEqual(errors, [])
    let pages = DocTestRun(mode: mode, jobs: 2).run(courses)
    let text = DocTestRun.render(pages, format: .text, color: false)
      .replacingOccurrences(of: directory.path + "/", with: "")
    return (text, RunSummary(pages).exitCode, pages)
  }

  static func compare(
    _ actual: String, with url: URL, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    if recording {
      try Data(actual.utf8).write(to: url)
      return
    }
    let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing \(url.lastPathComponent)>"
    XCTAssertEqual(
      actual, expected, "\(url.path) differs (TUTOR_RECORD=1 re-records)", file: file, line: line)
  }

  func testEveryCase() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.casesDirectory.path)
      .filter { !$0.hasPrefix(".") && !$0.contains(".") && !$0.hasPrefix("update") }
      .sorted()
    XCTAssertGreaterThanOrEqual(names.count, 11)
    for name in names {
      let directory = Self.casesDirectory.appendingPathComponent(name)
      let (text, code, _) = Self.report(directory)
      try Self.compare("exit \(code)\n" + text, with: directory.appendingPathComponent("expected.out"))
    }
  }

  func testPassingCasesExitZero() {
    for name in ["passing", "course", "profiles", "skipped", "late-output", "fragment"] {
      let (text, code, _) = Self.report(Self.casesDirectory.appendingPathComponent(name))
      XCTAssertEqual(code, 0, "\(name):\n\(text)")
    }
  }

  func testUpdateRewritesStalePageIntoPassingOne() throws {
    try checkUpdate("update", exchanges: 2)
  }

  /// Output after a prompt keeps its prompt, and output in a block of its own stays there.
  func testUpdateKeepsTheLayoutOfSplitOutput() throws {
    try checkUpdate("update-late-output", exchanges: 2)
  }

  /// Output after a prompt that would read as input there is not written back.
  func testUpdateLeavesOutputThatWouldNotFitThePage() throws {
    let (_, code, pages) = Self.report(Self.casesDirectory.appendingPathComponent("late-output-mismatch"))
    XCTAssertEqual(code, 1)
    XCTAssertNil(try PageUpdate.make(for: pages[0]).get())
  }

  func checkUpdate(_ name: String, exchanges: Int, file: StaticString = #filePath, line: UInt = #line) throws
  {
    let source = Self.casesDirectory.appendingPathComponent(name)
    let work = try Self.copy(source.appendingPathComponent("page.md"))
    defer { try? FileManager.default.removeItem(at: work) }
    let (before, code, pages) = Self.report(work)
    XCTAssertEqual(code, 1, before)
    try Self.compare("exit \(code)\n" + before, with: source.appendingPathComponent("expected.out"))

    let update = try XCTUnwrap(try PageUpdate.make(for: pages[0]).get())
    XCTAssertEqual(update.exchanges, exchanges, file: file, line: line)
    try update.apply()
    let written = try Data(contentsOf: work.appendingPathComponent("page.md"))
    try Self.compare(
      String(decoding: written, as: UTF8.self), with: source.appendingPathComponent("page.md.updated"))
    try Self.compare(
      update.diff.rendered(color: false).replacingOccurrences(of: work.path + "/", with: ""),
      with: source.appendingPathComponent("update.diff"))

    let (after, codeAfter, _) = Self.report(work)
    XCTAssertEqual(codeAfter, 0, after, file: file, line: line)
  }

  func testUpdateKeepsCRLFLineEndings() throws {
    let source = Self.casesDirectory.appendingPathComponent("update")
    let work = try Self.copy(source.appendingPathComponent("page.md"), crlf: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let (_, _, pages) = Self.report(work)
    let update = try XCTUnwrap(try PageUpdate.make(for: pages[0]).get())
    try update.apply()
    let written = String(
      decoding: try Data(contentsOf: work.appendingPathComponent("page.md")), as: UTF8.self)
    let expected = try String(contentsOf: source.appendingPathComponent("page.md.updated"), encoding: .utf8)
    XCTAssertEqual(written, expected.replacingOccurrences(of: "\n", with: "\r\n"))
    XCTAssertEqual(Self.report(work).1, 0)
  }

  /// A fresh directory holding a copy of `page`, so the case itself is never rewritten.
  static func copy(_ page: URL, crlf: Bool = false) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "doctest-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var text = try String(contentsOf: page, encoding: .utf8)
    if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
    try Data(text.utf8).write(to: directory.appendingPathComponent("page.md"))
    return directory
  }
}
