/// The live processes by pid serial: a flat array indexed by serial, so a send finds
/// its receiver with one load instead of a hash lookup.
///
/// The table holds the one counted reference to each process and hands out uncounted
/// ones (`Unmanaged`): sends, wake-ups and the run queue touch no reference count. A
/// process leaves the table when it is dead and its links have been told; the caller
/// of `remove` then owns that reference.
final class ProcessTable {
  private var slots: UnsafeMutablePointer<Unmanaged<Process>?>
  private var capacity: Int
  private(set) var count = 0

  init() {
    capacity = 256
    slots = RawMemory.allocate(Unmanaged<Process>?.self, capacity: capacity)
    slots.initialize(repeating: nil, count: capacity)
  }

  deinit {
    for i in 0..<capacity { slots[i]?.release() }
    RawMemory.deallocate(slots)
  }

  /// The process with this serial, uncounted: valid while it stays in the table.
  @inline(__always)
  func unmanaged(_ serial: UInt32) -> Unmanaged<Process>? {
    let i = Int(serial)
    return i < capacity ? slots[i] : nil
  }

  subscript(serial: UInt32) -> Process? { unmanaged(serial)?.takeUnretainedValue() }

  /// Puts a process in, taking over the counted reference `p` holds.
  func insert(_ p: Unmanaged<Process>) {
    let i = Int(p._withUnsafeGuaranteedRef { $0.pid.serial })
    if i >= capacity { grow(to: i + 1) }
    precondition(slots[i] == nil, "two processes with one pid")
    slots[i] = p
    count += 1
  }

  /// Takes the process out; the caller releases the returned reference.
  func remove(_ serial: UInt32) -> Unmanaged<Process>? {
    let i = Int(serial)
    guard i < capacity, let u = slots[i] else { return nil }
    slots[i] = nil
    count -= 1
    return u
  }

  private func grow(to needed: Int) {
    var cap = capacity * 2
    while cap < needed { cap *= 2 }
    let fresh = RawMemory.allocate(Unmanaged<Process>?.self, capacity: cap)
    fresh.moveInitialize(from: slots, count: capacity)
    (fresh + capacity).initialize(repeating: nil, count: cap - capacity)
    RawMemory.deallocate(slots)
    slots = fresh
    capacity = cap
  }

  /// The live processes, oldest first.
  var values: [Process] {
    var out: [Process] = []
    for i in 0..<capacity { if let u = slots[i] { out.append(u.takeUnretainedValue()) } }
    return out
  }
}

/// A first-in first-out queue of runnable processes: a ring buffer that grows by
/// doubling. It holds uncounted references; a process that dies while queued is kept
/// alive until it is popped (see `Runtime.propagateExit`).
final class RunQueue {
  private var items: UnsafeMutablePointer<Unmanaged<Process>>
  private var mask: Int
  private var head = 0
  private(set) var count = 0

  init() {
    items = RawMemory.allocate(Unmanaged<Process>.self, capacity: 64)
    mask = 63
  }

  // The runtime empties the queue before it goes (see `Runtime.deinit`).
  deinit { RawMemory.deallocate(items) }

  var isEmpty: Bool { count == 0 }

  private func grow() {
    let cap = (mask + 1) * 2
    let fresh = RawMemory.allocate(Unmanaged<Process>.self, capacity: cap)
    for i in 0..<count { (fresh + i).initialize(to: items[(head + i) & mask]) }
    RawMemory.deallocate(items)
    items = fresh
    mask = cap - 1
    head = 0
  }

  @inline(__always)
  func push(_ p: Unmanaged<Process>) {
    if count > mask { grow() }
    (items + ((head + count) & mask)).initialize(to: p)
    count += 1
  }

  func pushFront(_ p: Unmanaged<Process>) {
    if count > mask { grow() }
    head = (head - 1) & mask
    (items + head).initialize(to: p)
    count += 1
  }

  @inline(__always)
  func pop() -> Unmanaged<Process>? {
    if count == 0 { return nil }
    let p = items[head]
    head = (head + 1) & mask
    count -= 1
    return p
  }
}
