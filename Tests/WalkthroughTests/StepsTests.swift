import Lessons
import XCTest

@testable import Walkthrough

final class StepsTests: XCTestCase {
  static let page = """
    ---
    title: T
    ---
    Save the following as `a.lfe`:

    ```lfe
    (defmodule a (export (f 0)))
    (defun f () 1)
    ```

    ```lfe
    lfe> (c "a")
    (#(module a))
    lfe> (a:f)
    1
    ```

    <!-- tutor: skip -->
    ```lfe
    lfe> (never)
    ```

    <!-- tutor: exercise -->
    ```lfe file=b.lfe
    (defmodule b (export (g 0)))
    (defun g () 0)
    ```

    <!-- tutor: solution -->
    ```lfe
    (defmodule b (export (g 0)))
    (defun g () 2)
    ```

    ```lfe
    lfe> (c "b")
    (#(module b))
    lfe> (b:g)
    2
    ```

    ```lfe
    lfe> (+ 1 1)
    2
    ```
    """

  func testStepsIdsAndKinds() {
    let steps = PageSteps(page: Page(path: "lessons/03-names.md", text: Self.page))
    XCTAssertEqual(steps.stem, "03-names")
    XCTAssertEqual(
      steps.steps.map(\.id), ["03-names#1", "03-names#2", "03-names#3", "03-names#4", "03-names#5"])
    XCTAssertEqual(
      steps.steps.map(\.kind),
      [
        .source, .exchange(index: 0), .exchange(index: 1), .exercise(solutionBlock: 4, gradingBlock: 5),
        .exchange(index: 0),
      ])
    XCTAssertEqual(steps.steps[4].blockIndex, 6)
  }

  func testHashesFollowContentNotPlace() {
    let before = PageSteps(page: Page(path: "p.md", text: Self.page))
    let inserted = Self.page.replacingOccurrences(
      of: "<!-- tutor: skip -->", with: "```lfe\nlfe> (new)\nnew\n```\n\n<!-- tutor: skip -->")
    let after = PageSteps(page: Page(path: "p.md", text: inserted))
    XCTAssertEqual(after.steps.count, before.steps.count + 1)
    // The same steps keep their hashes though their ordinals moved.
    XCTAssertEqual(Set(before.steps.map(\.contentHash)).subtracting(after.steps.map(\.contentHash)), [])
    XCTAssertNotEqual(before.steps[3].id, after.steps[4].id)
    XCTAssertEqual(before.steps[3].contentHash, after.steps[4].contentHash)
    let changed = PageSteps(
      page: Page(path: "p.md", text: Self.page.replacingOccurrences(of: "(+ 1 1)", with: "(+ 1 2)")))
    XCTAssertNotEqual(changed.steps[4].contentHash, before.steps[4].contentHash)
  }

  func testContentHashIsStable() {
    // FNV-1a of the empty string and of "a": fixed by the algorithm, not by the run.
    XCTAssertEqual(ContentHash.of(""), "cbf29ce484222325")
    XCTAssertEqual(ContentHash.of("a"), "af63dc4c8601ec8c")
  }
}
