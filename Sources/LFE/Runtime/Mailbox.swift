/// A process's message queue with BEAM's receive cursor: messages a `receive` has
/// already rejected are not looked at again when it wakes, only new ones.
///
/// The slots `start ..< end` of `slots` hold the queue; slots past `end` are spare
/// storage reused by later messages, so a process that receives one message at a time
/// never grows, shrinks or clears its array.
struct Mailbox {
  private var slots: [Term] = []
  // Indices are 32-bit (a mailbox holds at most a few million messages): processes are
  // many, and every byte of an idle one counts.
  /// Index of the first message still in the queue.
  private var start32: Int32 = 0
  /// One past the last message.
  private var end32: Int32 = 0
  /// Next message the current `receive` will look at.
  private var cursor32: Int32 = 0
  /// Slots taken out from the middle, marked so they are skipped.
  private var holes32: Int32 = 0

  private var start: Int {
    get { Int(start32) }
    set { start32 = Int32(truncatingIfNeeded: newValue) }
  }
  private var end: Int {
    get { Int(end32) }
    set { end32 = Int32(truncatingIfNeeded: newValue) }
  }
  private(set) var cursor: Int {
    get { Int(cursor32) }
    set { cursor32 = Int32(truncatingIfNeeded: newValue) }
  }
  private var holes: Int {
    get { Int(holes32) }
    set { holes32 = Int32(truncatingIfNeeded: newValue) }
  }

  var count: Int { end - start - holes }

  mutating func append(_ m: Term) {
    if end < slots.count {
      slots[end] = m
    } else {
      slots.append(m)
    }
    end += 1
  }

  private func isHole(_ i: Int) -> Bool {
    if case .ref(let r) = slots[i], r.serial == Mailbox.holeMark { return true }
    return false
  }

  /// Writes the message at the cursor into `slot` without an optional in between;
  /// false when the cursor is at the end.
  @inline(__always)
  mutating func peek(into slot: UnsafeMutablePointer<Term>) -> Bool {
    while cursor < end {
      if isHole(cursor) {
        cursor += 1
        continue
      }
      slot.pointee = slots[cursor]
      return true
    }
    return false
  }

  mutating func advance() { cursor += 1 }

  mutating func resetCursor() { cursor = start }

  /// Takes the message at the cursor out of the queue and resets the cursor. The
  /// receiver already holds the message in a register, so it is dropped here, not
  /// returned: that saves a reference count round trip on every receive.
  mutating func removeAtCursor() {
    if cursor == start {
      slots[start] = .empty
      start += 1
      while start < end && isHole(start) {
        slots[start] = .empty
        start += 1
        holes -= 1
      }
    } else {
      slots[cursor] = .ref(Ref(serial: Mailbox.holeMark))
      holes += 1
    }
    if start == end {
      // Empty: every used slot already holds `.empty`; start again from the front.
      start = 0
      end = 0
      holes = 0
      if slots.count > 1024 { slots = [] }
    } else if (start > 64 && start * 2 > end) || (holes > 64 && holes * 2 > count) {
      compact()
    }
    cursor = start
  }

  /// Drops taken-out slots and the consumed front, so scans stay proportional to the
  /// messages really waiting.
  mutating private func compact() {
    var kept: [Term] = []
    kept.reserveCapacity(count)
    for i in start..<end where !isHole(i) { kept.append(slots[i]) }
    slots = kept
    start = 0
    end = kept.count
    holes = 0
  }

  /// Messages still queued, in order (for `flush` and `process_info`).
  var pending: [Term] {
    var out: [Term] = []
    for i in start..<end where !isHole(i) { out.append(slots[i]) }
    return out
  }

  mutating func clear() {
    slots = []
    start = 0
    end = 0
    cursor = 0
    holes = 0
  }

  /// A reference no runtime hands out marks a slot whose message was taken.
  static let holeMark = UInt64.max
}
