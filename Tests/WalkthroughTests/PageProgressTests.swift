import Walkthrough
import XCTest

final class PageProgressTests: XCTestCase {
  private func steps(_ hashes: [String]) -> [Step] {
    hashes.enumerated().map {
      Step(
        kind: .source, id: "p#\($0.offset + 1)", ordinal: $0.offset + 1, blockIndex: $0.offset,
        contentHash: $0.element)
    }
  }

  func testPositionFollowsItsStep() {
    let progress = PageProgress(position: "p#2", positionHash: "b")
    XCTAssertEqual(progress.rebased(onto: steps(["a", "b", "c"])).position, "p#2")
    XCTAssertEqual(progress.rebased(onto: steps(["x", "y", "a", "b"])).position, "p#4")
    // The step itself changed: the place stays at its number.
    XCTAssertEqual(progress.rebased(onto: steps(["a", "b2", "c"])).position, "p#2")
    XCTAssertEqual(progress.rebased(onto: steps(["a", "b2", "c"])).positionHash, "b2")
    // The page got shorter: the place is its last step.
    XCTAssertEqual(
      PageProgress(position: "p#9", positionHash: "z").rebased(onto: steps(["a", "b"])).position, "p#2")
    XCTAssertNil(PageProgress(position: "p#1", positionHash: "a").rebased(onto: []).position)
    XCTAssertNil(PageProgress().rebased(onto: steps(["a"])).position)
  }

  func testPositionWithoutHashFollowsItsRecord() {
    let record = StepRecord(hash: "b", status: .started)
    let progress = PageProgress(position: "p#2", steps: ["p#2": record])
    let rebased = progress.rebased(onto: steps(["new", "a", "b"]))
    XCTAssertEqual(rebased.position, "p#3")
    XCTAssertEqual(rebased.steps, ["p#3": record])
  }

  func testRecordsOfChangedOrRemovedStepsAreDropped() {
    let done = StepRecord(hash: "a", status: .done)
    let progress = PageProgress(steps: ["p#1": done, "p#2": StepRecord(hash: "b", status: .done)])
    XCTAssertEqual(progress.rebased(onto: steps(["a", "b-changed"])).steps, ["p#1": done])
    XCTAssertEqual(progress.rebased(onto: steps(["a"])).steps, ["p#1": done])
    XCTAssertEqual(progress.rebased(onto: []).steps, [:])
  }
}
