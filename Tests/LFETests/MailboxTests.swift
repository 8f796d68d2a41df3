import XCTest

@testable import LFE

/// The mailbox as `receive` drives it: a cursor over the queue, messages taken from the
/// middle, and the storage compacted or regrown under a scan in progress.
final class MailboxTests: XCTestCase {
  /// Takes the first message equal to `wanted`, as a receive with one clause does:
  /// each message is looked at uncounted, and only the one taken becomes the slot's.
  private func receive(_ m: inout Mailbox, _ wanted: Int) -> Bool {
    m.resetCursor()
    var slot = Term.empty
    while m.peek(borrowingInto: &slot) {
      if case .int(wanted) = slot {
        m.removeAtCursor()
        return true
      }
      TermMemory.forget(&slot)
      m.advance()
    }
    return false
  }

  private func ints(_ m: borrowing Mailbox) -> [Int] {
    m.pending.map { if case .int(let i) = $0 { i } else { -1 } }
  }

  func testTakingFromTheMiddleKeepsTheRestInOrder() {
    var m = Mailbox()
    for i in 0..<500 { m.append(.int(i)) }
    // Every even message, from the back: hundreds of holes, then compaction.
    for i in stride(from: 498, through: 0, by: -2) { XCTAssertTrue(receive(&m, i)) }
    XCTAssertEqual(ints(m), Array(stride(from: 1, to: 500, by: 2)))
    XCTAssertEqual(m.count, 250)
    XCTAssertFalse(receive(&m, 2))
    for i in stride(from: 1, to: 500, by: 2) { XCTAssertTrue(receive(&m, i)) }
    XCTAssertEqual(m.count, 0)
    XCTAssertEqual(ints(m), [])
  }

  func testTakingTheNewestMessageLeavesNoHole() {
    var m = Mailbox()
    for i in 0..<10 { m.append(.int(i)) }
    XCTAssertTrue(receive(&m, 9))
    XCTAssertTrue(receive(&m, 5))
    for i in [8, 7, 6] { XCTAssertTrue(receive(&m, i)) }
    // The hole 5 left is now at the end and goes with the others.
    XCTAssertEqual(ints(m), [0, 1, 2, 3, 4])
    XCTAssertEqual(m.count, 5)
    XCTAssertEqual(m.holes, 0)
    m.append(.int(10))
    XCTAssertEqual(ints(m), [0, 1, 2, 3, 4, 10])
  }

  func testCursorKeepsItsPlaceWhenAppendingCompacts() {
    var m = Mailbox()
    for i in 0..<8 { m.append(.int(i)) }
    // Consume the first six from the front: the queue now sits at the storage's end.
    for i in 0..<6 { XCTAssertTrue(receive(&m, i)) }
    // A receive looks at 6, rejects it and waits at 7.
    m.resetCursor()
    var slot = Term.empty
    XCTAssertTrue(m.peek(borrowingInto: &slot))
    TermMemory.forget(&slot)
    m.advance()
    // New messages arrive: the storage is compacted or grown under the waiting cursor.
    for i in 8..<12 { m.append(.int(i)) }
    XCTAssertTrue(m.peek(borrowingInto: &slot))
    guard case .int(7) = slot else { return XCTFail("cursor lost its place: \(slot)") }
    XCTAssertEqual(ints(m), Array(6..<12))
  }

  func testMessagesAreCountedReferences() {
    var m = Mailbox()
    var cell = Cons(.int(1), .empty)
    m.append(.cons(cell))
    XCTAssertFalse(isKnownUniquelyReferenced(&cell))
    // Looking at it and passing it by counts nothing.
    XCTAssertTrue(receive(&m, -1) == false)
    XCTAssertFalse(isKnownUniquelyReferenced(&cell))
    m.resetCursor()
    var slot = Term.empty
    XCTAssertTrue(m.peek(borrowingInto: &slot))
    // Taking it hands the mailbox's reference to the slot.
    m.removeAtCursor()
    XCTAssertEqual(m.count, 0)
    XCTAssertFalse(isKnownUniquelyReferenced(&cell))
    slot = .empty
    XCTAssertTrue(isKnownUniquelyReferenced(&cell))
  }
}
