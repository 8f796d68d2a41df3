import DocTest
import XCTest

/// The shard a course lands in is documented (FNV-1a of its path), so it must not drift.
final class ShardTests: XCTestCase {
  func testShardsFollowTheDocumentedHash() throws {
    XCTAssertEqual(Shard.pathHash("lessons/processes"), 0x5170_bdf9_b31b_a0d4)
    let first = try XCTUnwrap(Shard("1/4"))
    XCTAssertTrue(first.includes(coursePath: "lessons/processes"))
    XCTAssertTrue(first.includes(coursePath: "./lessons/processes/"))
    XCTAssertFalse(try XCTUnwrap(Shard("2/4")).includes(coursePath: "lessons/processes"))
    XCTAssertNil(Shard("0/4"))
    XCTAssertNil(Shard("5/4"))
    XCTAssertNil(Shard("1/4/2"))
  }
}
