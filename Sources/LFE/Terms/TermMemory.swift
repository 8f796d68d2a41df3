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

  @inline(__always)
  static func retain(_ word: UInt) {
    _ = Unmanaged<Cons>.fromOpaque(UnsafeRawPointer(bitPattern: word).unsafelyUnwrapped).retain()
  }

  @inline(__always)
  static func release(_ word: UInt) {
    Unmanaged<Cons>.fromOpaque(UnsafeRawPointer(bitPattern: word).unsafelyUnwrapped).release()
  }

  /// `dst = src`: counts the new value, then drops the one it replaces.
  @inline(__always)
  static func assign(_ dst: UnsafeMutablePointer<Term>, from src: UnsafePointer<Term>) {
    let s = UnsafeRawPointer(src)
    let word = s.load(as: UInt.self)
    let tag = s.load(fromByteOffset: 8, as: UInt8.self)
    if isBoxTag(tag) { retain(word) }
    store(dst, word: word, tag: tag)
  }

  /// Writes a value whose reference (if any) the caller has already counted, and drops
  /// the value it replaces.
  @inline(__always)
  static func store(_ dst: UnsafeMutablePointer<Term>, word: UInt, tag: UInt8) {
    let d = UnsafeMutableRawPointer(dst)
    let oldWord = d.load(as: UInt.self)
    let oldTag = d.load(fromByteOffset: 8, as: UInt8.self)
    d.storeBytes(of: word, as: UInt.self)
    d.storeBytes(of: tag, toByteOffset: 8, as: UInt8.self)
    if isBoxTag(oldTag) { release(oldWord) }
  }

  /// `dst = value`, taking over the caller's reference to it.
  @inline(__always)
  static func replace(_ dst: UnsafeMutablePointer<Term>, with value: __owned Term) {
    let d = UnsafeMutableRawPointer(dst)
    let oldWord = d.load(as: UInt.self)
    let oldTag = d.load(fromByteOffset: 8, as: UInt8.self)
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

  /// `dst = src; src = .empty` without counting: the reference changes hands. `dst`
  /// must hold a value with no reference (an immediate, or `.empty`).
  @inline(__always)
  static func move(_ dst: UnsafeMutablePointer<Term>, from src: UnsafeMutablePointer<Term>) {
    let s = UnsafeMutableRawPointer(src)
    let d = UnsafeMutableRawPointer(dst)
    d.storeBytes(of: s.load(as: UInt.self), as: UInt.self)
    d.storeBytes(of: s.load(fromByteOffset: 8, as: UInt8.self), toByteOffset: 8, as: UInt8.self)
    s.storeBytes(of: 0, as: UInt.self)
    s.storeBytes(of: emptyTag, toByteOffset: 8, as: UInt8.self)
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
    let raw = UnsafeMutableRawPointer(p)
    raw.storeBytes(of: 0, as: UInt.self)
    raw.storeBytes(of: emptyTag, toByteOffset: 8, as: UInt8.self)
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
    let s = UnsafeRawPointer(src)
    let word = s.load(as: UInt.self)
    let tag = s.load(fromByteOffset: 8, as: UInt8.self)
    if isBoxTag(tag) { retain(word) }
    let d = UnsafeMutableRawPointer(dst)
    d.storeBytes(of: word, as: UInt.self)
    d.storeBytes(of: tag, toByteOffset: 8, as: UInt8.self)
  }

  /// Fills uninitialised memory with `.empty`.
  @inline(__always)
  static func initializeEmpty(_ p: UnsafeMutablePointer<Term>, count: Int) {
    let raw = UnsafeMutableRawPointer(p)
    for i in 0..<count {
      raw.storeBytes(of: 0, toByteOffset: 16 * i, as: UInt.self)
      raw.storeBytes(of: emptyTag, toByteOffset: 16 * i + 8, as: UInt8.self)
    }
  }

  /// Drops every value, leaving the memory uninitialised. (Swift's own `deinitialize`
  /// calls a generic destroy for each element, immediates included.)
  static func deinitialize(_ p: UnsafeMutablePointer<Term>, count: Int) {
    let raw = UnsafeRawPointer(p)
    for i in 0..<count {
      let tag = raw.load(fromByteOffset: 16 * i + 8, as: UInt8.self)
      if isBoxTag(tag) { release(raw.load(fromByteOffset: 16 * i, as: UInt.self)) }
    }
  }

  /// The box a term holds, uncounted, when its case is `tag`.
  @inline(__always)
  static func box(_ p: UnsafePointer<Term>) -> UnsafeRawPointer {
    UnsafeRawPointer(bitPattern: UnsafeRawPointer(p).load(as: UInt.self)).unsafelyUnwrapped
  }

  static let consTag: UInt8 = 5
  static let tupleTag: UInt8 = 6
  static let pidTag: UInt8 = 3
  static let emptyTag: UInt8 = 11
  /// Where a tuple's elements begin in its box: after the object header and the count.
  static let tupleElementsOffset = 24

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
    return bits(.empty) == (0, emptyTag) && bits(.pid(Pid(serial: 9))) == (9, pidTag)
  }
}
