/// One VM instruction: fixed size, operands are register numbers (relative to the
/// frame's base), constant indices, jump targets (absolute instruction indices) or
/// small immediates, depending on the opcode.
public struct Instruction: Sendable {
  public var op: Opcode
  public var a: Int32
  public var b: Int32
  public var c: Int32

  /// `send` with these in `a` stores no result; with `sendMoveNoResult` the message
  /// register is a temporary that nothing reads again, so the message moves out of it.
  /// `isTaggedTuple` packs the arity and the tag's constant index into one operand.
  static let taggedTupleMaxArity = 255
  static let taggedTupleMaxConstant = 1 << 23
  static func taggedTuple(arity: Int, constant: Int) -> Int { constant << 8 | arity }

  static let sendCopyNoResult = -1
  static let sendMoveNoResult = -2

  // Operands that index something (registers, constants, jump targets) are never
  // negative: widened as unsigned, they cost a plain 32-bit load in the VM's loop
  // instead of a sign extension each. Immediates keep their sign: `Int(b)`.
  @inline(__always) var ra: Int { Int(UInt32(bitPattern: a)) }
  @inline(__always) var rb: Int { Int(UInt32(bitPattern: b)) }
  @inline(__always) var rc: Int { Int(UInt32(bitPattern: c)) }

  @inlinable init(_ op: Opcode, _ a: Int32 = 0, _ b: Int32 = 0, _ c: Int32 = 0) {
    self.op = op
    self.a = a
    self.b = b
    self.c = c
  }
}

/// The operations. `r` is a register, `k` a constant index, `L` a jump target.
public enum Opcode: UInt8, Sendable {
  // Data movement.
  case move  // r[a] = r[b]
  case loadConst  // r[a] = k[b]
  case loadInt  // r[a] = .int(b)
  case clear  // r[a] = .empty (drops a dead value so its box can be freed)

  // Construction.
  case makeCons  // r[a] = [r[b] | r[c]]
  case makeTuple  // r[a] = {r[b] ..< r[b+c]}
  // r[a] = the tuple in r[c] with the elements at the positions set in the next word's
  // a (a bit mask) taken from r[b], r[b+1], ... in order. When r[c] is the tuple's only
  // holder, its cell is rewritten and moves to r[a]; otherwise a new one is made. The
  // compiler emits it only where r[c] is dead (a matched message, say).
  case updateTuple
  case makeFun  // r[a] = fun of function[b] closing over r[c] ..< r[c + captures]
  case makeMap  // r[a] = #M(r[b] ..< r[b + 2c]) (keys and values alternating)
  case mapUpdate  // r[a] = r[a] updated with pairs r[b] ..< r[b + 2c]; badmap if not a map

  // Arithmetic and comparison with a small-integer fast path.
  case add  // r[a] = r[b] + r[c]
  case sub
  case mul
  case addImm  // r[a] = r[b] + c
  case lt  // r[a] = r[b] < r[c]   (bool atom)
  case le
  case gt
  case ge
  case eq  // ==
  case ne  // /=
  case eqExact  // =:=
  case neExact  // =/=

  // Control.
  case jump  // goto a
  case jumpIfFalse  // if r[a] is 'false goto b; if not 'true raise {badarg-like} per c
  case jumpIfNotLt  // if !(r[a] < r[b]) goto c   (fused compare-and-branch)
  case jumpIfNotLtImm  // if !(r[a] < b) goto c
  case jumpIfNotEqImm  // if r[a] != .int(b) goto c
  case jumpIfEqImm  // if r[a] == .int(b) goto c
  case ret  // return r[a]

  // Calls. Arguments sit in r[b] ..< r[b + arity]; the callee's window starts at b.
  case call  // r[a... dest] : call local function[c] with window at b; result to r[a]
  case tailCall  // tail call local function[c], args at r[b], but arg i stays in r[i] if bit i of a
  case callRemote  // r[a] = import[c](args at b); import gives module, function, arity
  case tailCallRemote
  case callFun  // r[a] = funcall r[c] with args at r[b] (arity in the next word)
  case tailCallFun
  case callNative  // r[a] = native[c](args at r[b]) (arity known to the native entry)
  case callApply  // r[a] = apply(r[b] module-or-fun, r[b+1] function, r[b+2] args) variant c
  case tailCallApply
  case callDynamic  // r[a] = (r[b]):(r[b+1])(args at r[b+2] ..., count c)

  // Patterns: on failure jump to the given target.
  case isTupleOfArity  // r[a] is a tuple of arity b else goto c
  // r[a] is a tuple of arity b & 0xFF whose first element is the atom k[b >> 8], else goto c
  case isTaggedTuple
  case getElement  // r[a] = element b (0-based) of tuple r[c]
  case isCons  // r[a] is a cons else goto b
  case getHead  // r[a] = hd r[b]
  case getTail  // r[a] = tl r[b]
  case isNil  // r[a] is () else goto b
  case isEqConst  // r[a] =:= k[b] else goto c
  case isEqReg  // r[a] =:= r[b] else goto c
  case isMap  // r[a] is a map else goto b
  case mapGet  // r[a] = r[b][r[c]] else goto next word's a
  case typeTest  // r[a] passes type test b else goto c (see TypeTest)

  // Messages.
  // r[a] = message at the cursor, uncounted (the mailbox still owns it), or goto b if
  // the cursor is at the end. Until removeMessage or nextMessage, nothing writes r[a].
  case peekMessage
  case removeMessage  // take the message at the cursor out, its reference now r[a]'s; reset the cursor
  // forget r[b] (uncounted); advance the cursor; goto a, which is the receive's
  // peekMessage (the VM runs that peek itself and goes on after it)
  case nextMessage
  case wait  // suspend until a message arrives; then goto a
  case waitTimeout  // like wait, with a timeout r[b] (ms or 'infinity); on timeout goto c
  case send  // r[a] = r[c]; send r[c] to r[b]; a < 0: no result (see Instruction.sendCopyNoResult)

  // Exceptions.
  case tryBegin  // push a handler: on exception put #(class reason stack) in r[a], goto b
  case tryEnd  // pop the innermost handler
  case raise  // raise class r[a] reason r[b] (with stack r[c] when c >= 0)
  case raiseError  // raise error with reason k[a] combined with r[b] per c (see ErrorShape)

  // Process intrinsics.
  case selfPid  // r[a] = self()

  /// Extra operand word for instructions that need four operands; never executed.
  case data
}

/// Type tests used by guards and patterns compiled to `typeTest`.
public enum TypeTest: Int32, Sendable {
  case atom, integer, float, number, list, tuple, binary, map, pid, reference, function, boolean
}

/// How `raiseError` builds its reason.
public enum ErrorShape: Int32, Sendable {
  case plain  // reason is k[a]
  case tagged  // reason is {k[a], r[b]}
  case functionClause  // function_clause, with the arguments r0 ..< arity in the stack entry
}
