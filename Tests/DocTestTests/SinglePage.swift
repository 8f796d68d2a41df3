import DocTest
import Foundation

/// Runs one page's text through the embedded shell, as `tutor test page.md` would.
enum SinglePage {
  static func run(_ page: String) throws -> PageResult {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("page-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("page.md").path
    try Data(page.utf8).write(to: URL(fileURLWithPath: path))
    let (courses, _) = DocTestRun.load(paths: [path])
    return DocTestRun(mode: .test, jobs: 1, factory: EmbeddedShell.factory).run(courses)[0]
  }
}
