import BigInt

/// An LFE value. Immediates (small integers, floats, atoms, pids, refs, the empty list)
/// sit inline; everything else is a final class box. The enum stays 16 bytes wide and
/// holds no existentials, so registers and mailboxes are plain arrays of it.
// Boxes never change once built and shared (a cons tail is written only while its
// builder holds the sole reference), so terms may cross threads.
public enum Term: @unchecked Sendable {
  case int(Int)
  case float(Double)
  case atom(Atom)
  case empty
  case pid(Pid)
  case ref(Ref)
  case cons(Cons)
  case tuple(Tuple)
  case big(BigBox)
  case binary(Binary)
  case map(MapBox)
  case fun(Fun)
}

/// An interned atom: an index into its runtime's `AtomTable`.
public struct Atom: Hashable, Sendable {
  public let index: UInt32
  @inlinable public init(index: UInt32) { self.index = index }
}

/// A process identifier `<0.N.0>`: N is the process's serial number in its runtime.
public struct Pid: Hashable, Sendable, Comparable {
  public let serial: UInt32
  @inlinable public init(serial: UInt32) { self.serial = serial }
  public static func < (a: Pid, b: Pid) -> Bool { a.serial < b.serial }
}

/// A reference made by `make_ref` or `monitor`: unique within its runtime.
public struct Ref: Hashable, Sendable, Comparable {
  public let serial: UInt64
  @inlinable public init(serial: UInt64) { self.serial = serial }
  public static func < (a: Ref, b: Ref) -> Bool { a.serial < b.serial }
}

/// An integer too large for `Int`. Always normalised: a value that fits is `.int`.
public final class BigBox: @unchecked Sendable {
  public let value: BigInt
  public init(_ value: BigInt) {
    self.value = value
    HeapAccount.charge(HeapAccount.bignum(value))
  }
  deinit { HeapAccount.credit(HeapAccount.bignum(value)) }
}

/// A binary: a sequence of whole bytes.
public final class Binary: @unchecked Sendable {
  public let bytes: [UInt8]
  public init(_ bytes: [UInt8]) {
    self.bytes = bytes
    HeapAccount.charge(HeapAccount.binary(bytes.count))
  }
  deinit { HeapAccount.credit(HeapAccount.binary(bytes.count)) }
}

/// A map. Keys compare exactly (`=:=`), as Erlang's do.
public final class MapBox: @unchecked Sendable {
  // `var` only so deinit can take the entries apart without recursion.
  public private(set) var entries: [Term: Term]
  public init(_ entries: [Term: Term]) {
    self.entries = entries
    HeapAccount.charge(HeapAccount.map(entries.capacity))
  }

  /// What ordering and hashing worked out about this map (TermOrder.swift); nil until a
  /// map needs it, which only maps in or around other maps' keys do.
  var caches: MapCaches?

  deinit {
    HeapAccount.credit(HeapAccount.map(entries.capacity))
    // The caches share the entries' terms: dropping them first frees no term.
    caches = nil
    // Maps nested in maps would otherwise free themselves recursively.
    guard entries.contains(where: { $0.key.isBox || $0.value.isBox }) else { return }
    var items = Array(entries.keys) + Array(entries.values)
    entries = [:]
    DropQueue.release(&items)
  }
}

extension Term {
  @inlinable public static var `true`: Term { .atom(.true) }
  @inlinable public static var `false`: Term { .atom(.false) }
  @inlinable public static var ok: Term { .atom(.ok) }

  @inlinable public static func bool(_ b: Bool) -> Term { b ? .atom(.true) : .atom(.false) }

  /// An integer of any size, normalised to `.int` when it fits.
  @inlinable public static func integer(_ v: BigInt) -> Term {
    if let small = Int(exactly: v) { return .int(small) }
    return .big(BigBox(v))
  }

  /// The integer value of `.int` or `.big`, if this is an integer.
  @inlinable public var bigValue: BigInt? {
    switch self {
    case .int(let i): return BigInt(i)
    case .big(let b): return b.value
    default: return nil
    }
  }

  @inlinable public var isBox: Bool {
    switch self {
    case .int, .float, .atom, .empty, .pid, .ref: return false
    default: return true
    }
  }

  @inlinable public var isList: Bool {
    switch self {
    case .empty, .cons: return true
    default: return false
    }
  }

  @inlinable public var isNumber: Bool {
    switch self {
    case .int, .float, .big: return true
    default: return false
    }
  }

  @inlinable public var isInteger: Bool {
    switch self {
    case .int, .big: return true
    default: return false
    }
  }

  @inlinable public var atomValue: Atom? {
    if case .atom(let a) = self { return a }
    return nil
  }

  /// A proper list from Swift elements.
  public static func list<S: BidirectionalCollection>(_ elements: S, tail: Term = .empty) -> Term
  where S.Element == Term {
    var result = tail
    for e in elements.reversed() { result = .cons(Cons(e, result)) }
    return result
  }

  /// A tuple from Swift elements.
  public static func tuple(_ elements: [Term]) -> Term { .tuple(Tuple.make(elements)) }

  /// A string as LFE sees it: a list of Unicode code points.
  public static func string(_ s: String) -> Term {
    list(s.unicodeScalars.map { Term.int(Int($0.value)) })
  }

  /// The elements of a proper list, or nil for an improper list or a non-list.
  public var listElements: [Term]? {
    var out: [Term] = []
    var cur = self
    while true {
      switch cur {
      case .empty: return out
      case .cons(let c):
        out.append(c.head)
        cur = c.tail
      default: return nil
      }
    }
  }
}

extension Term {
  /// The code points of a non-empty proper list of integers that all pass `printable`,
  /// else nil: the test both printers use to show a list as a string.
  func printableCodePoints(where printable: (Int) -> Bool) -> [UInt32]? {
    guard case .cons = self else { return nil }
    var out: [UInt32] = []
    var cur = self
    while true {
      switch cur {
      case .empty: return out
      case .cons(let c):
        guard case .int(let i) = c.head, printable(i) else { return nil }
        out.append(UInt32(i))
        cur = c.tail
      default: return nil
      }
    }
  }
}
