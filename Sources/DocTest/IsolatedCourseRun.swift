import Foundation
import LFE
import Lessons

/// Runs a course in a child process of `tutor` itself, so that a course crashing the
/// host in a way the runtime cannot contain (a stack overflow in some corner, a trap)
/// costs only that course: the others are still run and reported.
///
/// The child is `tutor` with a hidden subcommand; it runs the one course and writes its
/// results as JSON on standard output. The parent has the course loaded already and
/// reads back only what running found, matched to its own pages and exchanges.
public enum IsolatedCourseRun {
  /// The hidden subcommand's name.
  public static let subcommand = "run-course"

  /// What running one page found, as the child writes it.
  struct PageRecord: Codable {
    var path: String
    var profile: String
    var loadErrors: [Diagnostic]
    var diagnostics: [Diagnostic]
    var exchanges: [ExchangeRecord]
  }

  /// One exchange's result; `index` counts the page's exchanges in order.
  struct ExchangeRecord: Codable {
    var index: Int
    var findings: ExchangeResult.Findings
  }

  /// The child's side: runs the course made of `pages` (paths, in course order) in
  /// `directory` and returns the JSON to write.
  public static func runChild(directory: String, pages: [String], mode: CourseRunner.Mode) -> Data {
    crashIfAskedByATest(directory: directory)
    let course = Course(
      directory: directory, pages: pages.map { Page.load(path: $0, isComplete: Reader.isComplete) })
    // On a worker thread with the scheduler's large stack, as in the parent.
    let runner = CourseRunner(mode: mode)
    let results = CourseScheduler.run([course], jobs: 1) { runner.run($0) }.flatMap { $0 }
    return encode(results)
  }

  /// For tests only: names a course (its directory's last component) whose child dies of
  /// SIGSEGV before running it. The isolation this type gives must be tested with a
  /// course that really crashes its child, and no input is known to crash the host.
  static let testCrashVariable = "TUTOR_TEST_CRASH_COURSE"

  private static func crashIfAskedByATest(directory: String) {
    guard let name = ProcessInfo.processInfo.environment[testCrashVariable], !name.isEmpty,
      URL(fileURLWithPath: directory).lastPathComponent == name
    else { return }
    // The default action, not Swift's crash handler: that one returns from a raised
    // signal (it expects a faulting instruction to fault again), and the run would go on.
    signal(SIGSEGV, SIG_DFL)
    raise(SIGSEGV)
  }

  static func encode(_ results: [PageResult]) -> Data {
    let records = results.map { result in
      let all = result.page.blocks.flatMap(\.exchanges)
      return PageRecord(
        path: result.path, profile: result.profile, loadErrors: result.loadErrors,
        diagnostics: result.diagnostics,
        exchanges: result.exchanges.map { e in
          ExchangeRecord(index: all.firstIndex(of: e.exchange) ?? -1, findings: e.findings)
        })
    }
    return (try? JSONEncoder().encode(records)) ?? Data()
  }

  /// The results the child wrote, on the parent's own pages; nil when they do not fit.
  static func decode(_ data: Data, course: Course) -> [PageResult]? {
    guard let records = try? JSONDecoder().decode([PageRecord].self, from: data),
      records.count == course.pages.count
    else { return nil }
    var results: [PageResult] = []
    for (page, record) in zip(course.pages, records) {
      guard page.path == record.path else { return nil }
      let all = page.blocks.flatMap(\.exchanges)
      var exchanges: [ExchangeResult] = []
      for e in record.exchanges {
        guard all.indices.contains(e.index) else { return nil }
        exchanges.append(ExchangeResult(exchange: all[e.index], findings: e.findings))
      }
      results.append(
        PageResult(
          page: page, profile: record.profile, loadErrors: record.loadErrors, diagnostics: record.diagnostics,
          exchanges: exchanges))
    }
    return results
  }

  /// The parent's side: runs `course` in a child `executable` and waits for it.
  public static func run(_ course: Course, mode: CourseRunner.Mode, executable: URL) -> [PageResult] {
    let child = Process()
    child.executableURL = executable
    child.arguments =
      [subcommand, "--mode", mode.rawValue, "--directory", course.directory] + course.pages.map(\.path)
    let out = Pipe()
    child.standardOutput = out
    child.standardError = FileHandle.nullDevice
    child.standardInput = FileHandle.nullDevice
    do {
      try child.run()
    } catch {
      return failed(course, "cannot start a process to run this course: \(error.localizedDescription)")
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    child.waitUntilExit()
    if child.terminationReason == .uncaughtSignal {
      let signal = child.terminationStatus
      let name = String(cString: strsignal(signal))
      return failed(
        course, "running this course crashed the checker (signal \(signal), \(name)); not checked")
    }
    guard child.terminationStatus == 0, let results = decode(data, course: course) else {
      return failed(
        course, "running this course ended the checker with status \(child.terminationStatus); not checked")
    }
    return results
  }

  /// Every page of `course`, failed with `message` at its first line.
  static func failed(_ course: Course, _ message: String) -> [PageResult] {
    course.pages.map { page in
      PageResult(page: page, profile: "", diagnostics: [.error(at: page.location(line: 1), message)])
    }
  }

  /// This program's own executable, to start children of.
  public static var currentExecutable: URL? {
    #if os(Linux)
      if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        return URL(fileURLWithPath: path)
      }
    #endif
    return Bundle.main.executableURL
  }
}
