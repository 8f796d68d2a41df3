import Foundation
import XCTest

/// The bundled course is the project's largest doc-test corpus: every exchange checked,
/// every exercise graded both ways, no warnings; and the authors' example page passes.
final class BundledCourseTests: TutorTestCase {
  func testEveryExchangeOfTheCourseIsChecked() throws {
    let run = try tutor(["test", "lessons/processes", "--format", "json"])
    XCTAssertEqual(run.status, 0, run.stderr)
    let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let pages = try XCTUnwrap(object["pages"] as? [[String: Any]])
    XCTAssertGreaterThanOrEqual(pages.count, 10)
    var checked = 0
    for page in pages {
      let path = page["path"] as? String ?? "?"
      XCTAssertEqual(page["verdict"] as? String, "passed", path)
      XCTAssertEqual((page["diagnostics"] as? [Any])?.count, 0, path)
      for exchange in page["exchanges"] as? [[String: Any]] ?? [] {
        let line = exchange["line"] as? Int ?? 0
        XCTAssertEqual(exchange["status"] as? String, "passed", "\(path):\(line)")
        XCTAssertEqual(exchange["checked"] as? Bool, true, "\(path):\(line) shows no output")
        if exchange["checked"] as? Bool == true { checked += 1 }
      }
    }
    XCTAssertGreaterThanOrEqual(checked, 200)
  }

  func testCheckingTheLessonsGradesEveryExerciseWithoutWarnings() throws {
    let run = try tutor(["check", "lessons"])
    XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
    XCTAssertFalse(run.stdout.contains("warning"), run.stdout)
    XCTAssertFalse(run.stderr.contains("warning"), run.stderr)
    // The authors' guide beside the courses is documentation, not a page.
    XCTAssertFalse(run.stdout.contains("README"), run.stdout)
    // Each page of the course ends with an exercise: a starter, its hidden solution,
    // and a grading transcript, which `check` runs both ways.
    let directory = Self.root.appendingPathComponent("lessons/processes")
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path)
    where name.hasSuffix(".md") {
      let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
      XCTAssertTrue(text.contains("<!-- tutor: exercise -->"), name)
      XCTAssertTrue(text.contains("<!-- tutor: solution -->"), name)
    }
  }

  func testTheAuthorsExamplePagePassesAndItsStarterFails() throws {
    let run = try tutor(["check", "lessons/example"])
    XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
    XCTAssertTrue(run.stdout.hasSuffix("8 passed, 0 failed\n"), run.stdout)

    // The same page with a starter that already does the job: check refuses it.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tutor-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let page = try String(
      contentsOf: Self.root.appendingPathComponent("lessons/example/01-echo.md"), encoding: .utf8)
    let end = "     (loop))))\n```\n\n<!-- tutor: solution -->"
    let solvedStarter = page.replacingOccurrences(of: end, with: "     (! caller msg)\n" + end)
    XCTAssertNotEqual(solvedStarter, page)
    try solvedStarter.write(
      to: directory.appendingPathComponent("01-echo.md"), atomically: true, encoding: .utf8)
    let failing = try tutor(["check", directory.path])
    XCTAssertEqual(failing.status, 1, failing.stdout)
    XCTAssertTrue(failing.stdout.contains("exercise starter shout.lfe already passes"), failing.stdout)
  }
}
