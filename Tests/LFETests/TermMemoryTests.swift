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
}
