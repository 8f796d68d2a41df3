import Foundation
import LFE
import Lessons
import Walkthrough
import XCTest

/// `tutor progress` run as a learner runs it, with its state directory in a temporary
/// directory.
final class ProgressCommandTests: TutorTestCase {
  var state: URL!

  override func setUpWithError() throws {
    state = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-state-\(UUID().uuidString)")
  }

  override func tearDown() { try? FileManager.default.removeItem(at: state) }

  var environment: [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["XDG_STATE_HOME"] = state.path
    environment["NO_COLOR"] = nil
    return environment
  }

  func tutor(_ args: [String]) throws -> Run {
    try tutor(["progress"] + args, environment: environment)
  }

  /// The bundled course's steps, as `tutor progress` builds them.
  func coursePages() -> [PageSteps] {
    let directory = CommandLineTests.root.appendingPathComponent("lessons/processes").path
    return Course.load(directory: directory, isComplete: Reader.isComplete).pages.map { PageSteps(page: $0) }
  }

  func store() throws -> ProgressStore {
    try ProgressStore(
      courseDirectory: CommandLineTests.root.appendingPathComponent("lessons/processes").path,
      environment: environment)
  }

  /// The first page done (one step solved), the second two steps in, the rest untouched.
  func writeSomeProgress() throws -> [PageSteps] {
    let pages = coursePages()
    XCTAssertEqual(
      pages.map(\.stem),
      [
        "01-hello", "02-mailbox", "03-spawning", "04-loops", "05-replies", "06-names", "07-timeouts",
        "08-taking-turns", "09-links", "10-supervisors", "11-project-server", "12-project-client",
      ])
    var store = try store()
    for (index, step) in pages[0].steps.enumerated() {
      try store.update(step: step, page: pages[0].stem) {
        $0.status = index == 0 ? .solved : .done
        $0.accept("(form)")
      }
    }
    for step in pages[1].steps.prefix(2) {
      try store.update(step: step, page: pages[1].stem) { $0.status = .done }
    }
    try store.update(step: pages[1].steps[2], page: pages[1].stem) { $0.tries = 3 }
    try store.setPosition(page: pages[1].stem, step: pages[1].steps[2])
    return pages
  }

  func lines(_ run: Run) -> [String] {
    run.stdout.split(separator: "\n").map(String.init)
  }

  func testAFreshCourseIsNotStarted() throws {
    let run = try tutor(["lessons/processes"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(run.stderr, "")
    let out = lines(run)
    XCTAssertEqual(out.count, 14, run.stdout)
    XCTAssertTrue(out[0].hasPrefix("[ ]  1  Processes and pids "), out[0])
    XCTAssertTrue(out[11].hasPrefix("[ ] 12  Project, part 2: a client API, and OTP "), out[3])
    XCTAssertTrue(
      out[0].contains(" 0/\(coursePages()[0].steps.count) steps  0 solved  0 skipped"), out[0])
    XCTAssertTrue(out.prefix(12).allSatisfy { $0.hasPrefix("[ ]") && !$0.contains(" at ") }, run.stdout)
    XCTAssertTrue(out[12].hasPrefix("0 of 12 pages done, 0 of "), out[12])
    XCTAssertEqual(out[13], "progress file: " + (try store().fileURL.path))
    XCTAssertFalse(FileManager.default.fileExists(atPath: state.path), "looking writes nothing")
  }

  func testMarksShowWhatWasDone() throws {
    let pages = try writeSomeProgress()
    let run = try tutor(["lessons/processes"])
    XCTAssertEqual(run.status, 0, run.stderr)
    let out = lines(run)
    let first = pages[0].steps.count
    let second = pages[1].steps.count
    XCTAssertTrue(out[0].hasPrefix("[x]  1  Processes and pids"), out[0])
    XCTAssertTrue(out[0].contains(" \(first)/\(first) steps  1 solved  0 skipped"), out[0])
    XCTAssertTrue(out[1].hasPrefix("[~]  2  The mailbox"), out[1])
    XCTAssertTrue(out[1].hasSuffix(" 2/\(second) steps  0 solved  0 skipped  at 02-mailbox#3"), out[1])
    XCTAssertTrue(out[2].hasPrefix("[ ]  3"), out[2])
    XCTAssertTrue(out[3].hasPrefix("[ ]  4"), out[3])
    XCTAssertTrue(out[12].hasPrefix("1 of 12 pages done, \(first + 2) of "), out[12])

    let json = try tutor(["lessons/processes", "--json"])
    XCTAssertEqual(json.status, 0, json.stderr)
    let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let listed = try XCTUnwrap(object["pages"] as? [[String: Any]])
    XCTAssertEqual(
      listed.map { $0["mark"] as? String },
      ["done", "in-progress"] + Array(repeating: "not-started", count: 10))
    XCTAssertEqual(listed[1]["position"] as? String, "02-mailbox#3")
    XCTAssertEqual(listed[1]["started"] as? Int, 1)
    XCTAssertEqual(listed[0]["solved"] as? Int, 1)
    XCTAssertEqual(object["file"] as? String, try store().fileURL.path)
  }

  func testResetNeedsYesOffATerminal() throws {
    _ = try writeSomeProgress()
    let before = try Data(contentsOf: try store().fileURL)
    let refused = try tutor(["lessons/processes", "--reset"])
    XCTAssertEqual(refused.status, 2)
    XCTAssertTrue(refused.stderr.contains("--yes"), refused.stderr)
    XCTAssertEqual(try Data(contentsOf: try store().fileURL), before)

    let unknown = try tutor(["lessons/processes", "--reset", "05-nothing", "--yes"])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(
      unknown.stderr.contains("01-hello, 02-mailbox, 03-spawning, 04-loops, 05-replies"), unknown.stderr)
    XCTAssertEqual(try tutor(["lessons/processes", "02-mailbox"]).status, 2, "a page needs --reset")
  }

  func testResetOnePageThenTheCourse() throws {
    _ = try writeSomeProgress()
    let page = try tutor(["lessons/processes", "--reset", "lessons/processes/01-hello.md", "--yes"])
    XCTAssertEqual(page.status, 0, page.stderr)
    XCTAssertEqual(lines(page).first, "Reset progress of page 01-hello of lessons/processes.")
    XCTAssertTrue(lines(page)[1].hasPrefix("[ ]  1"), page.stdout)
    XCTAssertTrue(lines(page)[2].hasPrefix("[~]  2"), page.stdout)

    let course = try tutor(["lessons/processes", "--reset", "--yes"])
    XCTAssertEqual(course.status, 0, course.stderr)
    XCTAssertTrue(lines(course).dropFirst().prefix(12).allSatisfy { $0.hasPrefix("[ ]") }, course.stdout)
    XCTAssertFalse(FileManager.default.fileExists(atPath: try store().fileURL.path))
  }

  func testDamagedFileIsSetAsideWithAWarning() throws {
    let file = try store().fileURL
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("{\"version\": 1, \"cou".utf8).write(to: file)
    let run = try tutor(["lessons/processes"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(
      run.stderr.hasPrefix("tutor progress: warning: progress file \(file.path) was set aside"), run.stderr)
    XCTAssertTrue(lines(run).prefix(12).allSatisfy { $0.hasPrefix("[ ]") }, run.stdout)
  }

  func testBadCoursesExit2() throws {
    XCTAssertEqual(try tutor(["no/such/course"]).status, 2)
    let parent = try tutor(["lessons"])
    XCTAssertEqual(parent.status, 2)
    XCTAssertTrue(
      parent.stderr.contains("courses under it: lessons/example, lessons/processes"), parent.stderr)
    XCTAssertEqual(try tutor(["lessons/processes/01-hello.md"]).status, 2)
    XCTAssertEqual(try tutor([]).status, 2)
  }
}
