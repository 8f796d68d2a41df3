import XCTest

@testable import LFE

/// The VM's inline term copies depend on how Swift lays out `Term`; these tests fail
/// first if a compiler lays it out differently.
final class TermMemoryTests: XCTestCase {
  func testLayoutIsAsAssumed() {
    XCTAssertTrue(TermMemory.layoutIsAsAssumed())
  }

  func testAssignCountsTheNewValueAndDropsTheOld() {
    var a = Cons(.int(1), .empty)
    var b = Cons(.int(2), .empty)
    var slots: [Term] = [.cons(a), .int(7)]
    slots.withUnsafeMutableBufferPointer { s in
      // r1 = r0: both hold `a`.
      TermMemory.assign(s.baseAddress! + 1, from: s.baseAddress!)
    }
    XCTAssertFalse(isKnownUniquelyReferenced(&a))
    slots[0] = .empty
    XCTAssertFalse(isKnownUniquelyReferenced(&a))
    slots.withUnsafeMutableBufferPointer { s in
      // r1 = b, dropping its copy of `a`.
      TermMemory.replace(s.baseAddress! + 1, with: .cons(b))
      TermMemory.storeInt(s.baseAddress!, 42)
    }
    XCTAssertTrue(isKnownUniquelyReferenced(&a))
    XCTAssertFalse(isKnownUniquelyReferenced(&b))
    guard case .int(42) = slots[0], case .cons(let c) = slots[1], c === b else {
      return XCTFail("\(slots)")
    }
  }

  func testTupleElementsAreReadInPlace() {
    let t = Term.tuple([.atom(.ok), .int(5), .string("x")])
    withUnsafePointer(to: t) { p in
      let elements = TermMemory.tupleElements(p)
      guard case .atom(.ok) = elements[0], case .int(5) = elements[1], case .cons = elements[2] else {
        return XCTFail("elements read wrongly")
      }
    }
  }

  /// The VM counts references to boxes with a plain add to Swift's count word; Swift's
  /// runtime must see the same count, and the box must go with its last reference.
  func testCountingByHandAgreesWithSwiftsRuntime() {
    for sideTable in [false, true] {
      // The cell holds `child`: once the cell is freed, `child` is unique again.
      var child = Cons(.int(2), .empty)
      var cell: Cons? = Cons(.cons(child), .empty)
      // A weak reference moves the counts to a side table: every count then takes
      // the runtime's own path.
      weak var watch: Cons? = sideTable ? cell : nil
      let word = UInt(bitPattern: Unmanaged.passUnretained(cell!).toOpaque())
      for _ in 0..<1000 { TermMemory.retain(word) }
      XCTAssertFalse(isKnownUniquelyReferenced(&cell!))
      for _ in 0..<999 { TermMemory.release(word) }
      XCTAssertFalse(isKnownUniquelyReferenced(&cell!))
      TermMemory.release(word)
      XCTAssertTrue(isKnownUniquelyReferenced(&cell!))
      // The last reference, dropped by hand, frees the cell.
      TermMemory.retain(word)
      cell = nil
      XCTAssertFalse(isKnownUniquelyReferenced(&child))
      TermMemory.release(word)
      XCTAssertTrue(isKnownUniquelyReferenced(&child))
      XCTAssertNil(watch)
    }
  }
}
