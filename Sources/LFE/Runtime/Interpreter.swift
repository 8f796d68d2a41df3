/// The VM: runs one process for a slice of reductions over its explicit frame stack.
///
/// The loop keeps the hot state in locals (program counter, register window, code and
/// constants as raw pointers) and refers to functions through `Unmanaged`, so a call
/// or a return touches no reference count. Calls never recurse on the host stack.
extension Runtime {
  /// Runs `p` until it waits, exits or has used `budget` reductions; returns reductions used.
  func execute(_ p: Process, reductions budget: Int) -> Int {
    var reds = 0
    var top = p.frames + (p.frameCount - 1)
    var fnU = top.pointee.function
    var code = fnU._withUnsafeGuaranteedRef { $0.codeBase.unsafelyUnwrapped }
    var consts = fnU._withUnsafeGuaranteedRef { $0.constantBase.unsafelyUnwrapped }
    var base = Int(top.pointee.base)
    var regs = p.registers + base
    // The next instruction, as a pointer: one register instead of a base and an index.
    var ip = code + Int(p.pc)

    // The arithmetic of calls and returns wraps instead of trapping: frame counts and
    // register numbers stay far below the limits that `Limits` checks.

    /// Where `ip` is in the current function, as the frame records it.
    @inline(__always) func offset(of ip: UnsafeMutablePointer<Instruction>) -> Int32 {
      Int32(
        truncatingIfNeeded: (UInt(bitPattern: ip) &- UInt(bitPattern: code))
          / UInt(MemoryLayout<Instruction>.stride))
    }

    /// Makes `callee` the running function, its window starting at absolute register `at`.
    @inline(__always) func switchTo(_ callee: Unmanaged<FunctionCode>, windowAt at: Int) {
      fnU = callee
      code = callee._withUnsafeGuaranteedRef { $0.codeBase.unsafelyUnwrapped }
      consts = callee._withUnsafeGuaranteedRef { $0.constantBase.unsafelyUnwrapped }
      base = at
      regs = p.registers + at
    }

    /// Re-reads the top frame after a call, return or unwind.
    @inline(__always) func reload() {
      top = p.frames + (p.frameCount &- 1)
      switchTo(top.pointee.function, windowAt: Int(top.pointee.base))
    }

    /// Pushes a frame for `callee` whose window starts at absolute register `newBase`.
    @inline(__always) func enter(_ callee: Unmanaged<FunctionCode>, newBase: Int, dest: Int) throws(Exception)
    {
      let size = callee._withUnsafeGuaranteedRef { $0.frameSize }
      if newBase &+ size > p.registerCapacity { try grow(p, registersTo: newBase &+ size) }
      let count = p.frameCount
      if count == p.frameCapacity {
        try growFrames(p)
      }
      top = p.frames + count
      (top - 1).pointee.returnPC = offset(of: ip)
      top.pointee = Frame(
        function: callee, returnPC: 0, base: Int32(truncatingIfNeeded: newBase),
        dest: Int32(truncatingIfNeeded: dest))
      p.frameCount = count &+ 1
      switchTo(callee, windowAt: newBase)
      ip = code
    }

    /// Replaces the current frame's function, arguments already in place.
    @inline(__always) func replace(_ callee: Unmanaged<FunctionCode>) throws(Exception) {
      let size = callee._withUnsafeGuaranteedRef { $0.frameSize }
      if base &+ size > p.registerCapacity { try grow(p, registersTo: base &+ size) }
      top.pointee.function = callee
      switchTo(callee, windowAt: base)
      ip = code
    }

    /// Moves `count` values from r[from...] down to r[0...], as a tail call needs.
    @inline(__always) func shiftArguments(from: Int, count: Int) {
      shiftArguments(from: from, count: count, except: 0)
    }

    /// The same, except for the arguments whose bit is set in `inPlace`: each of those
    /// is in r[i] already.
    @inline(__always) func shiftArguments(from: Int, count: Int, except inPlace: UInt32) {
      if from == 0 { return }
      for i in 0..<count {
        if inPlace & 1 << UInt32(truncatingIfNeeded: i) != 0 { continue }
        let source = regs + from + i
        let word = TermMemory.word(source)
        let tag = TermMemory.tag(source)
        TermMemory.forget(source)
        TermMemory.store(regs + i, word: word, tag: tag)
      }
    }

    /// Finishes a tail call that reached a native: its result in r[r] returns from
    /// the current frame, to the caller's code.
    @inline(__always) func returnNativeResult(from r: Int) throws(Exception) {
      let resume = try returnValue(from: r, p: p, reload: reload, regs: regs, top: top, reds: reds)
      ip = code + resume
    }

    /// Whether the test just before `after`, on register `r`, which failed and jumped
    /// to `ip`, is the first of a receive (right after its peek, on the message the
    /// peek borrowed) and fails straight to the receive's `nextMessage`. Then the next
    /// message the receive would get past this test is the next one that passes it,
    /// which the mailbox finds at once (see `scanned`).
    @inline(__always) func startsReceive(before after: UnsafeMutablePointer<Instruction>, on r: Int) -> Bool {
      let next = ip.pointee
      return next.op == .nextMessage && code + next.ra + 2 == after && code[next.ra].ra == r
    }

    /// Goes on at `after`, the instruction after the test, with the message the mailbox
    /// `found`, or to the receive's wait when none is left (`ip` is still at the
    /// receive's `nextMessage`).
    @inline(__always) func scanned(_ found: Bool, resumingAt after: UnsafeMutablePointer<Instruction>) {
      if found {
        ip = after
      } else {
        p.borrowedRegister = -1
        ip = code + code[ip.pointee.ra].rb
      }
    }

    /// Saves the resume point and leaves the loop.
    @inline(__always) func park(at resume: Int32) {
      p.pc = resume
    }

    /// A native reached by a tail call asked to let the others run: its result, in
    /// r[r], is returned when the process runs again (on BEAM the reply to a print comes
    /// before the call returns), by a tail call to a function that returns its argument.
    @inline(__always) func returnLater(from r: Int) throws(Exception) {
      regs = p.registers + base
      shiftArguments(from: r, count: 1)
      try replace(.passUnretained(valueStub))
      park(at: 0)
    }

    // Set when the exception in flight already names the running function (a
    // function_clause) or when that function is gone (a failed tail call), so the
    // stack trace does not list it again.
    var currentFrameAccounted = false

    while true {
      do throws(Exception) {
        while true {
          let ins = ip.pointee
          ip += 1
          switch ins.op {
          case .move:
            TermMemory.assign(regs + ins.ra, from: regs + ins.rb)
          case .loadConst:
            TermMemory.assign(regs + ins.ra, from: consts + ins.rb)
          case .loadInt:
            TermMemory.storeInt(regs + ins.ra, Int(ins.b))
          case .clear:
            regs[ins.ra] = .empty

          case .makeCons:
            let cell = BoxPool.cell(from: boxPool)
            TermMemory.initialize(TermMemory.head(of: cell), from: regs + ins.rb)
            TermMemory.initialize(TermMemory.tail(of: cell), from: regs + ins.rc)
            TermMemory.replace(regs + ins.ra, with: .cons(cell))
          case .makeTuple:
            let start = regs + ins.rb
            let n = ins.rc
            let t = BoxPool.tuple(count: n, from: boxPool)
            let dst = TermMemory.elements(of: t)
            for i in 0..<n { TermMemory.initialize(dst + i, from: start + i) }
            TermMemory.replace(regs + ins.ra, with: .tuple(t))
          case .updateTuple:
            TermMemory.updateTuple(
              regs + ins.ra, from: regs + ins.rc, changing: UInt32(bitPattern: ip.pointee.a),
              to: regs + ins.rb)
            ip += 1
          case .makeFun:
            let callee = fnU._withUnsafeGuaranteedRef { $0.functionBase.unsafelyUnwrapped[ins.rb] }
            let fun = Fun(code: callee.takeUnretainedValue(), capturing: regs + ins.rc)
            TermMemory.replace(regs + ins.ra, with: .fun(fun))
          case .makeMap:
            var d: [Term: Term] = [:]
            for i in 0..<ins.rc { d[regs[ins.rb + 2 * i]] = regs[ins.rb + 2 * i + 1] }
            regs[ins.ra] = .map(MapBox(d))
          case .mapUpdate:
            guard case .map(let m) = regs[ins.ra] else {
              throw Exception.error(atoms.intern("badmap"), regs[ins.ra])
            }
            var d = m.entries
            for i in 0..<ins.rc { d[regs[ins.rb + 2 * i]] = regs[ins.rb + 2 * i + 1] }
            regs[ins.ra] = .map(MapBox(d))

          // Small integers inline; anything else (bignums, floats, errors) in `arithmetic`.
          case .add:
            if case .int(let x) = regs[ins.rb], case .int(let y) = regs[ins.rc],
              case (let r, false) = x.addingReportingOverflow(y)
            {
              TermMemory.storeInt(regs + ins.ra, r)
            } else {
              regs[ins.ra] = try arithmetic(.add, regs[ins.rb], regs[ins.rc])
              reds &+= nativeContext.meter.take()
            }
          case .sub:
            if case .int(let x) = regs[ins.rb], case .int(let y) = regs[ins.rc],
              case (let r, false) = x.subtractingReportingOverflow(y)
            {
              TermMemory.storeInt(regs + ins.ra, r)
            } else {
              regs[ins.ra] = try arithmetic(.sub, regs[ins.rb], regs[ins.rc])
              reds &+= nativeContext.meter.take()
            }
          case .mul:
            if case .int(let x) = regs[ins.rb], case .int(let y) = regs[ins.rc],
              case (let r, false) = x.multipliedReportingOverflow(by: y)
            {
              TermMemory.storeInt(regs + ins.ra, r)
            } else {
              regs[ins.ra] = try arithmetic(.mul, regs[ins.rb], regs[ins.rc])
              reds &+= nativeContext.meter.take()
            }
          case .addImm:
            if case .int(let x) = regs[ins.rb] {
              let (r, o) = x.addingReportingOverflow(Int(ins.c))
              if !o {
                TermMemory.storeInt(regs + ins.ra, r)
                continue
              }
            }
            do {
              regs[ins.ra] = try Arith.add(regs[ins.rb], .int(Int(ins.c)))
            } catch {
              // Compiled module code adds a literal without a call to erlang:+, so its
              // trace starts at the function itself (as BEAM's does).
              if fnU._withUnsafeGuaranteedRef({ $0.file != nil }) { throw error }
              throw annotate(error, .erlang, atoms.intern("+"), [regs[ins.rb], .int(Int(ins.c))])
            }
          case .lt, .le, .gt, .ge, .eq, .ne:
            let x = regs[ins.rb]
            let y = regs[ins.rc]
            let c: Int
            if case .int(let i) = x, case .int(let j) = y {
              c = i < j ? -1 : (i == j ? 0 : 1)
            } else {
              c = Term.compare(x, y, atoms: atoms)
            }
            let r: Bool
            switch ins.op {
            case .lt: r = c < 0
            case .le: r = c <= 0
            case .gt: r = c > 0
            case .ge: r = c >= 0
            case .eq: r = c == 0
            default: r = c != 0
            }
            regs[ins.ra] = .bool(r)
          case .eqExact:
            regs[ins.ra] = .bool(Term.exactlyEqual(regs[ins.rb], regs[ins.rc]))
          case .neExact:
            regs[ins.ra] = .bool(!Term.exactlyEqual(regs[ins.rb], regs[ins.rc]))

          case .jump:
            ip = code + ins.ra
          case .jumpIfFalse:
            switch regs[ins.ra] {
            case .atom(.false): ip = code + ins.rb
            case .atom(.true): break
            default:
              // c says what a non-boolean test is: 0 `badarg`, 1 and 3 LFE's `if` and
              // `cond` errors, 2 a failed guard.
              switch ins.c {
              case 1: throw Exception.error(.atom(atoms.intern("non_boolean_if_test")))
              case 2: ip = code + ins.rb
              case 3: throw Exception.error(.atom(atoms.intern("non_boolean_cond_test")))
              default: throw Exception.badarg
              }
            }
          case .jumpIfNotLt:
            if case .int(let i) = regs[ins.ra], case .int(let j) = regs[ins.rb] {
              if !(i < j) { ip = code + ins.rc }
            } else if !(Term.compare(regs[ins.ra], regs[ins.rb], atoms: atoms) < 0) {
              ip = code + ins.rc
            }
          case .jumpIfNotLtImm:
            if case .int(let i) = regs[ins.ra] {
              if !(i < Int(ins.b)) { ip = code + ins.rc }
            } else if !(Term.compare(regs[ins.ra], .int(Int(ins.b)), atoms: atoms) < 0) {
              ip = code + ins.rc
            }
          case .jumpIfNotEqImm:
            if case .int(let i) = regs[ins.ra], i == Int(ins.b) {
            } else if case .float(let f) = regs[ins.ra], f == Double(ins.b) {
            } else {
              ip = code + ins.rc
            }
          case .jumpIfEqImm:
            if case .int(let i) = regs[ins.ra], i == Int(ins.b) {
              ip = code + ins.rc
            } else if case .float(let f) = regs[ins.ra], f == Double(ins.b) {
              ip = code + ins.rc
            }

          case .ret:
            let count = p.frameCount
            if count != 1 {
              // The value changes hands without a count; clearing the source first makes
              // a destination in the same slot come out right.
              let source = regs + ins.ra
              let word = TermMemory.word(source)
              let tag = TermMemory.tag(source)
              TermMemory.forget(source)
              let dest = p.registers + Int(top.pointee.dest)
              p.frameCount = count &- 1
              top = p.frames + (count &- 2)
              switchTo(top.pointee.function, windowAt: Int(top.pointee.base))
              ip = code + Int(top.pointee.returnPC)
              TermMemory.store(dest, word: word, tag: tag)
              continue
            }
            let value = (regs + ins.ra).move()
            (regs + ins.ra).initialize(to: .empty)
            firstFrameReturned(p, value)
            return reds

          case .call:
            reds &+= 1
            if reds >= budget {
              park(at: offset(of: ip) &- 1)
              return reds
            }
            let callee = fnU._withUnsafeGuaranteedRef { $0.functionBase.unsafelyUnwrapped[ins.rc] }
            try enter(callee, newBase: base + ins.rb, dest: base + ins.ra)
          case .tailCall:
            reds &+= 1
            if reds >= budget {
              park(at: offset(of: ip) &- 1)
              return reds
            }
            let callee = fnU._withUnsafeGuaranteedRef { $0.functionBase.unsafelyUnwrapped[ins.rc] }
            let argumentCount = callee._withUnsafeGuaranteedRef { $0.arity + $0.captureCount }
            shiftArguments(from: ins.rb, count: argumentCount, except: UInt32(bitPattern: ins.a))
            // The rest of the window is dead: free what it holds now, while it is still
            // in the cache, rather than when a later iteration overwrites it. A receive
            // loop's last message goes back to the allocator in time for the next one.
            TermMemory.clear(
              regs + argumentCount, count: fnU._withUnsafeGuaranteedRef { $0.frameSize } - argumentCount)
            try replace(callee)

          case .callRemote, .tailCallRemote:
            reds &+= 1
            if reds >= budget {
              park(at: offset(of: ip) &- 1)
              return reds
            }
            let slot = fnU._withUnsafeGuaranteedRef { $0.importSlots.unsafelyUnwrapped } + ins.rc
            if slot.pointee.generation != codeGeneration {
              slot.pointee.target = resolve(slot.pointee.module, slot.pointee.function, slot.pointee.arity)
              slot.pointee.generation = codeGeneration
            }
            let argStart = ins.rb
            switch slot.pointee.target {
            case .code(let callee):
              if ins.op == .callRemote {
                try enter(callee, newBase: base + argStart, dest: base + ins.ra)
              } else {
                shiftArguments(from: argStart, count: slot.pointee.arity)
                try replace(callee)
              }
            case .native(let body):
              let r: Term
              do {
                r = try body(
                  nativeContext, UnsafeBufferPointer(start: regs + argStart, count: slot.pointee.arity))
              } catch {
                throw annotate(
                  error, slot.pointee.module, slot.pointee.function, regs + argStart, slot.pointee.arity)
              }
              reds &+= nativeContext.meter.take()
              if ins.op == .callRemote {
                regs[ins.ra] = r
              } else {
                regs[argStart] = r
                try returnNativeResult(from: argStart)
                if p.status != .runnable { return reds }
              }
            case .processNative(let body):
              let r: Term
              do {
                r = try body(self, p, UnsafeBufferPointer(start: regs + argStart, count: slot.pointee.arity))
              } catch {
                throw annotate(
                  error, slot.pointee.module, slot.pointee.function, regs + argStart, slot.pointee.arity)
              }
              if p.status != .runnable {
                // Waiting after a native means it asked to let the others run first
                // (`letOthersRun`): the call is done, the process goes on after it.
                guard p.status == .waiting else { return reds }
                p.status = .runnable
                regs = p.registers + base
                if ins.op == .callRemote {
                  regs[ins.ra] = r
                  park(at: offset(of: ip))
                } else {
                  regs[argStart] = r
                  try returnLater(from: argStart)
                }
                return reds
              }
              regs = p.registers + base
              if ins.op == .callRemote {
                regs[ins.ra] = r
              } else {
                regs[argStart] = r
                try returnNativeResult(from: argStart)
                if p.status != .runnable { return reds }
              }
            case .undefined, .unresolved:
              let args = Array(UnsafeBufferPointer(start: regs + argStart, count: slot.pointee.arity))
              // A tail call has already left the caller, as on BEAM.
              currentFrameAccounted = ins.op == .tailCallRemote
              throw undefinedFunction(slot.pointee.module, slot.pointee.function, args)
            }

          case .callNative:
            let entry = fnU._withUnsafeGuaranteedRef { $0.natives[ins.rc] }
            do {
              regs[ins.ra] = try entry.body(
                nativeContext, UnsafeBufferPointer(start: regs + ins.rb, count: entry.arity))
            } catch {
              throw annotate(error, entry.module, entry.function, regs + ins.rb, entry.arity)
            }
            reds &+= nativeContext.meter.take()

          case .callFun, .tailCallFun:
            reds &+= 1
            if reds >= budget {
              park(at: offset(of: ip) &- 1)
              return reds
            }
            let argc = Int(ip.pointee.a)
            ip += 1
            let argStart = ins.rb
            let funRegister = regs + ins.rc
            guard TermMemory.tag(funRegister) == TermMemory.funTag else {
              throw Exception.error(.badfun, funRegister.pointee)
            }
            // The fun's fields are plain words: reading them counts no reference.
            let (arity, local, capturedBase, captureCount) = Unmanaged<Fun>.fromOpaque(
              TermMemory.box(funRegister)
            )._withUnsafeGuaranteedRef { ($0.arity, $0.localCode, $0.capturedBase, $0.captureCount) }
            if arity != argc {
              let args = Array(UnsafeBufferPointer(start: regs + argStart, count: argc))
              throw Exception.error(.badarity, .tuple([funRegister.pointee, .list(args)]))
            }
            if let callee = local {
              if captureCount > 0 {
                let end = base + argStart + argc + captureCount
                if end > p.registerCapacity {
                  try grow(p, registersTo: end)
                  regs = p.registers + base
                }
                let slots = regs + argStart + argc
                for i in 0..<captureCount {
                  TermMemory.assign(slots + i, from: capturedBase.unsafelyUnwrapped + i)
                }
              }
              if ins.op == .callFun {
                try enter(callee, newBase: base + argStart, dest: base + ins.ra)
              } else {
                shiftArguments(from: argStart, count: argc + captureCount)
                try replace(callee)
              }
              continue
            }
            // An external fun: (fun m f n).
            let (m, fname) = Unmanaged<Fun>.fromOpaque(TermMemory.box(funRegister))._withUnsafeGuaranteedRef {
              ($0.externalName.module, $0.externalName.function)
            }
            let target = resolve(m, fname, argc)
            try dispatch(
              target, m, fname, argStart: argStart, argc: argc, dest: ins.ra,
              tail: ins.op == .tailCallFun,
              p: p, base: base, enter: enter, replace: replace, shift: { shiftArguments(from: $0, count: $1) }
            )
            reds &+= nativeContext.meter.take()
            if p.status != .runnable {
              guard p.status == .waiting else { return reds }
              // A native asked to let the others run (`letOthersRun`); its result is in place.
              p.status = .runnable
              if ins.op == .tailCallFun {
                try returnLater(from: argStart)
              } else {
                park(at: offset(of: ip))
              }
              return reds
            }
            if case .code = target {
            } else if ins.op == .tailCallFun {
              try returnNativeResult(from: argStart)
              if p.status != .runnable { return reds }
            }

          case .callApply, .tailCallApply, .callDynamic:
            reds &+= 1
            if reds >= budget {
              park(at: offset(of: ip) &- 1)
              return reds
            }
            // Unpack the call into a module, function and argument registers at b.
            let argStart = ins.rb
            let tail = ins.op == .tailCallApply
            var m: Term
            var fname: Term
            var args: [Term]
            if ins.op == .callDynamic {
              m = regs[argStart]
              fname = regs[argStart + 1]
              args = Array(UnsafeBufferPointer(start: regs + argStart + 2, count: ins.rc))
            } else if ins.c == 2 {
              // (apply f args)
              m = regs[argStart]
              fname = .empty
              guard let a = regs[argStart + 1].listElements else { throw Exception.badarg }
              args = a
            } else {
              m = regs[argStart]
              fname = regs[argStart + 1]
              guard let a = regs[argStart + 2].listElements else { throw Exception.badarg }
              args = a
            }
            if case .fun(let fun) = m, ins.op != .callDynamic, ins.c == 2 {
              // Apply a fun: lay out the arguments and call it like funcall.
              if fun.arity != args.count {
                throw Exception.error(.badarity, .tuple([m, .list(args)]))
              }
              var captured: [Term] = []
              var callee: Unmanaged<FunctionCode>? = nil
              switch fun.target {
              case .local(let c, let cap):
                callee = .passUnretained(c)
                captured = cap
              case .external(let em, let ef, let en):
                m = .atom(em)
                fname = .atom(ef)
                _ = en
              }
              if let callee {
                let need = base + argStart + args.count + captured.count + 1
                if need > p.registerCapacity {
                  try grow(p, registersTo: need)
                  regs = p.registers + base
                }
                for (i, v) in (args + captured).enumerated() { regs[argStart + i] = v }
                if tail {
                  shiftArguments(from: argStart, count: args.count + captured.count)
                  try replace(callee)
                } else {
                  try enter(callee, newBase: base + argStart, dest: base + ins.ra)
                }
                continue
              }
            } else if ins.c == 2 && ins.op != .callDynamic {
              throw Exception.error(.badfun, m)
            }
            guard case .atom(let ma) = m, case .atom(let fa) = fname else { throw Exception.badarg }
            let need = base + argStart + args.count + 1
            if need > p.registerCapacity {
              try grow(p, registersTo: need)
              regs = p.registers + base
            }
            for (i, v) in args.enumerated() { regs[argStart + i] = v }
            let target = resolve(ma, fa, args.count)
            try dispatch(
              target, ma, fa, argStart: argStart, argc: args.count, dest: ins.ra, tail: tail,
              p: p, base: base, enter: enter, replace: replace, shift: { shiftArguments(from: $0, count: $1) }
            )
            reds &+= nativeContext.meter.take()
            if p.status != .runnable {
              guard p.status == .waiting else { return reds }
              // A native asked to let the others run (`letOthersRun`); its result is in place.
              p.status = .runnable
              if tail {
                try returnLater(from: argStart)
              } else {
                park(at: offset(of: ip))
              }
              return reds
            }
            if case .code = target {
            } else if tail {
              try returnNativeResult(from: argStart)
              if p.status != .runnable { return reds }
            }

          case .isTupleOfArity:
            if case .tuple(let t) = regs[ins.ra], t.count == ins.rb {
            } else {
              ip = code + ins.rc
            }
          case .isTaggedTuple:
            let subject = regs + ins.ra
            let arity = Int(ins.b & 0xFF)
            let first = consts + Int(ins.b >> 8)
            if TermMemory.tag(subject) == TermMemory.tupleTag, TermMemory.tupleCount(subject) == arity,
              TermMemory.sameImmediate(TermMemory.tupleElements(subject), first)
            {
            } else {
              let after = ip
              ip = code + ins.rc
              if startsReceive(before: after, on: ins.ra) {
                scanned(
                  p.mailbox.advance(toTaggedTuple: arity, first: first, borrowingInto: subject),
                  resumingAt: after)
              }
            }
          case .getElement:
            guard TermMemory.tag(regs + ins.rc) == TermMemory.tupleTag else {
              fatalError("getElement on a non-tuple")
            }
            TermMemory.assign(
              regs + ins.ra, from: TermMemory.tupleElements(regs + ins.rc) + ins.rb)
          case .isCons:
            if case .cons = regs[ins.ra] {
            } else {
              ip = code + ins.rb
            }
          case .getHead:
            guard TermMemory.tag(regs + ins.rb) == TermMemory.consTag else {
              fatalError("getHead on a non-cons")
            }
            TermMemory.assign(regs + ins.ra, from: TermMemory.consHead(regs + ins.rb))
          case .getTail:
            guard TermMemory.tag(regs + ins.rb) == TermMemory.consTag else {
              fatalError("getTail on a non-cons")
            }
            TermMemory.assign(regs + ins.ra, from: TermMemory.consTail(regs + ins.rb))
          case .isNil:
            if case .empty = regs[ins.ra] {
            } else {
              ip = code + ins.rb
            }
          case .isEqConst:
            // Atoms and small integers, the usual literals in patterns, compare inline.
            switch consts[ins.rb] {
            case .atom(let k):
              if case .atom(let x) = regs[ins.ra], x == k {
              } else {
                let after = ip
                ip = code + ins.rc
                if startsReceive(before: after, on: ins.ra) {
                  scanned(
                    p.mailbox.advance(toImmediate: consts + ins.rb, borrowingInto: regs + ins.ra),
                    resumingAt: after)
                }
              }
            case .int(let k):
              if case .int(let x) = regs[ins.ra], x == k {
              } else {
                ip = code + ins.rc
              }
            default:
              if !Term.exactlyEqual(regs[ins.ra], consts[ins.rb]) { ip = code + ins.rc }
            }
          case .isEqReg:
            if !Term.exactlyEqual(regs[ins.ra], regs[ins.rb]) { ip = code + ins.rc }
          case .isMap:
            if case .map = regs[ins.ra] {
            } else {
              ip = code + ins.rb
            }
          case .mapGet:
            let fail = Int(ip.pointee.a)
            ip += 1
            if case .map(let m) = regs[ins.rb], let v = m.entries[regs[ins.rc]] {
              regs[ins.ra] = v
            } else {
              ip = code + fail
            }
          case .typeTest:
            if !passes(regs[ins.ra], TypeTest(rawValue: ins.b)!) { ip = code + ins.rc }

          // A receive looks at a message without counting a reference to it: a scan
          // past ten thousand messages that do not match touches no reference count.
          case .peekMessage:
            if p.mailbox.peek(borrowingInto: regs + ins.ra) {
              p.borrowedRegister = Int32(base) + ins.a
            } else {
              ip = code + ins.rb
            }
          case .removeMessage:
            if _slowPath(trace != nil) { traceReceive(by: p) }
            p.mailbox.removeAtCursor()
            p.borrowedRegister = -1
            p.deadline = nil
          case .nextMessage:
            TermMemory.forget(regs + ins.rb)
            p.mailbox.advance()
            // Does the peekMessage at `a` (where the receive starts over) at once: a
            // scan past many messages takes one dispatch less for each.
            let peek = code + ins.ra
            if p.mailbox.peek(borrowingInto: regs + Int(peek.pointee.a)) {
              p.borrowedRegister = Int32(base) &+ peek.pointee.a
              ip = peek + 1
            } else {
              p.borrowedRegister = -1
              ip = code + Int(peek.pointee.b)
            }
          case .wait:
            reds &+= 1
            p.resumeTarget = ins.a
            suspend(p)
            park(at: ins.a)
            return reds
          case .waitTimeout:
            reds &+= 1
            let t = regs[ins.rb]
            var ms: Int64? = nil
            switch t {
            case .atom(.infinity): ms = nil
            // Erlang's limit on a timeout: 16#ffffffff milliseconds.
            case .int(let i) where i >= 0 && i <= 0xFFFF_FFFF: ms = Int64(i)
            default: throw Exception.error(.atom(atoms.intern("timeout_value")))
            }
            guard let ms else {
              p.resumeTarget = ins.a
              suspend(p)
              park(at: ins.a)
              return reds
            }
            let deadline = p.deadline ?? (clock.now + ms)
            if ms == 0 || clock.now >= deadline {
              p.deadline = nil
              p.mailbox.resetCursor()
              ip = code + ins.rc
              continue
            }
            p.resumeTarget = ins.a
            p.timeoutTarget = ins.c
            p.status = .waiting
            p.deadline = deadline
            timers.push(deadline: deadline, pid: p.pid)
            park(at: ins.a)
            return reds
          case .send:
            let to = regs + ins.rb
            let message = regs + ins.rc
            if _slowPath(trace != nil) { traceSend(by: p, to: to, message: message) }
            if TermMemory.tag(to) == TermMemory.pidTag {
              let pid = Pid(serial: UInt32(truncatingIfNeeded: TermMemory.word(to)))
              if ins.a == Int32(Instruction.sendMoveNoResult) {
                send(taking: message, to: pid)
                if p.status != .runnable { return reds }
                continue
              }
              send(copying: message, to: pid)
            } else {
              let target: Pid?
              do {
                target = try destination(to.pointee)
              } catch {
                throw annotate(error, .erlang, atoms.intern("!"), [to.pointee, message.pointee])
              }
              if let target { send(copying: message, to: target) }
            }
            // A send to itself past the mailbox limit ends the sender.
            if p.status != .runnable { return reds }
            if ins.a >= 0 && ins.a != ins.c { TermMemory.assign(regs + ins.ra, from: message) }

          case .tryBegin:
            p.handlers.append(
              Handler(frameCount: Int32(p.frameCount), target: ins.b, register: Int32(base) + ins.a))
          case .tryEnd:
            p.handlers.removeLast()
          case .raise:
            let cls = regs[ins.ra]
            let reason = regs[ins.rb]
            var kind: Exception.Kind = .error
            switch cls {
            case .atom(.error): kind = .error
            case .atom(.exit): kind = .exit
            case .atom(.throw): kind = .throw
            default: throw Exception.badarg
            }
            var e = Exception(kind, reason)
            if ins.c >= 0, let stack = stackEntries(from: regs[ins.rc]) { e.stack = stack }
            e.rethrown = true
            throw e
          case .raiseError:
            if ins.c == ErrorShape.functionClause.rawValue {
              let f = fnU.takeUnretainedValue()
              var e = Exception.error(.atom(.functionClause))
              // LFE's shell names no function for a lambda typed at the prompt.
              let args = Array(UnsafeBufferPointer(start: regs, count: f.arity))
              e.stack =
                f.module == atoms.intern("lfe_eval")
                ? []
                : [
                  StackEntry(
                    module: f.module, function: f.name, arguments: args, arity: f.arity, file: f.file,
                    line: f.definitionLine)
                ]
              currentFrameAccounted = f.module != atoms.intern("lfe_eval")
              e.deliberate = f.module == atoms.intern("lfe_eval")
              throw e
            }
            if ins.c == ErrorShape.tagged.rawValue {
              throw Exception.error(.tuple([consts[ins.ra], regs[ins.rb]]))
            }
            throw Exception.error(consts[ins.ra])

          case .selfPid:
            regs[ins.ra] = .pid(p.pid)
          case .data:
            break
          }
        }
      } catch {
        var e = error
        let raisedHere = e.stack.isEmpty
        if !e.rethrown && e.stack.isEmpty {
          let f = fnU.takeUnretainedValue()
          e.stack = [
            StackEntry(
              module: f.module, function: f.name, arguments: nil, arity: f.arity, file: f.file,
              line: f.file == nil ? nil : f.definitionLine)
          ]
        }
        if !e.rethrown {
          // The callers that came from module files, as Erlang's stack trace lists them.
          var i = p.frameCount - (raisedHere || currentFrameAccounted ? 2 : 1)
          while i >= 0 {
            let f = p.frames[i].function.takeUnretainedValue()
            if f.file != nil {
              e.stack.append(
                StackEntry(
                  module: f.module, function: f.name, arguments: nil, arity: f.arity, file: f.file,
                  line: f.definitionLine))
            }
            i -= 1
          }
        }
        currentFrameAccounted = false
        // Find the innermost handler; it may belong to a frame further out. (An
        // exception while a receive matches comes from a guard, whose own handler goes
        // on matching the message it looks at.)
        if let h = p.handlers.popLast() {
          p.frameCount = Int(h.frameCount)
          reload()
          p.registers[Int(h.register)] = exceptionTuple(e)
          ip = code + Int(h.target)
          continue
        }
        p.forgetBorrowedLook()
        p.exception = e
        p.frameCount = 0
        exitProcess(p, reason: exitReason(for: e))
        return reds
      }
    }
  }

  /// Finishes a native tail call: its result in r[from] returns from the current frame.
  @inline(__always)
  func returnValue(
    from r: Int, p: Process, reload: () -> Void, regs: UnsafeMutablePointer<Term>,
    top: UnsafeMutablePointer<Frame>, reds: Int
  ) throws(Exception) -> Int {
    let value = (regs + r).move()
    (regs + r).initialize(to: .empty)
    let dest = Int(top.pointee.dest)
    if p.frameCount == 1 {
      firstFrameReturned(p, value)
      return 0
    }
    p.frameCount -= 1
    reload()
    p.registers[dest] = value
    return Int((p.frames + (p.frameCount - 1)).pointee.returnPC)
  }

  /// Calls a resolved target with arguments already at r[argStart...].
  @inline(__always)
  func dispatch(
    _ target: ImportTarget, _ m: Atom, _ f: Atom, argStart: Int, argc: Int, dest: Int, tail: Bool,
    p: Process, base: Int,
    enter: (Unmanaged<FunctionCode>, Int, Int) throws(Exception) -> Void,
    replace: (Unmanaged<FunctionCode>) throws(Exception) -> Void,
    shift: (Int, Int) -> Void
  ) throws(Exception) {
    var regs = p.registers + base
    switch target {
    case .code(let callee):
      if tail {
        shift(argStart, argc)
        try replace(callee)
      } else {
        try enter(callee, base + argStart, base + dest)
      }
    case .native(let body):
      let r: Term
      do {
        r = try body(nativeContext, UnsafeBufferPointer(start: regs + argStart, count: argc))
      } catch {
        throw annotate(error, m, f, regs + argStart, argc)
      }
      regs[tail ? argStart : dest] = r
    case .processNative(let body):
      let r: Term
      do {
        r = try body(self, p, UnsafeBufferPointer(start: regs + argStart, count: argc))
      } catch {
        throw annotate(error, m, f, regs + argStart, argc)
      }
      regs = p.registers + base
      if p.status == .exited { return }
      regs[tail ? argStart : dest] = r
    case .undefined, .unresolved:
      let args = Array(UnsafeBufferPointer(start: regs + argStart, count: argc))
      throw undefinedFunction(m, f, args)
    }
  }

  /// What a remote call to m:f/arity reaches now: an exported LFE function, a native, or nothing.
  func resolve(_ m: Atom, _ f: Atom, _ arity: Int) -> ImportTarget {
    let key = FunctionKey(f, arity)
    if let mod = modules[m], let code = mod.exports[key] { return .code(.passUnretained(code)) }
    let mfa = MFA(module: m, function: f, arity: arity)
    if let n = natives[mfa] { return .native(n) }
    if let n = processNatives[mfa] { return .processNative(n) }
    if modules[m] == nil, autoload(m), let mod = modules[m], let code = mod.exports[key] {
      return .code(.passUnretained(code))
    }
    return .undefined
  }

  /// The function a process started in returned `value`: an evaluator keeps it and
  /// idles (only the shell reads what its evaluator returned); any other process ends.
  func firstFrameReturned(_ p: Process, _ value: Term) {
    if p.isEvaluator {
      p.result = value
      finishEvaluation(p)
    } else {
      p.frameCount = 0
      exitProcess(p, reason: .atom(.normal))
    }
  }

  /// The shell's evaluator finished a form: it idles until the next one.
  func finishEvaluation(_ p: Process) {
    p.status = .waiting
    p.parked = true
    p.deadline = nil
    exitObserver?(p)
  }

  /// Makes room for `count` registers in `p`, unless that takes the process past
  /// `Limits.registers` or the runtime past `Limits.heapBytes`: the limits are asked
  /// before the stack grows, not found crossed afterwards.
  @inline(never)
  func grow(_ p: Process, registersTo count: Int) throws(Exception) {
    if count > limits.registers {
      throw Exception.limitReached(
        "a process uses more than \(limits.registers) registers (Limits.registers)")
    }
    try reserveHeap(MemoryLayout<Term>.stride * (p.grownRegisterCapacity(toHold: count) - p.registerCapacity))
    p.growRegisters(to: count)
  }

  /// Doubles `p`'s frame stack, within `Limits.callDepth` and `Limits.heapBytes`.
  @inline(never)
  func growFrames(_ p: Process) throws(Exception) {
    if p.frameCount >= limits.callDepth {
      throw Exception.limitReached("the call stack is \(limits.callDepth) frames deep (Limits.callDepth)")
    }
    try reserveHeap(MemoryLayout<Frame>.stride * p.frameCapacity)
    p.growFrames()
  }

  /// Room for `bytes` more under `Limits.heapBytes`. Past it the step ends as at any
  /// runtime-wide limit, and the process asking dies of `system_limit`.
  func reserveHeap(_ bytes: Int) throws(Exception) {
    do {
      try HeapAccount.reserve(bytes)
    } catch {
      if let message = error.limit { reachedRuntimeLimit(message) }
      throw error
    }
  }

  /// The general case of `+`, `-` and `*`: bignums and floats, or the error, named as
  /// the call of erlang's operator that it is.
  @inline(never)
  func arithmetic(_ op: Opcode, _ a: Term, _ b: Term) throws(Exception) -> Term {
    // Bignum work counts against the slice: the VM takes it from the meter after this.
    nativeContext.charge(op == .mul ? BigWork.product(a, b) : BigWork.linear(a, b))
    do {
      switch op {
      case .add: return try Arith.add(a, b)
      case .sub: return try Arith.sub(a, b)
      default: return try Arith.mul(a, b)
      }
    } catch {
      let name = op == .add ? "+" : (op == .sub ? "-" : "*")
      throw annotate(error, .erlang, atoms.intern(name), [a, b])
    }
  }

  /// Names the built-in function an exception came from, with its arguments, unless
  /// the exception already says where it was raised.
  func annotate(_ e: Exception, _ m: Atom, _ f: Atom, _ args: [Term]) -> Exception {
    if !e.stack.isEmpty || e.rethrown || e.deliberate { return e }
    var e = e
    e.stack = [StackEntry(module: m, function: f, arguments: args, arity: args.count)]
    return e
  }

  func annotate(
    _ e: Exception, _ m: Atom, _ f: Atom, _ args: UnsafeMutablePointer<Term>, _ n: Int
  ) -> Exception {
    if !e.stack.isEmpty || e.rethrown || e.deliberate { return e }
    return annotate(e, m, f, Array(UnsafeBufferPointer(start: args, count: n)))
  }

  func undefinedFunction(_ m: Atom, _ f: Atom, _ args: [Term]) -> Exception {
    var e = Exception.error(.atom(.undef))
    e.stack = [StackEntry(module: m, function: f, arguments: args, arity: args.count)]
    return e
  }

  /// `#(class reason stack)` as `try`/`catch` clauses see it.
  func exceptionTuple(_ e: Exception) -> Term {
    let cls: Atom
    switch e.kind {
    case .error: cls = .error
    case .exit: cls = .exit
    case .throw: cls = .throw
    }
    return .tuple([.atom(cls), e.reason, stackTerm(e.stack)])
  }

  /// The stack trace as Erlang shows it: `[{M,F,ArgsOrArity,[]}]`.
  func stackTerm(_ stack: [StackEntry]) -> Term {
    .list(
      stack.map { s in
        let a: Term = s.arguments.map { Term.list($0) } ?? .int(s.arity)
        var location: [Term] = []
        if let file = s.file { location.append(.tuple([.atom(atoms.intern("file")), .string(file)])) }
        if let line = s.line { location.append(.tuple([.atom(atoms.intern("line")), .int(line)])) }
        return .tuple([.atom(s.module), .atom(s.function), a, .list(location)])
      })
  }

  func stackEntries(from t: Term) -> [StackEntry]? {
    guard let items = t.listElements else { return nil }
    var out: [StackEntry] = []
    for item in items {
      guard case .tuple(let tu) = item, tu.count >= 3, case .atom(let m) = tu[0], case .atom(let f) = tu[1]
      else { return nil }
      if case .int(let n) = tu[2] {
        out.append(StackEntry(module: m, function: f, arguments: nil, arity: n))
      } else if let args = tu[2].listElements {
        out.append(StackEntry(module: m, function: f, arguments: args, arity: args.count))
      }
    }
    return out
  }

  /// The exit reason of a process that an exception ended, as links and monitors see it.
  func exitReason(for e: Exception) -> Term {
    switch e.kind {
    case .exit: return e.reason
    case .error: return .tuple([e.reason, stackTerm(e.stack)])
    case .throw:
      return .tuple([.tuple([.atom(atoms.intern("nocatch")), e.reason]), stackTerm(e.stack)])
    }
  }

  func passes(_ t: Term, _ test: TypeTest) -> Bool {
    switch (test, t) {
    case (.atom, .atom), (.integer, .int), (.integer, .big), (.float, .float): return true
    case (.number, .int), (.number, .big), (.number, .float): return true
    case (.list, .cons), (.list, .empty), (.tuple, .tuple), (.binary, .binary), (.map, .map): return true
    case (.pid, .pid), (.reference, .ref), (.function, .fun): return true
    case (.boolean, .atom(let a)): return a == .true || a == .false
    default: return false
    }
  }
}
