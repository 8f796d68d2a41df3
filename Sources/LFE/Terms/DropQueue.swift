#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Frees nested terms without recursing on the host stack.
///
/// Releasing the last reference to a box runs its deinit, which releases its children,
/// and so on: a ten-million-cell list or a deeply nested tuple would overflow the stack.
/// A box's deinit instead moves its boxed children here; the outermost deinit on the
/// thread drains the queue in a loop, so the depth of host frames stays at two.
final class DropQueue {
  private var pending: [Term] = []
  private var draining = false

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
    q.pending.append(a)
    q.pending.append(b)
    a = .empty
    b = .empty
    q.drain()
  }

  /// Takes the array's elements, empties it (freeing its storage while the queue still
  /// holds them), then frees them one by one.
  static func release(_ items: inout [Term]) {
    let q = current
    q.pending.append(contentsOf: items)
    items = []
    q.drain()
  }

  static func release(_ elements: UnsafeMutablePointer<Term>, count: Int) {
    let q = current
    for i in 0..<count { q.pending.append((elements + i).move()) }
    q.drain()
  }

  private func drain() {
    if draining { return }
    draining = true
    while let t = pending.popLast() { _ = t }
    draining = false
  }
}
