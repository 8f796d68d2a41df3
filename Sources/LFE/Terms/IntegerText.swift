import BigInt

/// Integers as text in any radix (2...36) and back, fast for huge ones.
///
/// BigInt's own conversions go one word at a time, a cost that grows with the square of
/// the number's length: `(bsl 1 10000000)` took minutes. Here a number is split in
/// halves by a power of the radix, each half converted on its own, and the divisions
/// are done by multiplying with a reciprocal (`BigDivision.Divisor`); reading text
/// splits the digits in halves the same way and joins them as `high * radix^k + low`.
/// With `BigMultiplication`'s products the cost grows like a product's times the
/// number of halvings. The powers of the radix are made once per conversion.
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

  /// The number that `digits` (values below `radix`, most significant first) spell.
  static func value(digits: [UInt8], radix: Int) -> BigUInt {
    if digits.isEmpty { return 0 }
    var converter = Converter(radix: radix, uppercase: true)
    return digits.withUnsafeBufferPointer { converter.read($0.baseAddress!, $0.count) }
  }

  /// The value of a digit in any radix up to 36 (either case), or nil.
  static func digitValue(_ c: UInt32) -> UInt8? {
    switch c {
    case 0x30...0x39: return UInt8(c - 0x30)
    case 0x41...0x5A: return UInt8(c - 0x41 + 10)
    case 0x61...0x7A: return UInt8(c - 0x61 + 10)
    default: return nil
    }
  }

  /// The powers of the radix used to split numbers, with divisors made as needed.
  private struct Converter {
    let radix: Int
    let uppercase: Bool
    /// `radix^(2^i * chunkDigits)`: powers[0] is the largest power of the radix in a word.
    var powers: [BigUInt] = []
    /// Digits each power spans: a remainder is padded to this many.
    var digits: [Int] = []
    var divisors: [BigDivision.Divisor?] = []
    let chunkDigits: Int

    init(radix: Int, uppercase: Bool) {
      self.radix = radix
      self.uppercase = uppercase
      var count = 0
      var p: UInt = 1
      while p <= UInt.max / UInt(radix) {
        p *= UInt(radix)
        count += 1
      }
      chunkDigits = count
      powers.append(BigUInt(p))
      digits.append(count)
      divisors.append(nil)
    }

    mutating func addPower() {
      let last = powers.count - 1
      powers.append(BigMultiplication.square(powers[last]))
      digits.append(digits[last] * 2)
      divisors.append(nil)
    }

    mutating func divisor(_ i: Int) -> BigDivision.Divisor {
      if let d = divisors[i] { return d }
      let d = BigDivision.Divisor(powers[i])
      divisors[i] = d
      return d
    }

    /// Appends the digits of `value`, left-padded with zeros to `pad` digits.
    mutating func write(_ value: BigUInt, pad: Int, into out: inout [UInt8]) {
      if value.words.count <= IntegerText.directWords {
        let text = String(value, radix: radix, uppercase: uppercase)
        if text.utf8.count < pad { out += Array(repeating: 0x30, count: pad - text.utf8.count) }
        out += text.utf8
        return
      }
      // The smallest power whose square is at least as wide as `value`.
      while powers[powers.count - 1].bitWidth * 2 < value.bitWidth { addPower() }
      let i = powers.firstIndex { $0.bitWidth * 2 >= value.bitWidth } ?? powers.count - 1
      let (q, r) = divisor(i).divide(value)
      let highPad = max(0, pad - digits[i])
      if !q.isZero || highPad > 0 { write(q, pad: highPad, into: &out) }
      write(r, pad: digits[i], into: &out)
    }

    /// The value of `count` digits at `d`.
    mutating func read(_ d: UnsafePointer<UInt8>, _ count: Int) -> BigUInt {
      if count <= chunkDigits * IntegerText.directWords { return readDirectly(d, count) }
      // The low part is the widest power's worth of digits that leaves a high part.
      while digits[digits.count - 1] * 2 < count { addPower() }
      let i = digits.lastIndex { $0 < count } ?? 0
      let k = digits[i]
      let high = read(d, count - k)
      let low = read(d + (count - k), k)
      return BigMultiplication.product(high, powers[i]) + low
    }

    /// Word by word: each chunk of digits that fits a word multiplies in at once.
    func readDirectly(_ d: UnsafePointer<UInt8>, _ count: Int) -> BigUInt {
      var words: [UInt] = []
      words.reserveCapacity(count / chunkDigits + 2)
      var i = 0
      let first = count % chunkDigits == 0 ? chunkDigits : count % chunkDigits
      while i < count {
        let end = i == 0 ? first : i + chunkDigits
        var chunk: UInt = 0
        var scale: UInt = 1
        for j in i..<end {
          chunk = chunk &* UInt(radix) &+ UInt(d[j])
          scale = scale &* UInt(radix)
        }
        var carry = chunk
        for w in words.indices {
          let (hi, lo) = words[w].multipliedFullWidth(by: scale)
          let (s, o) = lo.addingReportingOverflow(carry)
          words[w] = s
          carry = hi &+ (o ? 1 : 0)
        }
        if carry != 0 { words.append(carry) }
        i = end
      }
      return BigUInt(words: words)
    }
  }
}
