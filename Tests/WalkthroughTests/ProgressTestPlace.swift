import Foundation
import Lessons
import Walkthrough

/// A course directory and a state directory under one temporary directory, removed
/// when the test ends.
struct ProgressTestPlace {
  let root: URL
  let course: URL
  let state: URL

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tutor-progress-\(UUID().uuidString)")
    course = root.appendingPathComponent("my course")
    state = root.appendingPathComponent("state")
    try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
  }

  var environment: [String: String] { ["XDG_STATE_HOME": state.path, "HOME": "/nonexistent"] }

  func store() throws -> ProgressStore {
    try ProgressStore(courseDirectory: course.path, environment: environment)
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  /// A page whose steps are one exchange per input: `(+ 1 N)` prints N + 1.
  func page(_ stem: String, inputs: [String]) -> PageSteps {
    var text = "# \(stem)\n\n```lfe\n"
    for input in inputs { text += "lfe> \(input)\nok\n" }
    text += "```\n"
    return PageSteps(page: Page(path: course.appendingPathComponent("\(stem).md").path, text: text))
  }

  func files(in directory: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
  }
}
