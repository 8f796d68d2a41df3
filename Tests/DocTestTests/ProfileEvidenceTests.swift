import DocTest
import Lessons
import XCTest

/// Each switch of the profile comes from lines that show it: a pid inside text a
/// process printed says nothing about how the shell prints values.
final class ProfileEvidenceTests: XCTestCase {
  func testPidsInPrintedTextAreNoEvidence() throws {
    let text = """
      ```lfe
      lfe> (self)
      #Pid<0.79.0>
      lfe> (progn (spawn (lambda () (io:format "Hello from ~p~n" (list (self))))) (timer:sleep 100))
      Hello from <0.96.0>
      ok
      lfe> (spawn (lambda () 'ok))
      #Pid<0.97.0>
      ```
      """
    let choice = try ProfileResolver.resolve(Page(path: "p.md", text: text)).get()
    XCTAssertEqual(choice.profile, .lfe2)
    XCTAssertEqual(choice.warnings, [])
  }

  func testABarePidValueStillCounts() throws {
    let text = "```lfe\nlfe> (self)\n<0.79.0>\n```\n"
    let choice = try ProfileResolver.resolve(Page(path: "p.md", text: text)).get()
    XCTAssertEqual(choice.profile.pidStyle, .bare)
  }
}
