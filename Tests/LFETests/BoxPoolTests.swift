import XCTest

@testable import LFE

/// Cells and small tuples whose last reference `TermMemory.release` drops are kept by
/// the thread's `BoxPool` and handed out again; what they held must go exactly as it
/// would have gone without the pool.
final class BoxPoolTests: XCTestCase {
  override func setUp() {
    BoxPool.drain(BoxPool.current)
  }

  override func tearDown() {
    BoxPool.drain(BoxPool.current)
  }

  /// Moves the term into a one-slot register and drops it there, the way the VM does:
  /// when `term` held the last reference, the register's release is the last one.
  private func drop(_ term: inout Term) {
    let slot = UnsafeMutablePointer<Term>.allocate(capacity: 1)
    slot.initialize(to: term)
    term = .empty
    TermMemory.store(slot, word: 0, tag: TermMemory.emptyTag)
    slot.deallocate()
  }

  private func address(_ object: AnyObject) -> UInt {
    UInt(bitPattern: Unmanaged.passUnretained(object).toOpaque())
  }

  func testADroppedCellIsHandedOutAgainEmpty() {
    var term = Term.cons(Cons(.int(1), .empty))
    guard case .cons(let cell) = term else { return XCTFail() }
    let before = address(cell)
    drop(&term)
    XCTAssertEqual(BoxPool.kept.cells, 0, "a cell someone else holds is not kept")
    term = .cons(cell)
    _ = consume cell
    drop(&term)
    XCTAssertEqual(BoxPool.kept.cells, 1)
    var again = BoxPool.cell()
    XCTAssertEqual(address(again), before)
    XCTAssertEqual(again.head, .empty)
    XCTAssertEqual(again.tail, .empty)
    XCTAssertEqual(BoxPool.kept.cells, 0)
    // Handed out, it is an ordinary cell with one owner.
    XCTAssertTrue(isKnownUniquelyReferenced(&again))
  }

  func testAListGoesCellByCellAndItsElementsAreFreed() {
    weak var element: Binary?
    var list: Term = .empty
    do {
      let b = Binary([1, 2, 3])
      element = b
      list = .list([.int(1), .binary(b), .int(3)])
    }
    XCTAssertNotNil(element)
    drop(&list)
    XCTAssertEqual(BoxPool.kept.cells, 3)
    XCTAssertNil(element, "an element of a kept cell must be freed with it")
  }

  func testASharedTailStaysIntact() {
    let shared = Term.list([.int(2), .int(3)])
    guard case .cons(let sharedCell) = shared else { return XCTFail() }
    var list = Term.cons(Cons(.int(1), shared))
    drop(&list)
    // Only the cell in front goes; the tail still has its other owner.
    XCTAssertEqual(BoxPool.kept.cells, 1)
    XCTAssertEqual(shared, .list([.int(2), .int(3)]))
    XCTAssertEqual(sharedCell.head, .int(2))
  }

  func testATupleIsKeptBySizeAndItsElementsGo() {
    var t = Term.tuple([.atom(.ok), .cons(Cons(.atom(.ok), .empty)), .int(9)])
    guard case .tuple(let tuple) = t else { return XCTFail() }
    let before = address(tuple)
    _ = consume tuple
    drop(&t)
    XCTAssertEqual(BoxPool.kept.tuples, [0, 0, 1, 0])
    // The cell inside had no other owner: it was kept too.
    XCTAssertEqual(BoxPool.kept.cells, 1)
    let again = BoxPool.tuple(count: 3)
    XCTAssertEqual(address(again), before)
    XCTAssertEqual(again.count, 3)
    XCTAssertEqual(again.elements, [.empty, .empty, .empty])
    // Larger tuples are not kept.
    var big = Term.tuple(Array(repeating: .int(0), count: BoxPool.tupleSizes + 1))
    drop(&big)
    XCTAssertEqual(BoxPool.kept.tuples, [0, 0, 0, 0])
  }

  /// A list longer than the pool holds: the pool fills, the rest is freed as usual, and
  /// nothing recurses deeply on the host stack.
  func testALongListFillsThePoolAndTheRestIsFreed() {
    let n = BoxPool.capacity * 50
    var list: Term = .empty
    for i in 0..<n { list = .cons(Cons(.int(i), list)) }
    drop(&list)
    XCTAssertEqual(BoxPool.kept.cells, BoxPool.capacity)
  }

  /// Lists nested in heads go by recursion up to a bound; deeper ones are left to
  /// Swift's release and the drop queue, without overflowing the host stack.
  func testDeepNestingInHeadsDoesNotOverflowTheStack() {
    var term: Term = .int(0)
    for _ in 0..<200_000 { term = .cons(Cons(term, .empty)) }
    drop(&term)
    XCTAssertGreaterThan(BoxPool.kept.cells, 0)
    XCTAssertLessThanOrEqual(BoxPool.kept.cells, BoxPool.capacity)
  }

  /// Boxes Swift's runtime counts in a side table (a weak reference exists) are never
  /// kept: the pool would hand out an object someone still watches.
  func testABoxWithAWeakReferenceIsNotKept() {
    var term = Term.cons(Cons(.int(1), .empty))
    guard case .cons(let cell) = term else { return XCTFail() }
    weak let watch = cell
    _ = consume cell
    drop(&term)
    XCTAssertNil(watch)
    XCTAssertEqual(BoxPool.kept.cells, 0)
  }

  /// Each thread has its own pool.
  func testPoolsArePerThread() {
    var term = Term.cons(Cons(.int(1), .empty))
    drop(&term)
    XCTAssertEqual(BoxPool.kept.cells, 1)
    final class Seen: @unchecked Sendable { var cells = -1 }
    let seen = Seen()
    let done = expectation(description: "thread")
    let thread = Thread {
      seen.cells = BoxPool.kept.cells
      done.fulfill()
    }
    thread.start()
    wait(for: [done], timeout: 10)
    XCTAssertEqual(seen.cells, 0)
  }
}
