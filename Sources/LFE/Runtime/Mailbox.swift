/// A process's message queue with BEAM's receive cursor: messages a `receive` has
/// already rejected are not looked at again when it wakes, only new ones.
///
/// Slots `start ..< end` of the storage hold the queue; slots outside it hold `.empty`
/// and are reused by later messages, so a process that receives one message at a time
/// never grows, shrinks or clears anything. The storage is made on the first message
/// (most processes in a big system wait for one and never get more).
struct Mailbox: ~Copyable {
  private var slots: UnsafeMutablePointer<Term>? = nil
  // 32-bit indices (a mailbox holds at most a few million messages): processes are
  // many, and every byte of an idle one counts.
  private var capacity: Int32 = 0
  /// Index of the first message still in the queue.
  private var start: Int32 = 0
  /// One past the last message.
  private var end: Int32 = 0
  /// Next message the current `receive` will look at.
  private(set) var cursor32: Int32 = 0
  /// Slots taken out from the middle, marked so they are skipped.
  private(set) var holes: Int32 = 0
  /// The storage is the one slot its process made alongside its registers, not ours
  /// to free.
  private var borrowed = false

  init() {}

  /// A mailbox whose first message goes to `firstSlot` (initialised, `.empty`), so a
  /// process that receives one message allocates nothing for it.
  init(firstSlot: UnsafeMutablePointer<Term>) {
    slots = firstSlot
    capacity = 1
    borrowed = true
  }

  deinit {
    if let slots {
      TermMemory.deinitialize(slots, count: Int(capacity))
      if !borrowed { RawMemory.deallocate(slots) }
    }
  }

  var count: Int { Int(end - start - holes) }
  var cursor: Int { Int(cursor32) }

  /// Appends a copy of the term at `message`.
  @inline(__always)
  mutating func append(copying message: UnsafePointer<Term>) {
    if end == capacity { makeRoom() }
    TermMemory.assign(slots.unsafelyUnwrapped + Int(end), from: message)
    end += 1
  }

  /// Appends the term at `message`, taking its reference and leaving `.empty` there.
  @inline(__always)
  mutating func append(taking message: UnsafeMutablePointer<Term>) {
    if end == capacity { makeRoom() }
    TermMemory.move(slots.unsafelyUnwrapped + Int(end), from: message)
    end += 1
  }

  mutating func append(_ m: Term) {
    withUnsafePointer(to: m) { append(copying: $0) }
  }

  /// Grows the storage, or first slides the queue to the front when most of it is
  /// already consumed.
  @inline(never)
  private mutating func makeRoom() {
    if start > 0 && Int(start) * 2 >= Int(capacity) {
      compact()
      if end < capacity { return }
    }
    let cap = capacity == 0 ? 2 : Int(capacity) * 2
    let fresh = RawMemory.allocate(Term.self, capacity: cap)
    if let slots {
      fresh.moveInitialize(from: slots, count: Int(capacity))
      if !borrowed { RawMemory.deallocate(slots) }
      borrowed = false
    }
    TermMemory.initializeEmpty(fresh + Int(capacity), count: cap - Int(capacity))
    slots = fresh
    capacity = Int32(cap)
  }

  private func isHole(_ i: Int32) -> Bool {
    if case .ref(let r) = slots.unsafelyUnwrapped[Int(i)], r.serial == Mailbox.holeMark { return true }
    return false
  }

  /// Writes the message at the cursor into `slot` without counting it: the mailbox keeps
  /// the reference until `removeAtCursor` hands it over, and until then the caller must
  /// not drop it (`TermMemory.forget` clears such a look). What `slot` held before is
  /// dropped. False when the cursor is at the end.
  @inline(__always)
  mutating func peek(borrowingInto slot: UnsafeMutablePointer<Term>) -> Bool {
    while cursor32 < end {
      if holes > 0 && isHole(cursor32) {
        cursor32 += 1
        continue
      }
      let message = slots.unsafelyUnwrapped + Int(cursor32)
      TermMemory.store(slot, word: TermMemory.word(message), tag: TermMemory.tag(message))
      return true
    }
    return false
  }

  mutating func advance() { cursor32 += 1 }

  /// Passes over the message at the cursor, and on over every later one that fails
  /// `passes`, then borrows the one it stops at into `slot` as `peek` does; `slot` must
  /// hold only the look at the message passed over. False, with the cursor at the end,
  /// when no message is left. A selective receive past many unmatched messages then
  /// takes no VM dispatch for each.
  @inline(__always)
  private mutating func advance(
    borrowingInto slot: UnsafeMutablePointer<Term>, toFirst passes: (UnsafePointer<Term>) -> Bool
  ) -> Bool {
    TermMemory.forget(slot)
    let s = slots.unsafelyUnwrapped
    var c = cursor32 &+ 1
    // Holes need no test of their own: a hole is a ref that no test passes.
    while c < end {
      let message = s + Int(c)
      if passes(message) {
        cursor32 = c
        TermMemory.write(slot, word: TermMemory.word(message), tag: TermMemory.tag(message))
        return true
      }
      c &+= 1
    }
    cursor32 = c
    return false
  }

  // The two tests a receive's first clause most often starts with, out of the VM's
  // loop (which keeps its registers for the instructions every program runs).

  /// `advance(borrowingInto:toFirst:)` to a tuple of `arity` elements whose first is
  /// the immediate at `first`.
  @inline(never)
  mutating func advance(
    toTaggedTuple arity: Int, first: UnsafePointer<Term>, borrowingInto slot: UnsafeMutablePointer<Term>
  ) -> Bool {
    advance(borrowingInto: slot) { m in
      TermMemory.tag(m) == TermMemory.tupleTag && TermMemory.tupleCount(m) == arity
        && TermMemory.sameImmediate(TermMemory.tupleElements(m), first)
    }
  }

  /// `advance(borrowingInto:toFirst:)` to the immediate (an atom, say) at `value`.
  @inline(never)
  mutating func advance(
    toImmediate value: UnsafePointer<Term>, borrowingInto slot: UnsafeMutablePointer<Term>
  )
    -> Bool
  {
    advance(borrowingInto: slot) { TermMemory.sameImmediate($0, value) }
  }

  mutating func resetCursor() { cursor32 = start }

  /// A counted copy of the message at the cursor, for a trace of what a receive took.
  var atCursor: Term? {
    guard cursor32 >= start, cursor32 < end else { return nil }
    return slots.unsafelyUnwrapped[Int(cursor32)]
  }

  /// Takes the message at the cursor out of the queue and resets the cursor. Its
  /// reference passes to the register that `peek(borrowingInto:)` wrote it to.
  @inline(__always)
  mutating func removeAtCursor() {
    let s = slots.unsafelyUnwrapped
    if cursor32 == start {
      TermMemory.forget(s + Int(start))
      start += 1
      if holes > 0 { skipLeadingHoles() }
      if start == end {
        // Empty: start again from the front, and give back storage a burst made big.
        start = 0
        end = 0
        if capacity > 1024 { clear() }
      }
    } else if cursor32 == end - 1 {
      // The newest message (a reply picked out past older ones): no hole needed.
      TermMemory.forget(s + Int(cursor32))
      end -= 1
      while end > start && holes > 0 && isHole(end - 1) {
        s[Int(end - 1)] = .empty
        end -= 1
        holes -= 1
      }
    } else {
      (s + Int(cursor32)).initialize(to: .ref(Ref(serial: Mailbox.holeMark)))
      holes += 1
      if holes > 64 && Int(holes) * 2 > count { compact() }
    }
    cursor32 = start
  }

  private mutating func skipLeadingHoles() {
    let s = slots.unsafelyUnwrapped
    while start < end && isHole(start) {
      s[Int(start)] = .empty
      start += 1
      holes -= 1
    }
  }

  /// Moves the waiting messages to the front of the storage, dropping taken-out slots.
  private mutating func compact() {
    let s = slots.unsafelyUnwrapped
    var to: Int32 = 0
    var newCursor: Int32? = nil
    for i in start..<end {
      if i == cursor32 { newCursor = to }
      if isHole(i) {
        s[Int(i)] = .empty
        continue
      }
      if to != i { swap(&s[Int(to)], &s[Int(i)]) }
      to += 1
    }
    start = 0
    end = to
    holes = 0
    // A receive in progress keeps its place among the messages that remain.
    cursor32 = newCursor ?? to
  }

  /// Messages still queued, in order (for `flush` and `process_info`).
  var pending: [Term] {
    var out: [Term] = []
    guard let slots else { return out }
    for i in start..<end where !isHole(i) { out.append(slots[Int(i)]) }
    return out
  }

  mutating func clear() {
    if let slots {
      TermMemory.deinitialize(slots, count: Int(capacity))
      if !borrowed { RawMemory.deallocate(slots) }
    }
    borrowed = false
    slots = nil
    capacity = 0
    start = 0
    end = 0
    cursor32 = 0
    holes = 0
  }

  /// A reference no runtime hands out marks a slot whose message was taken.
  static let holeMark = UInt64.max
}
