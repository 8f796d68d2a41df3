/// Clauses that begin with the same tests: a failing clause skips the tests the next
/// clause would only repeat.
///
/// `(receive ((tuple 'token 0 p) ...) ((tuple 'token k p) ...))` compiles each clause's
/// pattern on its own, so when the first clause fails on `0` the second checks the tuple,
/// its arity and `'token` all over again. Those tests read the same registers and write
/// the same registers with the same values, so the failing test may jump past them. And
/// when the next clause's first differing test is the very test that just failed, it
/// fails again: the jump goes on to that test's own failure target.
extension FunctionBuilder {
  func shareClausePrefixes(jumpTargets: Set<Int>) {
    for j in instructions.indices {
      guard let field = Self.failField(instructions[j].op) else { continue }
      var target = instructions[j][field]
      // A few hops at most: each one skips a clause that cannot match.
      for _ in 0..<8 {
        guard target > j, target < instructions.count else { break }
        let k = sharedPrefix(endingAt: j, startingAt: Int(target), jumpTargets: jumpTargets)
        let next = Int(target) + k
        if next < instructions.count, sameTest(instructions[next], instructions[j]),
          let f = Self.failField(instructions[next].op)
        {
          target = instructions[next][f]
          continue
        }
        target = Int32(next)
        break
      }
      instructions[j][field] = target
    }
  }

  /// The longest run of pure tests and reads ending just before `j` that the code at
  /// `start` begins with, and that may be skipped because it was just run.
  private func sharedPrefix(endingAt j: Int, startingAt start: Int, jumpTargets: Set<Int>) -> Int {
    var best = 0
    var k = 1
    while k <= 16, j - k >= 0, start + k <= instructions.count {
      // Every instruction of the run must have run on the way to `j`: nothing may jump
      // into its middle or to `j` itself.
      if jumpTargets.contains(j - k + 1) { break }
      guard Self.access(instructions[j - k].op) != nil else { break }
      let run = (0..<k).allSatisfy { sameTest(instructions[j - k + $0], instructions[start + $0]) }
      if run && rerunnable(j - k..<j) { best = k }
      k += 1
    }
    return best
  }

  /// True when running `range` a second time leaves every register as the first run
  /// left it: no instruction reads a register that it or a later one writes.
  private func rerunnable(_ range: Range<Int>) -> Bool {
    var writtenLater: Set<Int32> = []
    for i in range.reversed() {
      guard let (reads, write) = Self.access(instructions[i].op).map({ $0(instructions[i]) }) else {
        return false
      }
      if let write { writtenLater.insert(write) }
      if reads.contains(where: { writtenLater.contains($0) }) { return false }
    }
    return true
  }

  /// The same operation on the same registers, whatever its failure target.
  private func sameTest(_ x: Instruction, _ y: Instruction) -> Bool {
    guard x.op == y.op, Self.access(x.op) != nil else { return false }
    switch x.op {
    case .isEqConst:
      return x.a == y.a && Term.exactlyEqual(constants[Int(x.b)], constants[Int(y.b)])
    case .isTaggedTuple:
      return x.a == y.a && x.b & 0xFF == y.b & 0xFF
        && Term.exactlyEqual(constants[Int(x.b >> 8)], constants[Int(y.b >> 8)])
    case .isCons, .isNil, .isMap:
      return x.a == y.a
    case .isTupleOfArity, .typeTest, .isEqReg:
      return x.a == y.a && x.b == y.b
    default:
      return x.a == y.a && x.b == y.b && x.c == y.c
    }
  }

  /// Which operand holds the target a failed test jumps to (0 a, 1 b, 2 c).
  static func failField(_ op: Opcode) -> Int? {
    switch op {
    case .isTupleOfArity, .isTaggedTuple, .isEqConst, .isEqReg, .typeTest: return 2
    case .isCons, .isNil, .isMap: return 1
    default: return nil
    }
  }

  /// The registers a pure pattern instruction reads and the one it writes; nil for any
  /// other instruction.
  static func access(_ op: Opcode) -> ((Instruction) -> ([Int32], Int32?))? {
    switch op {
    case .isTupleOfArity, .isTaggedTuple, .isEqConst, .isCons, .isNil, .isMap, .typeTest:
      return { ([$0.a], nil) }
    case .isEqReg: return { ([$0.a, $0.b], nil) }
    case .getElement: return { ([$0.c], $0.a) }
    case .getHead, .getTail: return { ([$0.b], $0.a) }
    default: return nil
    }
  }
}

extension Instruction {
  /// Operand 0 (a), 1 (b) or 2 (c).
  subscript(field: Int) -> Int32 {
    get { field == 0 ? a : (field == 1 ? b : c) }
    set {
      switch field {
      case 0: a = newValue
      case 1: b = newValue
      default: c = newValue
      }
    }
  }
}
