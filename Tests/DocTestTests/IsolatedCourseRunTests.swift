import Lessons
import XCTest

@testable import DocTest

/// What a child course run sends its parent: every finding of every exchange comes back.
final class IsolatedCourseRunTests: XCTestCase {
  func testFindingsNameEveryStoredPropertyButTheExchange() throws {
    let result = try SinglePage.run("# P\n\n```\nlfe> (+ 1 2)\n3\n```\n")
    let exchange = try XCTUnwrap(result.exchanges.first)
    let stored = Mirror(reflecting: exchange).children.compactMap(\.label).filter { $0 != "exchange" }
    let carried = Mirror(reflecting: exchange.findings).children.compactMap(\.label)
    XCTAssertEqual(Set(stored), Set(carried))
  }

  func testAChildsResultsComeBackWhole() throws {
    let result = try SinglePage.run(
      "# P\n\n```\nlfe> (+ 1 2)\n4\nlfe> (list 1 2)\n(1 2)\nlfe> (self)\n```\n")
    var exchanges = result.exchanges
    XCTAssertEqual(exchanges.map(\.status), [.failed, .passed, .unchecked])
    exchanges[0].traceFiles = ["svg": "<svg/>", "txt": "shell -> x"]
    exchanges[0].notes = [
      Diagnostic(.warning, at: SourceLocation(path: "page.md", line: 4, column: 1), "note")
    ]
    let sent = PageResult(
      page: result.page, profile: result.profile, loadErrors: result.loadErrors,
      diagnostics: result.diagnostics, exchanges: exchanges)
    let data = IsolatedCourseRun.encode([sent])
    let course = Course(directory: "course", pages: [result.page])
    let back = try XCTUnwrap(IsolatedCourseRun.decode(data, course: course))
    XCTAssertEqual(back.count, 1)
    XCTAssertEqual(back[0].exchanges.map(\.exchange), exchanges.map(\.exchange))
    XCTAssertEqual(back[0].exchanges.map(\.findings), exchanges.map(\.findings))
    XCTAssertNotNil(back[0].exchanges[0].diff)
    XCTAssertEqual(back[0].exchanges[0].traceFiles["svg"], "<svg/>")
  }
}
