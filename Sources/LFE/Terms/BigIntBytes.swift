import BigInt

/// Bignum magnitudes to and from bytes, in time proportional to their length: going
/// through the machine words, where shifting a byte at a time in or out of a bignum
/// costs time in proportion to the square of its length (hours for the 4 MB numbers a
/// binary can hold).
enum BigIntBytes {
  /// The magnitude's bytes, least significant first, without high zero bytes (none
  /// for zero).
  static func littleEndian(_ m: BigUInt) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(m.words.count * 8)
    for word in m.words {
      var w = word
      for _ in 0..<(UInt.bitWidth / 8) {
        out.append(UInt8(truncatingIfNeeded: w))
        w >>= 8
      }
    }
    while out.last == 0 { out.removeLast() }
    return out
  }

  /// The magnitude's bytes, most significant first, without leading zeros.
  static func bigEndian(_ m: BigUInt) -> [UInt8] { littleEndian(m).reversed() }

  /// The number whose bytes, least significant first, are `bytes`.
  static func magnitude<C: Collection<UInt8>>(littleEndian bytes: C) -> BigUInt {
    let perWord = UInt.bitWidth / 8
    var words = [UInt](repeating: 0, count: (bytes.count + perWord - 1) / perWord)
    for (i, byte) in bytes.enumerated() {
      words[i / perWord] |= UInt(byte) << (8 * (i % perWord))
    }
    return BigUInt(words: words)
  }

  /// The number whose bytes, most significant first, are `bytes`.
  static func magnitude<C: BidirectionalCollection<UInt8>>(bigEndian bytes: C) -> BigUInt {
    magnitude(littleEndian: bytes.reversed())
  }
}
