/// `erlang:phash/2`, Erlang's older portable hash. `dict` and `sets` place their entries
/// in buckets by it, so the order `dict:to_list` returns and the way a dict prints match
/// real Erlang only when this gives the same numbers as Erlang does.
///
/// The hash runs over the term left to right with 32-bit wrapping arithmetic: atoms add
/// a hash of their name, small integers their bytes, lists each element then their tail,
/// tuples their elements then their size, each step scaled by its own prime.
enum OldHash {
  static func natives() -> [NativeFunction] {
    [
      NativeFunction("erlang", "phash", 2) { ctx, a throws(Exception) in
        guard case .int(let range) = a[1], range >= 0, range <= 1 << 32 else { throw .badarg }
        let h = UInt64(hash(a[0], ctx.atoms))
        return .int(Int(range == 0 ? h + 1 : h % UInt64(range) + 1))
      }
    ]
  }

  private static let p1: UInt32 = 268_440_163
  private static let p2: UInt32 = 268_439_161
  private static let p3: UInt32 = 268_435_459
  private static let p4: UInt32 = 268_436_141
  private static let p6: UInt32 = 268_437_017
  private static let p8: UInt32 = 268_437_511
  private static let p9: UInt32 = 268_439_627

  /// Work still to do on the explicit stack: a term to hash, or a step that closes a
  /// list or tuple once its parts are done.
  private enum Step {
    case term(Term)
    case endList
    case listByte(UInt32)
    case endTuple(UInt32)
  }

  static func hash(_ term: Term, _ atoms: AtomTable) -> UInt32 {
    var h: UInt32 = 0
    func bytes(_ x: UInt32, _ prime: UInt32) {
      for shift in [0, 8, 16, 24] as [UInt32] { h = h &* prime &+ ((x >> shift) & 0xFF) }
    }
    var stack: [Step] = [.term(term)]
    while let step = stack.popLast() {
      switch step {
      case .endList: h = h &* p8
      case .listByte(let v): h = h &* p2 &+ v
      case .endTuple(let n): h = h &* p9 &+ n
      case .term(let t):
        switch t {
        case .empty: h = h &* p3 &+ 1
        case .atom(let a): h = h &* p1 &+ atomHash(atoms.name(a))
        case .int(let i):
          let m = i.magnitude
          bytes(UInt32(truncatingIfNeeded: m), p2)
          if m >> 32 != 0 { bytes(UInt32(truncatingIfNeeded: m >> 32), p2) }
          h = h &* (i < 0 ? p4 : p3)
        case .float(let f):
          let bits = (f == 0 ? 0.0 : f).bitPattern
          h = h &* p6 &+ (UInt32(truncatingIfNeeded: bits) ^ UInt32(truncatingIfNeeded: bits >> 32))
        case .binary(let b):
          for byte in b.bytes { h = h &* p1 &+ UInt32(byte) }
          h = h &* p4 &+ UInt32(truncatingIfNeeded: b.bytes.count)
        case .cons:
          // The elements in order, then whatever ends the list, then the close.
          var parts: [Term] = []
          var rest = t
          while case .cons(let c) = rest {
            parts.append(c.head)
            rest = c.tail
          }
          stack.append(.endList)
          stack.append(.term(rest))
          // A small integer 0..255 in a list (a character) takes a shorter step.
          for p in parts.reversed() {
            if case .int(let i) = p, i >= 0, i < 256 {
              stack.append(.listByte(UInt32(i)))
            } else {
              stack.append(.term(p))
            }
          }
        case .tuple(let tu):
          stack.append(.endTuple(UInt32(tu.count)))
          for i in stride(from: tu.count - 1, through: 0, by: -1) { stack.append(.term(tu[i])) }
        case .big(let b):
          // The magnitude's bytes, low first, in 64-bit digits; the top digit gives only
          // four bytes when its high half is zero.
          let words = Array(b.value.magnitude.words)
          for (i, w) in words.enumerated() {
            let n = i == words.count - 1 && w >> 32 == 0 ? 4 : 8
            for k in 0..<n { h = h &* p2 &+ UInt32((w >> (8 * UInt(k))) & 0xFF) }
          }
          h = h &* (b.value.signum() < 0 ? p4 : p3)
        default:
          // Pids, refs, funs and maps: stable within a run, not Erlang's numbers.
          h = h &* p1 &+ UInt32(truncatingIfNeeded: ErlangNatives.phash(t, atoms))
        }
      }
    }
    return h
  }

  /// The hash an atom table keeps for a name (PJW's hash over its bytes, a two-byte
  /// UTF-8 Latin-1 letter taken as one).
  static func atomHash(_ name: String) -> UInt32 {
    let b = Array(name.utf8)
    var h: UInt32 = 0
    var i = 0
    while i < b.count {
      var v = UInt32(b[i])
      i += 1
      if i < b.count, v & 0xFE == 0xC2, b[i] & 0xC0 == 0x80 {
        v = ((v << 6) | UInt32(b[i] & 0x3F)) & 0xFF
        i += 1
      }
      h = (h << 4) &+ v
      let g = h & 0xF000_0000
      if g != 0 {
        h ^= g >> 24
        h ^= g
      }
    }
    return h
  }
}
