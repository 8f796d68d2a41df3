import DocTest
import Foundation
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The machine-readable reports, read back the way CI tools read them.
final class ReportFormatTests: XCTestCase {
  func pages(_ names: [String]) -> [PageResult] {
    let paths = names.map { GoldenCaseTests.casesDirectory.appendingPathComponent($0).path }
    let (courses, errors) = DocTestRun.load(paths: paths)
    XCTAssertEqual(errors, [])
    return DocTestRun(mode: .check, jobs: 2).run(courses)
  }

  func testJUnitHasASuitePerPageAndACasePerExchange() throws {
    let results = pages(["mismatch-value", "skipped", "compile-error", "course"])
    let xml = DocTestRun.render(results, format: .junit, color: false)
    let document = try XMLDocument(data: Data(xml.utf8))
    let root = try XCTUnwrap(document.rootElement())
    XCTAssertEqual(root.name, "testsuites")
    let suites = root.elements(forName: "testsuite")
    XCTAssertEqual(suites.count, 5)
    XCTAssertEqual(
      suites.map { $0.attribute(forName: "name")?.stringValue?.hasSuffix(".md") },
      Array(repeating: true, count: 5))

    let value = suites[0]
    XCTAssertEqual(value.attribute(forName: "tests")?.stringValue, "3")
    XCTAssertEqual(value.attribute(forName: "failures")?.stringValue, "2")
    let cases = value.elements(forName: "testcase")
    XCTAssertEqual(
      cases.map { $0.attribute(forName: "name")?.stringValue },
      [
        "line 4: (+ 1 2)", "line 6: (list 1 2 3)", "line 8: (tuple 'a \"b\")",
      ])
    let failure = try XCTUnwrap(cases[0].elements(forName: "failure").first)
    XCTAssertEqual(failure.attribute(forName: "message")?.stringValue, "transcript mismatch")
    XCTAssertTrue(failure.stringValue?.contains("@@ -5 +5 @@\n-4\n+3\n") == true, failure.stringValue ?? "")
    XCTAssertTrue(cases[1].elements(forName: "failure").isEmpty)

    let skipped = suites[1]
    XCTAssertEqual(skipped.attribute(forName: "skipped")?.stringValue, "1")
    XCTAssertEqual(skipped.elements(forName: "testcase")[0].elements(forName: "skipped").count, 1)

    // Lint errors are a failing case of their own.
    let lint = suites[2].elements(forName: "testcase")[0]
    XCTAssertEqual(lint.attribute(forName: "name")?.stringValue, "lint")
    XCTAssertTrue(
      lint.elements(forName: "failure").first?.stringValue?.contains(
        "function greet/1 undefined (greet/2 is defined)")
        == true)
    XCTAssertEqual(root.attribute(forName: "tests")?.stringValue, "11")
  }

  func testTAP() {
    let tap = DocTestRun.render(pages(["skipped", "mismatch-value"]), format: .tap, color: false)
    let lines = tap.split(separator: "\n").map(String.init)
    XCTAssertEqual(Array(lines.prefix(2)), ["TAP version 13", "1..5"])
    XCTAssertTrue(
      lines[2].hasPrefix("ok 1 - ") && lines[2].hasSuffix(" (this is not run) # SKIP skipped by the page"))
    XCTAssertTrue(lines[3].hasPrefix("ok 2 - ") && lines[3].hasSuffix(":10 (+ 2 3)"))
    XCTAssertTrue(lines[4].hasPrefix("not ok 3 - ") && lines[4].hasSuffix(":4 (+ 1 2)"))
    XCTAssertEqual(lines[5], "  ---")
    XCTAssertEqual(lines[6], "  message: \"transcript mismatch\"")
    XCTAssertTrue(
      tap.contains("  diff: |\n    --- expected\n    +++ actual\n    @@ -5 +5 @@\n    -4\n    +3\n  ...\n"))
    XCTAssertEqual(lines.last, "# 2 passed, 2 failed, 1 skipped")
  }

  /// An exchange the page shows no output for is never reported as passed.
  func testUncheckedExchangesInEveryFormat() throws {
    let results = pages(["late-output"])
    XCTAssertEqual(RunSummary(results).line, "6 passed, 0 failed, 1 unchecked")
    XCTAssertEqual(RunSummary(results).exitCode, 0)
    XCTAssertTrue(
      DocTestRun.render(results, format: .text, color: false).contains(": 6 passed, 1 unchecked\n"))

    let xml = DocTestRun.render(results, format: .junit, color: false)
    let root = try XCTUnwrap(try XMLDocument(data: Data(xml.utf8)).rootElement())
    XCTAssertEqual(root.attribute(forName: "skipped")?.stringValue, "1")
    let suite = try XCTUnwrap(root.elements(forName: "testsuite").first)
    XCTAssertEqual(suite.attribute(forName: "skipped")?.stringValue, "1")
    let unchecked = suite.elements(forName: "testcase").filter { !$0.elements(forName: "skipped").isEmpty }
    XCTAssertEqual(unchecked.map { $0.attribute(forName: "name")?.stringValue }, ["line 50: (set y 1)"])
    XCTAssertEqual(
      unchecked.first?.elements(forName: "skipped").first?.attribute(forName: "message")?.stringValue,
      "unchecked: the page shows no output for this input")

    let tap = DocTestRun.render(results, format: .tap, color: false)
    let skips = tap.split(separator: "\n").filter { $0.contains("# SKIP") }
    XCTAssertEqual(skips.count, 1)
    XCTAssertTrue(
      skips.first?.hasPrefix("ok ") == true
        && skips.first?.hasSuffix(":50 (set y 1) # SKIP unchecked: the page shows no output for this input")
          == true,
      tap)

    let json = DocTestRun.render(results, format: .json, color: false)
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    XCTAssertEqual(object["passed"] as? Int, 6)
    XCTAssertEqual(object["unchecked"] as? Int, 1)
    let page = try XCTUnwrap((object["pages"] as? [[String: Any]])?.first)
    XCTAssertEqual(page["unchecked"] as? Int, 1)
    let exchanges = try XCTUnwrap(page["exchanges"] as? [[String: Any]])
    XCTAssertEqual(exchanges.compactMap { $0["status"] as? String }.filter { $0 == "unchecked" }.count, 1)
    // Output the page writes after a prompt is marked so.
    let late = try XCTUnwrap(exchanges.first { $0["input"] as? String == "(pingpong:start)" })
    let expected = try XCTUnwrap(late["expected"] as? [[String: Any]])
    XCTAssertEqual(expected.map { $0["afterPrompt"] as? Bool }, [nil, true, nil])
    // Output in the block after the input's own.
    let split = try XCTUnwrap(exchanges.first { $0["input"] as? String == "(* 2 x)" })
    XCTAssertEqual(split["status"] as? String, "passed")
    XCTAssertEqual((split["expected"] as? [[String: Any]])?.first?["line"] as? Int, 44)
  }

  func testJSONHoldsEveryFieldOfTheTextReport() throws {
    let json = DocTestRun.render(pages(["mismatch-value"]), format: .json, color: false)
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    XCTAssertEqual(object["passed"] as? Int, 1)
    XCTAssertEqual(object["failed"] as? Int, 2)
    XCTAssertEqual(object["exitCode"] as? Int, 1)
    let page = try XCTUnwrap((object["pages"] as? [[String: Any]])?.first)
    XCTAssertEqual(page["verdict"] as? String, "failed")
    XCTAssertEqual(page["profile"] as? String, "lfe2 (from the default)")
    let exchange = try XCTUnwrap((page["exchanges"] as? [[String: Any]])?.first)
    XCTAssertEqual(exchange["line"] as? Int, 4)
    XCTAssertEqual(exchange["input"] as? String, "(+ 1 2)")
    XCTAssertEqual(exchange["status"] as? String, "failed")
    XCTAssertEqual(exchange["actual"] as? [String], ["3"])
    XCTAssertEqual(exchange["proposed"] as? [String], ["3"])
    XCTAssertEqual(exchange["diff"] as? String, "--- expected\n+++ actual\n@@ -5 +5 @@\n-4\n+3\n")
  }

  func testColourOnlyWhenAsked() {
    let results = pages(["mismatch-value"])
    XCTAssertFalse(DocTestRun.render(results, format: .text, color: false).contains("\u{1B}["))
    let coloured = DocTestRun.render(results, format: .text, color: true)
    XCTAssertTrue(coloured.contains("\u{1B}[31m-4\u{1B}[0m"))
    XCTAssertTrue(coloured.contains("\u{1B}[32m+3\u{1B}[0m"))
  }
}
