/// Copying terms between registers, constants and mailboxes as the VM's inner loop needs
/// it: a few inline instructions, where Swift's own copy of a `Term` calls out to a
/// generic routine that switches over all twelve cases, once to copy and once more to
/// destroy the value it overwrites.
///
/// This relies on how Swift lays out `Term`: the payload in the first word and the case
/// in the byte after it, box cases numbered 5 (`cons`) to 10 (`fun`) in declaration
/// order. `layoutIsAsAssumed` checks exactly that; the runtime refuses to start if it
/// fails, and a unit test runs it on every build.
enum TermMemory {
  @inline(__always)
  static func tag(_ p: UnsafePointer<Term>) -> UInt8 {
    UnsafeRawPointer(p).load(fromByteOffset: 8, as: UInt8.self)
  }

  /// The payload word: an integer, an atom or pid number, or a box's address.
  @inline(__always)
  static func word(_ p: UnsafePointer<Term>) -> UInt {
    UnsafeRawPointer(p).load(as: UInt.self)
  }

  @inline(__always)
  static func isBoxTag(_ tag: UInt8) -> Bool { tag &- 5 <= 5 }

  // A box's counts live in the word after its type (see `isUniquelyReferenced`): the
  // strong count, less one, in bits 33 to 62. A runtime's terms never leave the thread
  // that runs it, so the VM counts them with a plain add to that word instead of
  // Swift's atomic one, several times cheaper. The rare cases go to Swift's runtime: a
  // count at its limit, counts moved to a side table or an immortal object (bit 63),
  // and the last reference going, which frees the box.
  static let strongCountOne: UInt64 = 1 << 33
  static let strongCountLimit: UInt64 = 0x3FFF_FFFF

  @inline(__always)
  static func retain(_ word: UInt) {
    let counts = UnsafeMutableRawPointer(bitPattern: word).unsafelyUnwrapped + 8
    let v = counts.load(as: UInt64.self)
    if v >> 33 < strongCountLimit {
      counts.storeBytes(of: v &+ strongCountOne, as: UInt64.self)
    } else {
      _ = Unmanaged<Cons>.fromOpaque(UnsafeRawPointer(bitPattern: word).unsafelyUnwrapped).retain()
    }
  }

  @inline(__always)
  static func release(_ word: UInt) {
    let counts = UnsafeMutableRawPointer(bitPattern: word).unsafelyUnwrapped + 8
    let v = counts.load(as: UInt64.self)
    if v >> 33 &- 1 < strongCountLimit &- 1 {
      counts.storeBytes(of: v &- strongCountOne, as: UInt64.self)
    } else {
      releaseRarely(word)
    }
  }

  /// The last reference going, or a count Swift's runtime keeps: a cell or small tuple
  /// goes back to the thread's `BoxPool`, anything else to Swift's release.
  @inline(never)
  static func releaseRarely(_ word: UInt) {
    let box = UnsafeMutableRawPointer(bitPattern: word).unsafelyUnwrapped
    if isLastReference(box), BoxPool.keep(word) { return }
    Unmanaged<Cons>.fromOpaque(box).release()
  }

  /// Whether the box at `box` has exactly one reference and nothing else in its counts
  /// word (not dying, no side table): releasing it would free it.
  @inline(__always)
  static func isLastReference(_ box: UnsafeRawPointer) -> Bool {
    box.load(fromByteOffset: 8, as: UInt64.self) >> 32 == 0
  }

  /// The bits of the term at `src`, with its box (if any) counted once more.
  @inline(__always)
  static func counted(_ src: UnsafePointer<Term>) -> (word: UInt, tag: UInt8) {
    let w = word(src)
    let t = tag(src)
    if isBoxTag(t) { retain(w) }
    return (w, t)
  }

  /// Writes bits over whatever `dst` holds, dropping nothing.
  @inline(__always)
  static func write(_ dst: UnsafeMutablePointer<Term>, word: UInt, tag: UInt8) {
    let d = UnsafeMutableRawPointer(dst)
    d.storeBytes(of: word, as: UInt.self)
    d.storeBytes(of: tag, toByteOffset: 8, as: UInt8.self)
  }

  /// `dst = src`: counts the new value, then drops the one it replaces.
  @inline(__always)
  static func assign(_ dst: UnsafeMutablePointer<Term>, from src: UnsafePointer<Term>) {
    let (w, t) = counted(src)
    store(dst, word: w, tag: t)
  }

  /// Writes a value whose reference (if any) the caller has already counted, and drops
  /// the value it replaces.
  @inline(__always)
  static func store(_ dst: UnsafeMutablePointer<Term>, word: UInt, tag: UInt8) {
    let oldWord = self.word(dst)
    let oldTag = self.tag(dst)
    write(dst, word: word, tag: tag)
    if isBoxTag(oldTag) { release(oldWord) }
  }

  /// `dst = value`, taking over the caller's reference to it.
  @inline(__always)
  static func replace(_ dst: UnsafeMutablePointer<Term>, with value: __owned Term) {
    let oldWord = word(dst)
    let oldTag = tag(dst)
    dst.initialize(to: value)
    if isBoxTag(oldTag) { release(oldWord) }
  }

  /// The elements of the tuple the term at `p` holds (the caller knows it is one).
  @inline(__always)
  static func tupleElements(_ p: UnsafePointer<Term>) -> UnsafePointer<Term> {
    (box(p) + tupleElementsOffset).assumingMemoryBound(to: Term.self)
  }

  /// The elements of `t`, found without a closure (which the VM's loop would not inline).
  @inline(__always)
  static func elements(of t: Tuple) -> UnsafeMutablePointer<Term> {
    (UnsafeMutableRawPointer(Unmanaged.passUnretained(t).toOpaque()) + tupleElementsOffset)
      .assumingMemoryBound(to: Term.self)
  }

  /// The head of the cons cell the term at `p` holds (the caller knows it is one).
  @inline(__always)
  static func consHead(_ p: UnsafePointer<Term>) -> UnsafePointer<Term> {
    (box(p) + consHeadOffset).assumingMemoryBound(to: Term.self)
  }

  /// The tail of the cons cell the term at `p` holds.
  @inline(__always)
  static func consTail(_ p: UnsafePointer<Term>) -> UnsafePointer<Term> {
    consHead(p) + 1
  }

  /// The fields of a cell still private to its builder, found without an accessor
  /// (which would count the cell and copy the field through Swift's generic code).
  @inline(__always)
  static func head(of c: Cons) -> UnsafeMutablePointer<Term> {
    (UnsafeMutableRawPointer(Unmanaged.passUnretained(c).toOpaque()) + consHeadOffset)
      .assumingMemoryBound(to: Term.self)
  }

  @inline(__always)
  static func tail(of c: Cons) -> UnsafeMutablePointer<Term> {
    head(of: c) + 1
  }

  /// `dst = src; src = .empty` without counting: the reference changes hands. `dst`
  /// must hold a value with no reference (an immediate, or `.empty`).
  @inline(__always)
  static func move(_ dst: UnsafeMutablePointer<Term>, from src: UnsafeMutablePointer<Term>) {
    write(dst, word: word(src), tag: tag(src))
    forget(src)
  }

  /// Sets the boxes among `count` terms at `p` to `.empty`, dropping their references.
  @inline(__always)
  static func clear(_ p: UnsafeMutablePointer<Term>, count: Int) {
    var i = 0
    while i < count {
      if isBoxTag(tag(p + i)) { store(p + i, word: 0, tag: emptyTag) }
      i += 1
    }
  }

  /// Overwrites `p` with `.empty` without dropping what it held: for a copy that was
  /// never counted, or a reference that has changed hands.
  @inline(__always)
  static func forget(_ p: UnsafeMutablePointer<Term>) {
    write(p, word: 0, tag: emptyTag)
  }

  /// The number of elements of the tuple the term at `p` holds.
  @inline(__always)
  static func tupleCount(_ p: UnsafePointer<Term>) -> Int {
    box(p).load(fromByteOffset: tupleElementsOffset - 8, as: Int.self)
  }

  /// Whether two terms are the same immediate (an atom or small integer, say): the same
  /// case and the same word. Never true for boxes, which need a deep comparison.
  @inline(__always)
  static func sameImmediate(_ x: UnsafePointer<Term>, _ y: UnsafePointer<Term>) -> Bool {
    let t = tag(x)
    return t == tag(y) && !isBoxTag(t) && word(x) == word(y)
  }

  /// `dst = .int(i)`.
  @inline(__always)
  static func storeInt(_ dst: UnsafeMutablePointer<Term>, _ i: Int) {
    store(dst, word: UInt(bitPattern: i), tag: 0)
  }

  /// Copies `src` into uninitialised memory at `dst`.
  @inline(__always)
  static func initialize(_ dst: UnsafeMutablePointer<Term>, from src: UnsafePointer<Term>) {
    let (w, t) = counted(src)
    write(dst, word: w, tag: t)
  }

  /// Fills uninitialised memory with `.empty`.
  @inline(__always)
  static func initializeEmpty(_ p: UnsafeMutablePointer<Term>, count: Int) {
    for i in 0..<count { forget(p + i) }
  }

  /// Drops every value, leaving the memory uninitialised. (Swift's own `deinitialize`
  /// calls a generic destroy for each element, immediates included.)
  static func deinitialize(_ p: UnsafeMutablePointer<Term>, count: Int) {
    for i in 0..<count where isBoxTag(tag(p + i)) { release(word(p + i)) }
  }

  /// The address of the box the term at `p` holds, uncounted (the caller knows it
  /// holds one).
  @inline(__always)
  static func box(_ p: UnsafePointer<Term>) -> UnsafeRawPointer {
    UnsafeRawPointer(bitPattern: UnsafeRawPointer(p).load(as: UInt.self)).unsafelyUnwrapped
  }

  /// Whether the box the term at `p` holds has no other reference than this one. Swift
  /// keeps an object's strong count, less one, in bits 33 to 62 of the word after its
  /// type; bit 32 marks a dying object and bit 63 one whose counts moved to a side
  /// table. All of them clear means one owner. (`isKnownUniquelyReferenced` would need
  /// a Swift variable holding the object, which counts it once more.)
  @inline(__always)
  static func isUniquelyReferenced(_ p: UnsafePointer<Term>) -> Bool {
    isLastReference(box(p))
  }

  /// `dest` = the tuple at `old` with the elements at the positions set in `changed`
  /// taken from `values`, in order. The cell itself is rewritten, and moves from `old`
  /// to `dest`, when `old` is its only holder: a receive loop that answers each message
  /// with one of the same shape then allocates and frees nothing. (Out of line: the
  /// VM's loop keeps its registers for the instructions every program runs.)
  @inline(never)
  static func updateTuple(
    _ dest: UnsafeMutablePointer<Term>, from old: UnsafeMutablePointer<Term>, changing changed: UInt32,
    to values: UnsafePointer<Term>
  ) {
    guard tag(old) == tupleTag else { fatalError("updateTuple on a non-tuple") }
    let elements = UnsafeMutablePointer(mutating: tupleElements(old))
    var changed = changed
    if isUniquelyReferenced(old) {
      var k = 0
      while changed != 0 {
        assign(elements + changed.trailingZeroBitCount, from: values + k)
        k += 1
        changed &= changed - 1
      }
      if dest != old {
        let w = word(old)
        forget(old)
        store(dest, word: w, tag: tupleTag)
      }
      return
    }
    let n = tupleCount(old)
    let t = BoxPool.tuple(count: n)
    let dst = self.elements(of: t)
    var k = 0
    for i in 0..<n {
      if changed & 1 << i != 0 {
        initialize(dst + i, from: values + k)
        k += 1
      } else {
        initialize(dst + i, from: elements + i)
      }
    }
    replace(dest, with: .tuple(t))
  }

  static let consTag: UInt8 = 5
  static let tupleTag: UInt8 = 6
  static let funTag: UInt8 = 10
  static let pidTag: UInt8 = 3
  static let emptyTag: UInt8 = 11
  /// Where a tuple's elements begin in its box: after the object header and the count.
  static let tupleElementsOffset = 24
  /// Where a cons cell's head is in its box (the tail follows): after the object header.
  static let consHeadOffset = 16

  /// `layoutIsAsAssumed`, run once per program.
  static let layoutChecked = layoutIsAsAssumed()

  /// True when `Term` is laid out as the functions above assume.
  static func layoutIsAsAssumed() -> Bool {
    func bits(_ t: Term) -> (UInt, UInt8) {
      withUnsafePointer(to: t) { p in
        (UnsafeRawPointer(p).load(as: UInt.self), UnsafeRawPointer(p).load(fromByteOffset: 8, as: UInt8.self))
      }
    }
    let cell = Cons(.empty, .empty)
    let address = UInt(bitPattern: Unmanaged.passUnretained(cell).toOpaque())
    // The fields of a cell sit where `consHead` and `consTail` look for them.
    let probe = Cons(.int(11), .int(12))
    let fields = withUnsafePointer(to: Term.cons(probe)) { p in
      (word(consHead(p)), tag(consHead(p)), word(consTail(p)), tag(consTail(p)))
    }
    guard fields == (11, 0, 12, 0), head(of: probe).pointee == .int(11), tail(of: probe).pointee == .int(12)
    else { return false }
    let tuple = Tuple.make([])
    let tupleAddress = UInt(bitPattern: Unmanaged.passUnretained(tuple).toOpaque())
    let fun = Fun(module: .erlang, function: .erlang, arity: 0)
    let boxes: [(Term, UInt8)] = [
      (.cons(cell), 5), (.tuple(tuple), 6), (.big(BigBox(0)), 7), (.binary(Binary([])), 8),
      (.map(MapBox([:])), 9), (.fun(fun), 10),
    ]
    let immediates: [(Term, UInt8)] = [
      (.int(-7), 0), (.float(1.5), 1), (.atom(Atom(index: 3)), 2), (.pid(Pid(serial: 4)), 3),
      (.ref(Ref(serial: 5)), 4),
    ]
    let elementsOffset = tuple.withUnsafeMutablePointerToElements {
      UnsafeRawPointer($0) - UnsafeRawPointer(Unmanaged.passUnretained(tuple).toOpaque())
    }
    let counted = withUnsafePointer(to: Term.tuple([.int(1), .int(2), .int(3)])) { tupleCount($0) == 3 }
    guard counted, elementsOffset == tupleElementsOffset, MemoryLayout<Term>.size == 9,
      MemoryLayout<Term>.stride == 16
    else { return false }
    guard bits(.int(-7)) == (UInt(bitPattern: -7), 0), bits(.cons(cell)) == (address, consTag),
      bits(.tuple(tuple)) == (tupleAddress, tupleTag)
    else { return false }
    for (t, tag) in boxes + immediates where bits(t).1 != tag || isBoxTag(tag) != t.isBox { return false }
    // One register holding a fresh tuple is its only owner; a second copy is not.
    var registers = [Term](repeating: .empty, count: 2)
    registers[0] = .tuple(Tuple.make([.int(1)]))
    let alone = registers.withUnsafeBufferPointer { isUniquelyReferenced($0.baseAddress!) }
    registers[1] = registers[0]
    let shared = registers.withUnsafeBufferPointer { isUniquelyReferenced($0.baseAddress!) }
    guard alone, !shared else { return false }
    // Counting by hand moves the same bits Swift's runtime reads: one reference more
    // makes the box shared, one less makes it unique again.
    var countProbe = Cons(.empty, .empty)
    let probeWord = UInt(bitPattern: Unmanaged.passUnretained(countProbe).toOpaque())
    let uniqueBefore = isKnownUniquelyReferenced(&countProbe)
    retain(probeWord)
    let uniqueWhileCounted = isKnownUniquelyReferenced(&countProbe)
    release(probeWord)
    let uniqueAfter = isKnownUniquelyReferenced(&countProbe)
    guard uniqueBefore, !uniqueWhileCounted, uniqueAfter else { return false }
    // And one reference more, counted by Swift itself, is exactly the step counted by
    // hand, with nothing set above a lone owner's count.
    let countsAt = UnsafeRawPointer(bitPattern: probeWord).unsafelyUnwrapped + 8
    let loneCounts = countsAt.load(as: UInt64.self)
    var holders: [Cons] = []
    holders.append(countProbe)
    let held = countsAt.load(as: UInt64.self)
    withExtendedLifetime(holders) {}
    guard loneCounts >> 32 == 0, held &- loneCounts == strongCountOne else { return false }
    return bits(.empty) == (0, emptyTag) && bits(.pid(Pid(serial: 9))) == (9, pidTag)
  }
}
