#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Spare list cells and small tuples, kept per thread for the next ones the VM builds.
///
/// When `TermMemory.release` drops the last reference to a cell or to a tuple of up to
/// `tupleSizes` elements, the box is emptied and kept here instead of going through
/// Swift's release, its deinit and `free`; the next cell or tuple of that size is taken
/// from here instead of from `malloc`. Programs about processes free and build boxes of
/// the same shapes in turn (a message answered with another, a list walked while the
/// next is built), so most of them come back from here.
///
/// A pooled box is a valid object: it holds its one reference (the pool's) and `.empty`
/// in every field, so handing it out is the same as making a new one. The pool is a
/// plain struct in memory of its own, found through a thread-specific key: a runtime's
/// terms never leave its thread, and a pool is never shared between threads.
struct BoxPool {
  /// Boxes kept of each kind; beyond that they are freed as usual.
  static let capacity = 4096
  /// Tuples of 1 to `tupleSizes` elements are kept, one stack per size.
  static let tupleSizes = 4
  /// Levels of nested boxes emptied by recursion (a tuple in a tuple, a list in a list's
  /// head); deeper ones are freed by Swift's release, whose deinits hand them to the
  /// `DropQueue`. Tails are emptied in a loop, so long lists cost no depth.
  static let maxDepth = 32

  private var depth = 0
  private var cellCount = 0
  private let cells: UnsafeMutablePointer<UnsafeMutableRawPointer>
  /// Stack `k` (tuples of `k + 1` elements) starts at `tuples + k * capacity`.
  private let tuples: UnsafeMutablePointer<UnsafeMutableRawPointer>
  private let tupleCounts: UnsafeMutablePointer<Int>
  /// The class metadata of `Cons` and `Tuple`, as a box's first word holds it.
  private let cellType: UnsafeRawPointer
  private let tupleType: UnsafeRawPointer

  // The pool's own buffers are not terms: they come from `RawMemory.uncounted`.
  private init() {
    cells = RawMemory.uncounted(UnsafeMutableRawPointer.self, capacity: BoxPool.capacity)
    tuples = RawMemory.uncounted(
      UnsafeMutableRawPointer.self, capacity: BoxPool.capacity * BoxPool.tupleSizes)
    tupleCounts = RawMemory.uncounted(Int.self, capacity: BoxPool.tupleSizes)
    tupleCounts.initialize(repeating: 0, count: BoxPool.tupleSizes)
    cellType = unsafeBitCast(Cons.self as AnyClass, to: UnsafeRawPointer.self)
    tupleType = unsafeBitCast(Tuple.self as AnyClass, to: UnsafeRawPointer.self)
  }

  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { raw in
      #if canImport(Darwin)
        BoxPool.destroy(raw.assumingMemoryBound(to: BoxPool.self))
      #else
        if let raw { BoxPool.destroy(raw.assumingMemoryBound(to: BoxPool.self)) }
      #endif
    }
    return key
  }()

  /// This thread's pool. Everything below works through this pointer, never on a copy
  /// or through `mutating` methods: a release can re-enter the pool while it is busy
  /// (a tuple's elements are released while the tuple is being kept), so every field
  /// is read afresh after any call.
  @inline(__always)
  static var current: UnsafeMutablePointer<BoxPool> {
    if let raw = pthread_getspecific(key) { return raw.assumingMemoryBound(to: BoxPool.self) }
    return makeCurrent()
  }

  @inline(never)
  private static func makeCurrent() -> UnsafeMutablePointer<BoxPool> {
    let pool = RawMemory.uncounted(BoxPool.self, capacity: 1)
    pool.initialize(to: BoxPool())
    pthread_setspecific(key, pool)
    return pool
  }

  /// Frees a thread's pool when the thread ends.
  private static func destroy(_ pool: UnsafeMutablePointer<BoxPool>) {
    drain(pool)
    RawMemory.freeUncounted(pool.pointee.cells)
    RawMemory.freeUncounted(pool.pointee.tuples)
    RawMemory.freeUncounted(pool.pointee.tupleCounts)
    pool.deinitialize(count: 1)
    RawMemory.freeUncounted(pool)
  }

  /// Frees every box the pool keeps (each holds only `.empty`, so nothing else goes).
  static func drain(_ pool: UnsafeMutablePointer<BoxPool>) {
    while pool.pointee.cellCount > 0 {
      pool.pointee.cellCount -= 1
      Unmanaged<Cons>.fromOpaque(pool.pointee.cells[pool.pointee.cellCount]).release()
    }
    for k in 0..<tupleSizes {
      while pool.pointee.tupleCounts[k] > 0 {
        pool.pointee.tupleCounts[k] -= 1
        let slot = pool.pointee.tuples + k * capacity + pool.pointee.tupleCounts[k]
        Unmanaged<Tuple>.fromOpaque(slot.pointee).release()
      }
    }
  }

  /// How many boxes this thread's pool keeps: cells, then tuples by size (for tests).
  static var kept: (cells: Int, tuples: [Int]) {
    let pool = current
    return (pool.pointee.cellCount, (0..<tupleSizes).map { pool.pointee.tupleCounts[$0] })
  }

  /// A cell with `.empty` head and tail, its one reference handed to the caller.
  @inline(__always)
  static func cell(from pool: UnsafeMutablePointer<BoxPool> = current) -> Cons {
    let n = pool.pointee.cellCount
    if n == 0 { return Cons(.empty, .empty) }
    pool.pointee.cellCount = n &- 1
    return Unmanaged<Cons>.fromOpaque(pool.pointee.cells[n &- 1]).takeRetainedValue()
  }

  /// A tuple of `count` elements, each `.empty` (or uninitialised for a new one: either
  /// way the caller writes every element without reading it).
  @inline(__always)
  static func tuple(
    count: Int, from pool: @autoclosure () -> UnsafeMutablePointer<BoxPool> = current
  ) -> Tuple {
    let k = count &- 1
    if UInt(bitPattern: k) < UInt(tupleSizes) {
      let pool = pool()
      let n = pool.pointee.tupleCounts[k]
      if n > 0 {
        pool.pointee.tupleCounts[k] = n &- 1
        return Unmanaged<Tuple>.fromOpaque(pool.pointee.tuples[k &* capacity &+ n &- 1])
          .takeRetainedValue()
      }
    }
    return Tuple.allocate(count: count)
  }

  /// Takes over the box at `address`, whose last reference the caller is dropping,
  /// when it is a cell or a small tuple: its fields are released (cells down a list's
  /// tail in a loop) and it joins the pool, or is freed here if the pool is full. False
  /// when the caller must free it (another kind of box, a full tuple stack, or nesting
  /// deeper than `maxDepth`).
  static func keep(_ address: UInt) -> Bool {
    let pool = current
    let box = UnsafeMutableRawPointer(bitPattern: address).unsafelyUnwrapped
    let type = box.load(as: UnsafeRawPointer.self)
    if pool.pointee.depth >= maxDepth { return false }
    if type == pool.pointee.cellType { return keepCells(box, pool) }
    if type == pool.pointee.tupleType { return keepTuple(box, pool) }
    return false
  }

  /// Cells go down a list's tail in a loop for as long as each held the last
  /// reference to the next. Once the pool is full, cells are still emptied here and
  /// then freed by Swift's release, which then has nothing left to free in them: a
  /// long list costs neither host stack nor a trip through the drop queue per cell.
  private static func keepCells(
    _ first: UnsafeMutableRawPointer, _ pool: UnsafeMutablePointer<BoxPool>
  ) -> Bool {
    var cell = first
    while true {
      let fields = (cell + TermMemory.consHeadOffset).assumingMemoryBound(to: Term.self)
      let (headWord, headTag) = (TermMemory.word(fields), TermMemory.tag(fields))
      let (tailWord, tailTag) = (TermMemory.word(fields + 1), TermMemory.tag(fields + 1))
      TermMemory.forget(fields)
      TermMemory.forget(fields + 1)
      if pool.pointee.cellCount < capacity {
        pool.pointee.cells[pool.pointee.cellCount] = cell
        pool.pointee.cellCount += 1
      } else {
        Unmanaged<Cons>.fromOpaque(cell).release()
      }
      if TermMemory.isBoxTag(headTag) {
        pool.pointee.depth += 1
        TermMemory.release(headWord)
        pool.pointee.depth -= 1
      }
      guard TermMemory.isBoxTag(tailTag) else { return true }
      let next = UnsafeMutableRawPointer(bitPattern: tailWord).unsafelyUnwrapped
      if tailTag == TermMemory.consTag, TermMemory.isLastReference(next) {
        cell = next
        continue
      }
      TermMemory.release(tailWord)
      return true
    }
  }

  private static func keepTuple(_ box: UnsafeMutableRawPointer, _ pool: UnsafeMutablePointer<BoxPool>) -> Bool
  {
    let count = box.load(fromByteOffset: TermMemory.tupleElementsOffset - 8, as: Int.self)
    let k = count &- 1
    guard UInt(bitPattern: k) < UInt(tupleSizes), pool.pointee.tupleCounts[k] < capacity else { return false }
    let elements = (box + TermMemory.tupleElementsOffset).assumingMemoryBound(to: Term.self)
    // The elements come out before the box is kept, and are released after: a release
    // may re-enter the pool, and the box is reusable as soon as it is kept.
    var boxes: (UInt, UInt, UInt, UInt) = (0, 0, 0, 0)
    var i = 0
    while i < count {
      if TermMemory.isBoxTag(TermMemory.tag(elements + i)) {
        let w = TermMemory.word(elements + i)
        switch i {
        case 0: boxes.0 = w
        case 1: boxes.1 = w
        case 2: boxes.2 = w
        default: boxes.3 = w
        }
      }
      TermMemory.forget(elements + i)
      i += 1
    }
    pool.pointee.tuples[k &* capacity &+ pool.pointee.tupleCounts[k]] = box
    pool.pointee.tupleCounts[k] += 1
    if boxes != (0, 0, 0, 0) {
      pool.pointee.depth += 1
      if boxes.0 != 0 { TermMemory.release(boxes.0) }
      if boxes.1 != 0 { TermMemory.release(boxes.1) }
      if boxes.2 != 0 { TermMemory.release(boxes.2) }
      if boxes.3 != 0 { TermMemory.release(boxes.3) }
      pool.pointee.depth -= 1
    }
    return true
  }
}
