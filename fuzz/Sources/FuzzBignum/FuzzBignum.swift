import BigInt
import FuzzDriver
import LFE

/// Products, quotients and integer text of bignums, against BigInt's own (slow but
/// plain) arithmetic. The input's first byte picks signs and a radix, the second how
/// many times each operand's bytes repeat, so that short inputs also reach the sizes
/// where the fast algorithms take over (Karatsuba, the transform, Newton division).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBignum(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data, size >= 4 else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let control = bytes[0]
  let repeats = Int(bytes[1] % 16) + 1
  let body = bytes[2...]
  let split = body.startIndex + body.count / 2
  let a = number(body[..<split], repeats: repeats, negative: control & 1 != 0)
  let b = number(body[split...], repeats: max(1, repeats / 2), negative: control & 2 != 0)
  let radix = Int(control >> 2) % 35 + 2
  check(a, b, radix: radix)
  return 0
}

/// The bytes, repeated, as a number; each repeat flips one bit so no run is periodic.
private func number(_ part: ArraySlice<UInt8>, repeats: Int, negative: Bool) -> BigInt {
  var words: [UInt] = []
  var word: UInt = 0
  var filled = 0
  for r in 0..<repeats {
    for (i, byte) in part.enumerated() {
      let b = i == 0 ? byte ^ UInt8(truncatingIfNeeded: r) : byte
      word |= UInt(b) << (8 * filled)
      filled += 1
      if filled == 8 {
        words.append(word)
        word = 0
        filled = 0
      }
    }
  }
  if filled > 0 { words.append(word) }
  let m = BigInt(BigUInt(words: words))
  return negative ? -m : m
}

private func check(_ a: BigInt, _ b: BigInt, radix: Int) {
  let x = Term.integer(a)
  let y = Term.integer(b)
  guard case .some(let product) = try? Arith.mul(x, y), product == Term.integer(a * b) else {
    fatalError("product differs from BigInt's")
  }
  if !b.isZero {
    let (q, r) = a.quotientAndRemainder(dividingBy: b)
    guard (try? Arith.div(x, y)) == Term.integer(q), (try? Arith.rem(x, y)) == Term.integer(r) else {
      fatalError("quotient or remainder differs from BigInt's")
    }
  }
  guard let text = TermConversion.integerText(x, radix: radix),
    text == String(a, radix: radix, uppercase: true)
  else { fatalError("integer text differs from BigInt's") }
  guard TermConversion.parseInteger(text.unicodeScalars.map(\.value), radix: radix) == x else {
    fatalError("integer text does not read back")
  }
}

@_cdecl("FuzzBignum_main")
public func fuzzBignumMain(_ argc: CInt, _ argv: FuzzArguments) -> CInt {
  runLibFuzzer(argc, argv, fuzzBignum)
}
