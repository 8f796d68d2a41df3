import BigInt

/// Integers as text in any radix (2...36), fast for huge ones.
///
/// BigInt's own conversion divides by one word at a time, a cost that grows with the
/// square of the number's length: `(bsl 1 10000000)` would take hours. Here a number is
/// split in halves by a power of the radix, each half converted on its own, and the
/// divisions are done by multiplying with a reciprocal found by Newton's method, so
/// the cost grows like a multiplication's (Karatsuba) times the number of halvings.
/// BigInt multiplies words one by one below 1,024 words, so at 2 to 10 million bits this
/// is only on a par with the direct way (8 s for 2 million bits, release build); a
/// faster multiplication is what would make it pay.
enum IntegerText {
  /// Numbers of at most this many words are converted by BigInt directly.
  static let directWords = 48

  static func string(_ value: BigInt, radix: Int = 10, uppercase: Bool = true) -> String {
    let digits = string(value.magnitude, radix: radix, uppercase: uppercase)
    return value.sign == .minus && !value.magnitude.isZero ? "-" + digits : digits
  }

  static func string(_ value: BigUInt, radix: Int = 10, uppercase: Bool = true) -> String {
    if value.words.count <= directWords { return String(value, radix: radix, uppercase: uppercase) }
    var converter = Converter(radix: radix, uppercase: uppercase)
    var out: [UInt8] = []
    out.reserveCapacity(value.bitWidth / 3 + 1)
    converter.write(value, pad: 0, into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// The powers of the radix used to split numbers, with their reciprocals, made once
  /// per conversion.
  private struct Converter {
    let radix: Int
    let uppercase: Bool
    /// `radix^(2^i * chunk)`: powers[0] is the largest power of the radix in a word.
    var powers: [Split] = []
    let chunkDigits: Int

    struct Split {
      let power: BigUInt
      /// Digits the power spans: a remainder is padded to this many.
      let digits: Int
      /// `floor(2^(2 * shift) / power)`, give or take a few.
      let reciprocal: BigUInt
      let shift: Int
    }

    init(radix: Int, uppercase: Bool) {
      self.radix = radix
      self.uppercase = uppercase
      var digits = 0
      var p: UInt64 = 1
      while p <= UInt64.max / UInt64(radix) {
        p *= UInt64(radix)
        digits += 1
      }
      chunkDigits = digits
      let first = BigUInt(p)
      powers.append(Converter.split(first, digits: digits))
    }

    static func split(_ power: BigUInt, digits: Int) -> Split {
      let shift = power.bitWidth
      return Split(power: power, digits: digits, reciprocal: reciprocal(power, bits: shift), shift: shift)
    }

    /// The split whose power has about half the bits of `value`, made as needed.
    mutating func splitFor(_ value: BigUInt) -> Split {
      while let last = powers.last, last.power.bitWidth * 2 < value.bitWidth {
        powers.append(Converter.split(last.power * last.power, digits: last.digits * 2))
      }
      // The smallest power whose square is at least as wide as `value`.
      let i = powers.firstIndex { $0.power.bitWidth * 2 >= value.bitWidth } ?? powers.count - 1
      return powers[i]
    }

    /// Appends the digits of `value`, left-padded with zeros to `pad` digits.
    mutating func write(_ value: BigUInt, pad: Int, into out: inout [UInt8]) {
      if value.words.count <= IntegerText.directWords {
        let text = String(value, radix: radix, uppercase: uppercase)
        if text.utf8.count < pad { out += Array(repeating: 0x30, count: pad - text.utf8.count) }
        out += text.utf8
        return
      }
      let split = splitFor(value)
      let (q, r) = Converter.divide(value, by: split)
      let highPad = max(0, pad - split.digits)
      if !q.isZero || highPad > 0 { write(q, pad: highPad, into: &out) }
      write(r, pad: split.digits, into: &out)
    }

    /// `value / split.power` and the remainder, for `value < power^2`: the quotient from
    /// the reciprocal is off by a few at most, and corrected.
    static func divide(_ value: BigUInt, by split: Split) -> (BigUInt, BigUInt) {
      let s = split.shift
      guard value.bitWidth <= 2 * s else { return value.quotientAndRemainder(dividingBy: split.power) }
      var q = ((value >> (s - 1)) * split.reciprocal) >> (s + 1)
      var product = q * split.power
      var steps = 0
      while product > value {
        q -= 1
        product -= split.power
        steps += 1
        if steps > 64 { return value.quotientAndRemainder(dividingBy: split.power) }
      }
      var r = value - product
      while r >= split.power {
        q += 1
        r -= split.power
        steps += 1
        if steps > 64 { return value.quotientAndRemainder(dividingBy: split.power) }
      }
      return (q, r)
    }

    /// About `2^(2 * bits) / d` for `d` of `bits` bits: Newton's iteration
    /// `x + x * (2^(2b) - d * x) / 2^(2b)`, from a reciprocal of `d`'s top half.
    static func reciprocal(_ d: BigUInt, bits: Int) -> BigUInt {
      if bits <= 64 * IntegerText.directWords {
        return (BigUInt(1) << (2 * bits)) / d
      }
      let h = bits / 2 + 1
      let top = d >> (bits - h)
      let x0 = BigInt(reciprocal(top, bits: h) << (bits - h))
      let one = BigInt(1) << (2 * bits)
      let error = one - BigInt(d) * x0
      let x1 = x0 + ((x0 * error) >> (2 * bits))
      return x1.sign == .minus ? 0 : x1.magnitude
    }
  }
}
