#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Frees nested terms without recursing deeply on the host stack.
///
/// Releasing the last reference to a box runs its deinit, which releases its children,
/// and so on: a ten-million-cell list or a deeply nested tuple would overflow the stack.
/// A box's deinit hands its children here. Up to `maxDepth` levels they are released
/// at once, by plain recursion (short lists and small terms, nearly all of them, cost
/// nothing more); deeper than that they wait in a queue that the outermost release
/// drains in a loop, so the host stack never holds more than `maxDepth` levels.
final class DropQueue {
  private var pending: [Term] = []
  private var depth = 0
  /// Levels of recursive frees allowed: a few host frames each, well inside the
  /// smallest thread stack a runtime runs on.
  private static let maxDepth = 64

  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { raw in
      #if canImport(Darwin)
        Unmanaged<DropQueue>.fromOpaque(raw).release()
      #else
        if let raw { Unmanaged<DropQueue>.fromOpaque(raw).release() }
      #endif
    }
    return key
  }()

  private static var current: DropQueue {
    if let raw = pthread_getspecific(key) {
      return Unmanaged<DropQueue>.fromOpaque(raw).takeUnretainedValue()
    }
    let queue = DropQueue()
    pthread_setspecific(key, Unmanaged.passRetained(queue).toOpaque())
    return queue
  }

  static func release(_ a: inout Term, _ b: inout Term) {
    let q = current
    if q.depth >= maxDepth {
      q.pending.append(a)
      q.pending.append(b)
      a = .empty
      b = .empty
      return
    }
    q.depth += 1
    dropNow(&a, &b)
    q.depth -= 1
    if q.depth == 0 && !q.pending.isEmpty { q.drain() }
  }

  /// Takes the array's elements and empties it (freeing its storage), then frees them.
  static func release(_ items: inout [Term]) {
    let q = current
    if q.depth >= maxDepth {
      q.pending.append(contentsOf: items)
      items = []
      return
    }
    q.depth += 1
    dropNow(&items)
    q.depth -= 1
    if q.depth == 0 && !q.pending.isEmpty { q.drain() }
  }

  /// Frees `count` initialised terms at `elements`, leaving the memory uninitialised.
  static func release(_ elements: UnsafeMutablePointer<Term>, count: Int) {
    let q = current
    if q.depth >= maxDepth {
      for i in 0..<count { q.pending.append((elements + i).move()) }
      return
    }
    q.depth += 1
    dropNow(elements, count: count)
    q.depth -= 1
    if q.depth == 0 && !q.pending.isEmpty { q.drain() }
  }

  /// Frees what waited, one level at a time; whatever those frees find deeper than
  /// `maxDepth` joins the queue and is freed by this same loop.
  private func drain() {
    while var t = pending.popLast() {
      depth += 1
      DropQueue.dropNow(&t)
      depth -= 1
    }
  }

  // The frees themselves, out of line: the optimizer may move a release past plain
  // code, but not past a call, so the depth count brackets exactly these frees.
  @inline(never)
  private static func dropNow(_ a: inout Term, _ b: inout Term) {
    a = .empty
    b = .empty
  }

  @inline(never)
  private static func dropNow(_ a: inout Term) { a = .empty }

  @inline(never)
  private static func dropNow(_ items: inout [Term]) { items = [] }

  @inline(never)
  private static func dropNow(_ elements: UnsafeMutablePointer<Term>, count: Int) {
    TermMemory.deinitialize(elements, count: count)
  }
}
