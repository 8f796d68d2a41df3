import Foundation
import XCTest

/// `tutor learn` without a terminal (a pipe, as CI runs it): the course played through,
/// exit 0 only when every step passes; and `tutor check` grading exercise starters.
final class LearnCommandTests: TutorTestCase {
  static var fixture: URL {
    root.appendingPathComponent("Tests/TutorTests/Fixtures/learn-course")
  }

  func testPlayingTheBundledCourseWithoutATerminalPasses() throws {
    let run = try tutor(["learn", "lessons/processes"])
    XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
    XCTAssertTrue(run.stdout.hasSuffix(" passed, 0 failed\n"), String(run.stdout.suffix(200)))
    XCTAssertTrue(run.stdout.contains("PASS\n"))
    XCTAssertFalse(run.stdout.contains("FAIL"))
    // No terminal, no colour.
    XCTAssertFalse(run.stdout.contains("\u{1B}["))
  }

  func testPlaythroughShowsEveryStepWithItsMark() throws {
    let run = try tutor(["learn", Self.fixture.path])
    XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
    XCTAssertTrue(run.stdout.contains("[2/4] 01-basics#2"), run.stdout)
    XCTAssertTrue(run.stdout.contains("lfe> (* x 2)\n20\nPASS\n"), run.stdout)
    XCTAssertTrue(run.stdout.contains("saved greet.lfe"), run.stdout)
    XCTAssertTrue(run.stdout.contains("lfe> (twice:double 21)\n42\nPASS\n"), run.stdout)
    XCTAssertTrue(run.stdout.hasSuffix("10 passed, 0 failed\n"), String(run.stdout.suffix(300)))
  }

  func testAWrongExpectedOutputExitsOne() throws {
    let directory = try copyFixture()
    let page = directory.appendingPathComponent("01-basics.md")
    let text = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(
      of: "lfe> (* x 2)\n20", with: "lfe> (* x 2)\n21")
    try text.write(to: page, atomically: true, encoding: .utf8)
    let run = try tutor(["learn", directory.path])
    XCTAssertEqual(run.status, 1, run.stdout)
    XCTAssertTrue(run.stdout.contains("FAIL \(page.path):27: the output differs from the page"), run.stdout)
    XCTAssertTrue(run.stdout.contains("-21\n+20\n"), run.stdout)
    XCTAssertTrue(run.stdout.hasSuffix("9 passed, 1 failed\n"), String(run.stdout.suffix(300)))
  }

  func testAStrayTranscriptLineFailsThePlaythroughButTheRestPlays() throws {
    let directory = try copyFixture()
    let page = directory.appendingPathComponent("01-basics.md")
    let text = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(
      of: "```lfe\nlfe> (* x 2)", with: "```lfe\n(forgot the prompt)\nlfe> (* x 2)")
    try text.write(to: page, atomically: true, encoding: .utf8)
    let run = try tutor(["learn", directory.path])
    XCTAssertEqual(run.status, 1, run.stdout)
    XCTAssertTrue(
      run.stdout.contains("FAIL \(page.path):27:1: error: transcript line before any prompt"), run.stdout)
    XCTAssertTrue(run.stdout.contains("lfe> (* x 2)\n20\nPASS\n"), run.stdout)
  }

  func testCheckFailsAStarterThatAlreadyPasses() throws {
    let directory = try copyFixture()
    let page = directory.appendingPathComponent("02-modules.md")
    let text = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(
      of: "(defun double (x)\n  x)", with: "(defun double (x)\n  (+ x x))")
    try text.write(to: page, atomically: true, encoding: .utf8)
    let run = try tutor(["check", directory.path])
    XCTAssertEqual(run.status, 1, run.stdout)
    XCTAssertTrue(
      run.stdout.contains(
        "02-modules.md:53:1: error: exercise starter twice.lfe already passes its grading transcript (line 70)"
      ),
      run.stdout)
    XCTAssertEqual(try tutor(["check", Self.fixture.path]).status, 0)
  }

  func testCheckFailsASolutionThatFails() throws {
    let directory = try copyFixture()
    let page = directory.appendingPathComponent("02-modules.md")
    let text = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(
      of: "(* 2 x))", with: "(* 3 x))")
    try text.write(to: page, atomically: true, encoding: .utf8)
    let run = try tutor(["check", directory.path])
    XCTAssertEqual(run.status, 1, run.stdout)
    XCTAssertTrue(run.stdout.contains("-42\n+63\n"), run.stdout)
  }

  private func copyFixture() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-learn-\(UUID())")
    try FileManager.default.copyItem(at: Self.fixture, to: directory)
    addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
    return directory
  }
}
