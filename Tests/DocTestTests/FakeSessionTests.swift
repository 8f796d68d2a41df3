import DocTest
import Foundation
import LFE
import Lessons
import XCTest

/// The checker driven through `ShellSession` by a fake with scripted answers, so its
/// logic is tested apart from the interpreter.
final class FakeSessionTests: XCTestCase {
  /// Answers each input from a script and notes how it was asked.
  final class ScriptedSession: ShellSession {
    let answers: [String: String]
    let calls: CallLog

    init(answers: [String: String], calls: CallLog) {
      self.answers = answers
      self.calls = calls
    }

    func evaluate(_ input: String, line: Int, profile: Profile, timeout: Duration?) -> String {
      calls.add("\(line) \(profile.prompt)\(input)\(timeout.map { " timeout=\($0)" } ?? "")")
      return answers[input] ?? "unexpected input\n"
    }
  }

  final class CallLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []
    func add(_ entry: String) { lock.withLock { entries.append(entry) } }
    var all: [String] { lock.withLock { entries } }
  }

  func run(_ page: String, answers: [String: String], calls: CallLog = CallLog()) throws -> PageResult {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fake-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("page.md").path
    try Data(page.utf8).write(to: URL(fileURLWithPath: path))
    let factory: ShellFactory = { _ in { ScriptedSession(answers: answers, calls: calls) } }
    let (courses, _) = DocTestRun.load(paths: [path])
    return DocTestRun(mode: .test, jobs: 1, factory: factory).run(courses)[0]
  }

  func testOutputIsComparedAfterTrimmingTrailingSpaceAndBlankLines() throws {
    let result = try run(
      "```lfe\nlfe> (a)\nx  \n\ny\nlfe> (b)\nlfe> (c)\nz\n```\n",
      answers: ["(a)": "x\n\ny   \n\n\n", "(b)": "anything\n", "(c)": "z\n"])
    XCTAssertEqual(result.exchanges.map(\.status), [.passed, .unchecked, .passed])
    XCTAssertEqual(result.exchanges.map(\.checked), [true, false, true])
  }

  func testBlockOptionsReachTheSession() throws {
    let calls = CallLog()
    let page = """
      ---
      tutor: {profile: classic}
      ---
      <!-- tutor: timeout=2s profile=lfe1 -->
      ```lfe
      lfe> (a)
      1
      ```

      <!-- tutor: skip -->
      ```lfe
      lfe> (b)
      2
      ```

      ```lfe
      lfe> (c)
      3
      ```
      """
    let result = try run(page, answers: ["(a)": "1\n", "(c)": "3\n"], calls: calls)
    XCTAssertEqual(result.exchanges.map(\.status), [.passed, .skipped, .passed])
    XCTAssertEqual(calls.all, ["6 lfe> (a) timeout=2.0 seconds", "17 > (c)"])
  }

  func testPidsBindAcrossThePage() throws {
    let page = """
      ```lfe
      lfe> (a)
      #Pid<0.25.0>
      lfe> (b)
      <0.25.0> and <0.26.0>
      lfe> (c)
      #Pid<0.26.0>
      ```
      """
    let good = try run(
      page, answers: ["(a)": "#Pid<0.80.0>\n", "(b)": "<0.80.0> and <0.81.0>\n", "(c)": "#Pid<0.81.0>\n"])
    XCTAssertEqual(good.exchanges.map(\.status), [.passed, .passed, .passed])
    let bad = try run(
      page, answers: ["(a)": "#Pid<0.80.0>\n", "(b)": "<0.80.0> and <0.80.0>\n", "(c)": "#Pid<0.81.0>\n"])
    XCTAssertEqual(bad.exchanges.map(\.status), [.passed, .failed, .passed])
    XCTAssertEqual(
      bad.exchanges[1].message,
      "transcript mismatch (<0.25.0> is <0.80.0> earlier on the page)")
    XCTAssertEqual(bad.exchanges[1].proposed, ["<0.25.0> and <0.25.0>"])
  }

  func testInputThatIsNotLFEIsALintError() throws {
    let page = Page(path: "p.md", text: "```lfe\nlfe> (a #z)\nx\n```\n", isComplete: Reader.isComplete)
    let results = CourseRunner(mode: .check) { _ in { ScriptedSession(answers: [:], calls: CallLog()) } }
      .run(Course(directory: "/nonexistent", pages: [page]))
    XCTAssertTrue(
      results[0].diagnostics.contains { $0.isError && $0.message.hasPrefix("input does not read as LFE") },
      "\(results[0].diagnostics)")
  }

  func testUnknownProfileBreaksThePage() throws {
    let result = try run("<!-- tutor: profile=lfe9 -->\n```lfe\nlfe> (a)\n1\n```\n", answers: ["(a)": "1\n"])
    XCTAssertEqual(result.verdict, .broken)
    XCTAssertEqual(RunSummary([result]).exitCode, 2)
    XCTAssertEqual(
      result.loadErrors.map(\.message), ["unknown profile 'lfe9'; choose one of lfe2, lfe1, classic"])
  }
}
