/// A process's message queue with BEAM's receive cursor: messages a `receive` has
/// already rejected are not looked at again when it wakes, only new ones.
struct Mailbox {
  private var messages: [Term] = []
  /// Index of the first message still in the queue (removed ones before it are gaps
  /// that get compacted when they pile up).
  private var start = 0
  /// Next message the current `receive` will look at.
  private(set) var cursor = 0
  /// Slots taken out from the middle, marked so they are skipped.
  private var holes = 0

  var count: Int { messages.count - start - holes }

  mutating func append(_ m: Term) { messages.append(m) }

  /// The message at the cursor, skipping taken-out slots.
  mutating func peek() -> Term? {
    while cursor < messages.count {
      if case .ref(let r) = messages[cursor], r.serial == Mailbox.holeMark {
        cursor += 1
        continue
      }
      return messages[cursor]
    }
    return nil
  }

  /// Writes the message at the cursor into `slot` without an optional in between;
  /// false when the cursor is at the end.
  @inline(__always)
  mutating func peek(into slot: UnsafeMutablePointer<Term>) -> Bool {
    while cursor < messages.count {
      if case .ref(let r) = messages[cursor], r.serial == Mailbox.holeMark {
        cursor += 1
        continue
      }
      slot.pointee = messages[cursor]
      return true
    }
    return false
  }

  mutating func advance() { cursor += 1 }

  mutating func resetCursor() { cursor = start }

  /// Takes the message at the cursor out of the queue and resets the cursor.
  mutating func removeAtCursor() -> Term {
    let m = messages[cursor]
    if cursor == start {
      messages[start] = .empty
      start += 1
      while start < messages.count, case .ref(let r) = messages[start], r.serial == Mailbox.holeMark {
        messages[start] = .empty
        start += 1
        holes -= 1
      }
    } else {
      messages[cursor] = .ref(Ref(serial: Mailbox.holeMark))
      holes += 1
    }
    if start == messages.count {
      messages.removeAll(keepingCapacity: messages.count < 1024)
      start = 0
      holes = 0
    } else if (start > 64 && start * 2 > messages.count) || (holes > 64 && holes * 2 > count) {
      compact()
    }
    cursor = start
    return m
  }

  /// Drops taken-out slots and the consumed front, so scans stay proportional to the
  /// messages really waiting.
  mutating private func compact() {
    var kept: [Term] = []
    kept.reserveCapacity(messages.count - start - holes)
    for i in start..<messages.count {
      if case .ref(let r) = messages[i], r.serial == Mailbox.holeMark { continue }
      kept.append(messages[i])
    }
    messages = kept
    start = 0
    holes = 0
  }

  /// Messages still queued, in order (for `flush` and `process_info`).
  var pending: [Term] {
    var out: [Term] = []
    for i in start..<messages.count {
      if case .ref(let r) = messages[i], r.serial == Mailbox.holeMark { continue }
      out.append(messages[i])
    }
    return out
  }

  mutating func clear() {
    messages = []
    start = 0
    cursor = 0
    holes = 0
  }

  /// A reference no runtime hands out marks a slot whose message was taken.
  static let holeMark = UInt64.max
}
