import Foundation
import LFE
import Lessons

/// What `tutor check` and `tutor test` do, apart from parsing arguments and writing
/// files: load the paths, run the courses, report, and work out the exit code.
public struct DocTestRun: Sendable {
  public enum Format: String, CaseIterable, Sendable {
    case text, junit, tap, json, html
  }

  public var mode: CourseRunner.Mode
  public var jobs: Int
  public var factory: ShellFactory
  /// When set, each course runs in a child process started from this executable (the
  /// `tutor` binary), so a course that crashes costs only itself. The factory is not
  /// used then: the child makes its own shells.
  public var isolation: URL?

  public init(
    mode: CourseRunner.Mode, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
    factory: @escaping ShellFactory = EmbeddedShell.factory
  ) {
    self.mode = mode
    self.jobs = jobs
    self.factory = factory
  }

  /// The courses the paths name: a directory and each subdirectory holding pages is a
  /// course; a page file is a course of its own. Problems with the paths themselves are
  /// usage errors.
  public static func load(paths: [String]) -> (courses: [Course], usageErrors: [String]) {
    var courses: [Course] = []
    var errors: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        errors.append("no such file or directory: \(path)")
        continue
      }
      if isDirectory.boolValue {
        let found = Course.loadAll(under: path, isComplete: Reader.isComplete)
        if found.allSatisfy({ $0.pages.isEmpty }) {
          errors.append("no lesson pages (*.md, *.markdown, *.txt) under \(path)")
        }
        for course in found {
          errors += course.diagnostics.map(\.description)
          if !course.pages.isEmpty { courses.append(course) }
        }
      } else {
        let page = Page.load(path: path, isComplete: Reader.isComplete)
        let directory = (path as NSString).deletingLastPathComponent
        courses.append(Course(directory: directory.isEmpty ? "." : directory, pages: [page]))
      }
    }
    return (courses, errors)
  }

  /// Every page's result, courses in the order given, pages in course order.
  public func run(_ courses: [Course]) -> [PageResult] {
    if let executable = isolation {
      let mode = mode
      return CourseScheduler.run(courses, jobs: jobs) {
        IsolatedCourseRun.run($0, mode: mode, executable: executable)
      }.flatMap { $0 }
    }
    let runner = CourseRunner(mode: mode, factory: factory)
    return CourseScheduler.run(courses, jobs: jobs) { runner.run($0) }.flatMap { $0 }
  }

  public static func render(_ pages: [PageResult], format: Format, color: Bool) -> String {
    switch format {
    case .text: return TextReport.render(pages, color: color)
    case .junit: return JUnitReport.render(pages)
    case .tap: return TAPReport.render(pages)
    case .json: return JSONReport.render(pages)
    case .html: return HTMLReport.render(pages)
    }
  }

  /// The courses of one shard, in the order given.
  public static func select(_ courses: [Course], shard: Shard) -> [Course] {
    courses.filter { shard.includes(coursePath: $0.directory) }
  }

  /// The page among `courses` that a report written to `output` would overwrite.
  public static func page(at output: String, in courses: [Course]) -> String? {
    func resolved(_ path: String) -> String {
      URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
    let target = resolved(output)
    return courses.flatMap(\.pages).map(\.path).first { resolved($0) == target }
  }

  /// The exit code after `--update` rewrote `updated` pages: a page whose only failures
  /// were mismatches now rewritten counts as passing.
  public static func exitCode(_ pages: [PageResult], updated: Set<String>) -> Int32 {
    let remaining = pages.map { page -> PageResult in
      guard updated.contains(page.path) else { return page }
      var fixed = page
      for index in fixed.exchanges.indices
      where fixed.exchanges[index].status == .failed && fixed.exchanges[index].proposed != nil
        && fixed.exchanges[index].diff != nil
      {
        fixed.exchanges[index].status = .passed
      }
      return fixed
    }
    return RunSummary(remaining).exitCode
  }
}
