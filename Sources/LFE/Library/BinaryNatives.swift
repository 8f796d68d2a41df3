import BigInt

/// Building and matching binaries segment by segment, for the code the compiler emits
/// for `(binary ...)` expressions and patterns.
///
/// A segment's type and flags arrive as a list of atoms and `#(unit N)` tuples, its size
/// separately (the atom `default` when none was given), so a size may be a variable.
/// Values are packed bit by bit, as Erlang does: `(binary (1 (size 4)) (2 (size 4)))`
/// is one byte. Only whole bytes can be represented, so a result of another length is
/// `badarg`, and a match that would produce one fails.
enum BinaryNatives {
  static func natives() -> [NativeFunction] {
    [
      NativeFunction("lfe_tutor_native", "build_bits", 1) { ctx, a throws(Exception) in
        do throws(Exception) {
          return try build(a[0], atoms: ctx.atoms)
        } catch {
          // The error belongs to the `binary` form, not to a helper the user never called.
          var e = error
          e.deliberate = true
          throw e
        }
      },
      // Matching must never raise: a value that does not fit makes the pattern fail.
      NativeFunction("lfe_tutor_native", "match_segment", 4) { ctx, a throws(Exception) in
        match(a[0], offset: a[1], size: a[2], spec: a[3], atoms: ctx.atoms) ?? .false
      },
      NativeFunction("lfe_tutor_native", "match_end", 2) { ctx, a throws(Exception) in
        guard case .binary(let b) = a[0], case .int(let offset) = a[1] else { return .false }
        return .bool(offset == b.bytes.count * 8)
      },
    ]
  }

  /// The size the compilers pass for a segment written without one. No program can
  /// make this reference (its serial is past any `make_ref`), so a size variable bound
  /// to an atom is the error or failed match it is in LFE, never "the default".
  static let defaultSizeMark = UInt64.max - 1
  static let defaultSize = Term.ref(Ref(serial: defaultSizeMark))

  /// What a segment's spec list says.
  struct Spec {
    var type = "integer"
    var signed = false
    var little = false
    var unit: Int? = nil

    init(_ spec: Term, atoms: AtomTable) {
      for s in spec.listElements ?? [] {
        switch s {
        case .atom(let a):
          switch atoms.name(a) {
          case "signed": signed = true
          case "unsigned": signed = false
          case "little": little = true
          case "big", "native": little = false
          case "bytes": type = "binary"
          case "bits": type = "bitstring"
          case let name: type = name
          }
        case .tuple(let t) where t.count == 2:
          if case .int(let n) = t[1] { unit = n }
        default: break
        }
      }
    }

    /// The segment's length in bits for `size`, or nil for "the rest" (binaries);
    /// `.none` for a size that is not one, or one past `maxBits`.
    func bits(_ size: Term) -> Int?? {
      switch size {
      case .int(let n) where n >= 0:
        let u = unit ?? (type == "binary" ? 8 : 1)
        let (total, overflow) = n.multipliedReportingOverflow(by: u)
        if overflow || total > BinaryNatives.maxBits { return .none }
        return .some(total)
      case .ref(let r) where r.serial == BinaryNatives.defaultSizeMark:
        switch type {
        case "integer": return .some(8 * (unit ?? 1))
        case "float": return .some(64)
        case "binary", "bitstring": return .some(nil)
        default: return .some(nil)
        }
      default: return .none
      }
    }
  }

  /// The longest segment, in bits: 2 GB. Longer is `system_limit` (the runtime's
  /// `Limits.heapBytes` usually refuses much less, before anything is built).
  static let maxBits = 1 << 34

  /// Bits appended most significant first. Every append costs time in proportion to
  /// its bits: integers arrive as bytes, never as repeated shifts of a bignum.
  struct BitWriter {
    var bytes: [UInt8] = []
    var count = 0

    /// Appends the low `n` bits of `value` (`ceil(n / 8)` bytes, most significant
    /// first, the first holding the `n % 8` top bits when `n` is not whole bytes).
    mutating func append(rightAligned value: [UInt8], bits n: Int) {
      if count % 8 == 0 && n % 8 == 0 {
        bytes += value
        count += n
        return
      }
      let skip = value.count * 8 - n
      for i in 0..<n {
        let j = skip + i
        if count % 8 == 0 { bytes.append(0) }
        if (value[j / 8] >> (7 - j % 8)) & 1 == 1 { bytes[bytes.count - 1] |= UInt8(0x80 >> (count % 8)) }
        count += 1
      }
    }

    mutating func append(bytes b: [UInt8]) { append(rightAligned: b, bits: b.count * 8) }

    /// Appends the low `n` bits of `x`, `n` and the bits so far being whole bytes: the
    /// sign's padding is written straight in, so a wide segment of a small number
    /// (`(binary (0 (size 8000000000)))`) is never made twice.
    mutating func append(wholeBytesOf x: BigInt, bits n: Int) {
      let negative = x.sign == .minus
      let serial = BigIntBytes.bigEndian(negative ? x.magnitude - 1 : x.magnitude)
      let total = n / 8
      let take = min(total, serial.count)
      bytes.append(contentsOf: repeatElement(negative ? 0xFF : 0, count: total - take))
      for byte in serial[(serial.count - take)...] { bytes.append(negative ? ~byte : byte) }
      count += n
    }
  }

  /// The low `n` bits of `x` in two's complement, as `BitWriter` takes them: in
  /// `ceil(n / 8)` bytes, most significant first.
  static func twosComplement(_ x: BigInt, bits n: Int) -> [UInt8] {
    var w = BitWriter()
    w.append(wholeBytesOf: x, bits: (n + 7) / 8 * 8)
    if n % 8 != 0, !w.bytes.isEmpty { w.bytes[0] &= UInt8((1 << (n % 8)) - 1) }
    return w.bytes
  }

  /// The bits every segment will write, so the room can be asked for before building.
  private static func plannedBits(_ segs: [Term], atoms: AtomTable) throws(Exception) -> Int {
    var total = 0
    for seg in segs {
      guard case .tuple(let t) = seg, t.count == 3 else { throw .badarg }
      let spec = Spec(t[2], atoms: atoms)
      guard let bits = spec.bits(t[1]) else {
        // A size that is a size, but too large for `maxBits`, is a limit; others are wrong.
        if case .int(let n) = t[1], n >= 0 {
          throw Exception.limitReached("a binary segment of more than \((maxBits / 8) >> 20) MB")
        }
        throw .badarg
      }
      var n = bits ?? 0
      if bits == nil, case .binary(let b) = t[0] { n = b.bytes.count * 8 }
      total += min(n, maxBits)
      if total > maxBits { throw Exception.limitReached("a binary of more than \((maxBits / 8) >> 20) MB") }
    }
    return total
  }

  /// `[#(value size spec) ...]` as a binary.
  static func build(_ segments: Term, atoms: AtomTable) throws(Exception) -> Term {
    guard let segs = segments.listElements else { throw .badarg }
    var w = BitWriter()
    let planned = try plannedBits(segs, atoms: atoms)
    try HeapAccount.reserve(planned / 8)
    w.bytes.reserveCapacity(planned / 8 + 1)
    for seg in segs {
      guard case .tuple(let t) = seg, t.count == 3 else { throw .badarg }
      let spec = Spec(t[2], atoms: atoms)
      guard let bits = spec.bits(t[1]) else { throw .badarg }
      let v = t[0]
      switch spec.type {
      case "integer":
        guard let x = v.bigValue, let n = bits else { throw .badarg }
        if spec.little && n % 8 == 0 {
          w.append(bytes: twosComplement(x, bits: n).reversed())
        } else if w.count % 8 == 0 && n % 8 == 0 {
          w.append(wholeBytesOf: x, bits: n)
        } else {
          w.append(rightAligned: twosComplement(x, bits: n), bits: n)
        }
      case "float":
        guard v.isNumber, let n = bits else { throw .badarg }
        let d = (try? Arith.operandDouble(v)) ?? 0
        var raw: [UInt8]
        switch n {
        case 64: raw = withUnsafeBytes(of: d.bitPattern.bigEndian) { Array($0) }
        case 32: raw = withUnsafeBytes(of: Float(d).bitPattern.bigEndian) { Array($0) }
        default: throw .badarg
        }
        if spec.little { raw.reverse() }
        w.append(bytes: raw)
      case "binary", "bitstring":
        guard case .binary(let b) = v else { throw .badarg }
        if let n = bits {
          guard n <= b.bytes.count * 8 else { throw .badarg }
          let whole = n / 8
          w.append(bytes: Array(b.bytes.prefix(whole)))
          if n % 8 != 0 { w.append(rightAligned: [b.bytes[whole] >> (8 - n % 8)], bits: n % 8) }
        } else {
          w.append(bytes: b.bytes)
        }
      case "utf8", "utf16", "utf32":
        guard case .int(let c) = v, let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: c)), c >= 0 else {
          throw .badarg
        }
        switch spec.type {
        case "utf8": w.append(bytes: Array(String(Character(scalar)).utf8))
        case "utf16":
          var units: [UInt8] = []
          for u in String(Character(scalar)).utf16 {
            units += spec.little ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)]
          }
          w.append(bytes: units)
        default:
          w.append(rightAligned: twosComplement(BigInt(c), bits: 32), bits: 32)
        }
      default:
        throw .badarg
      }
    }
    // A bitstring that is not whole bytes has no representation here.
    guard w.count % 8 == 0 else { throw .badarg }
    return .binary(Binary(w.bytes))
  }

  /// Reads `n` bits of `bytes` from bit `offset`, most significant first, as an
  /// unsigned number: the bits are gathered into bytes first, then made a number at once.
  private static func read(_ bytes: [UInt8], offset: Int, bits n: Int) -> BigInt {
    BigInt(BigIntBytes.magnitude(bigEndian: rightAligned(bytes, offset: offset, bits: n)))
  }

  /// `n` bits of `bytes` from bit `offset` in `ceil(n / 8)` bytes, right-aligned.
  private static func rightAligned(_ bytes: [UInt8], offset: Int, bits n: Int) -> [UInt8] {
    if offset % 8 == 0 && n % 8 == 0 { return Array(bytes[(offset / 8)..<(offset / 8 + n / 8)]) }
    var out = [UInt8](repeating: 0, count: (n + 7) / 8)
    let skip = out.count * 8 - n
    for i in 0..<n {
      let p = offset + i
      if (bytes[p / 8] >> (7 - p % 8)) & 1 == 1 {
        let j = skip + i
        out[j / 8] |= UInt8(0x80 >> (j % 8))
      }
    }
    return out
  }

  private static func readBytes(_ bytes: [UInt8], offset: Int, count: Int) -> [UInt8] {
    rightAligned(bytes, offset: offset, bits: count * 8)
  }

  /// One segment of `bin` from bit `offset`: `#(value next-offset)`, or nil when it does not match.
  static func match(_ bin: Term, offset: Term, size: Term, spec specTerm: Term, atoms: AtomTable) -> Term? {
    guard case .binary(let b) = bin, case .int(let offset) = offset else { return nil }
    let spec = Spec(specTerm, atoms: atoms)
    let total = b.bytes.count * 8
    let left = total - offset
    guard let bits = spec.bits(size) else { return nil }
    func result(_ v: Term, _ n: Int) -> Term { .tuple([v, .int(offset + n)]) }
    switch spec.type {
    case "integer":
      guard let n = bits, n <= left else { return nil }
      var x: BigInt
      if spec.little && n % 8 == 0 {
        x = BigInt(BigIntBytes.magnitude(littleEndian: readBytes(b.bytes, offset: offset, count: n / 8)))
      } else {
        x = read(b.bytes, offset: offset, bits: n)
      }
      if spec.signed && n > 0 && (x >> (n - 1)) & 1 == 1 { x -= BigInt(1) << n }
      return result(.integer(x), n)
    case "float":
      guard let n = bits, n <= left, n == 32 || n == 64 else { return nil }
      var raw = readBytes(b.bytes, offset: offset, count: n / 8)
      if spec.little { raw.reverse() }
      let pattern = raw.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      let d = n == 64 ? Double(bitPattern: pattern) : Double(Float(bitPattern: UInt32(pattern)))
      guard d.isFinite else { return nil }
      return result(.float(d), n)
    case "binary", "bitstring":
      let n = bits ?? left
      guard n <= left, n % 8 == 0 else { return nil }
      return result(.binary(Binary(readBytes(b.bytes, offset: offset, count: n / 8))), n)
    case "utf8":
      guard offset % 8 == 0, left >= 8 else { return nil }
      let start = offset / 8
      let lead = b.bytes[start]
      let length = lead < 0x80 ? 1 : lead >> 5 == 0x6 ? 2 : lead >> 4 == 0xE ? 3 : lead >> 3 == 0x1E ? 4 : 0
      guard length > 0, start + length <= b.bytes.count,
        let s = String(validating: b.bytes[start..<(start + length)], as: UTF8.self),
        let c = s.unicodeScalars.first
      else { return nil }
      return result(.int(Int(c.value)), length * 8)
    case "utf32":
      guard left >= 32 else { return nil }
      let c = Int(read(b.bytes, offset: offset, bits: 32))
      guard Unicode.Scalar(UInt32(c)) != nil else { return nil }
      return result(.int(c), 32)
    default:
      return nil
    }
  }
}
