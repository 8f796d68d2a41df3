/// An LFE shell session, as `lfe_shell`: forms are read, shell commands (`set`, `defun`,
/// `c`, `flush`, ...) handled, and everything else evaluated in an evaluator process.
///
/// After each form the shell prints its value, then lets other processes run until all
/// wait, printing what they print: the order published transcripts show. An error in
/// the evaluator prints `** exception ...` and a new evaluator takes over: `(self)`
/// changes and the old mailbox is gone, but shell variables and functions remain.
public final class Shell {
  public let runtime: Runtime
  public var profile: Profile
  /// Shell variables bound by `set` and the history variables `+`, `*`, ....
  public private(set) var variables: [String: Term] = [:]
  /// Functions typed at the prompt with `defun`.
  var functions: [FunctionKey: FunctionCode] = [:]
  /// Macros typed at the prompt with `defmacro`.
  var macros: [String: FunctionCode] = [:]
  var evaluator: Process? = nil
  /// Whether the last form evaluated raised, or did not compile.
  public var lastFormFailed: Bool { failed }
  /// Whether `(exit)`, `(q)` or `(c:q)` was evaluated: the session should end.
  public private(set) var exitRequested = false
  /// Whether the last form was stopped by `Limits.wallMillisecondsPerStep`.
  public private(set) var lastFormTimedOut = false
  /// On a real clock, how long the shell lets other processes run after a form before
  /// it gives the prompt back (nil: until all wait, as with input from a pipe). At a
  /// terminal the rest runs while the prompt waits (`runBackground`).
  public var settleMilliseconds: Int? = nil
  private var formatter: ErrorFormatter { ErrorFormatter(atoms: runtime.atoms, pidStyle: profile.pidStyle) }

  public init(runtime: Runtime, profile: Profile = .lfe2) {
    self.runtime = runtime
    self.profile = profile
  }

  var atoms: AtomTable { runtime.atoms }

  /// The evaluator's pid: the shell process as LFE code sees it.
  public var shellPid: Pid? { evaluator?.pid }

  // MARK: Reading

  /// What reading the start of some input found.
  public enum ReadOutcome {
    /// A whole form, and how much of the text it used (in UTF-8 bytes).
    case form(Form, consumed: Int)
    /// The text ends inside a form: more lines are needed.
    case incomplete
    /// Only whitespace and comments.
    case empty
    /// The text cannot be read; the message has the location.
    case error(String)
  }

  /// Reads the first form of `text`, whose first line is `line` of its source.
  public static func read(_ text: String, line: Int = 1) -> ReadOutcome {
    var reader = Reader(text, line: line)
    do {
      guard let form = try reader.next() else { return .empty }
      return .form(form, consumed: reader.byteOffset)
    } catch {
      if case .incomplete = error { return .incomplete }
      return .error(error.message)
    }
  }

  // MARK: Evaluating

  /// Evaluates one form as typed at the prompt; returns everything the shell prints for
  /// it: output of processes, compile messages, the value or the error.
  @discardableResult
  public func evaluate(_ form: Form) -> String {
    runtime.output.resetOverflow()
    runtime.beginStep()
    defer { runtime.stepWallDeadline = nil }
    lastFormTimedOut = false
    handle(form)
    // `(exit)`, `(q)` or `(c:q)` ran: LFE answers ok and the session ends.
    if runtime.haltRequested {
      runtime.haltRequested = false
      exitRequested = true
    }
    // A form stopped for its time leaves the others for the next step (or the prompt).
    if !lastFormTimedOut && runtime.runtimeLimitReached == nil { settle() }
    endStepAtRuntimeLimit(what: "this form")
    var text = runtime.output.drain()
    if runtime.output.overflowed {
      text += "** output limit reached: \(runtime.limits.outputBytes) bytes; the evaluation was stopped\n"
    }
    return text
  }

  /// Processes other than the evaluator still running after the last form: ones that
  /// never wait keep the runtime busy.
  public func busyProcesses() -> [BusyProcess] { runtime.busyProcesses() }

  /// Evaluates the first form in `source` (a line or lines typed at the prompt).
  @discardableResult
  public func evaluate(source: String, line: Int = 1) -> String {
    switch Shell.read(source, line: line) {
    case .form(let f, _): return evaluate(f)
    case .empty: return ""
    case .incomplete:
      failed = true
      return "** incomplete form: the text ends before the form that starts at line \(line) is closed\n"
    case .error(let message):
      failed = true
      return "** \(message)\n"
    }
  }

  private func write(_ s: String) { runtime.output.write(s) }

  /// Whether values are printed: off for the forms of a top-level `progn` but its last.
  private var printing = true

  private func printValue(_ v: Term) {
    if !printing { return }
    write(Printer.shellValue(v, atoms: atoms, pidStyle: profile.pidStyle) + "\n")
  }

  /// Dispatches shell commands; everything else runs in the evaluator. False when the
  /// form failed (its error is printed).
  @discardableResult
  private func handle(_ form: Form) -> Bool {
    failed = false
    handleForm(form)
    return !failed
  }

  /// Set when the form being handled raised or did not compile.
  private var failed = false
  /// Top-level macro calls whose expansions are being handled, one inside the next.
  private var topMacroDepth = 0

  private func handleForm(_ form: Form) {
    if let items = form.listElements, let head = items.first?.symbol {
      let args = Array(items.dropFirst())
      switch (head, args.count) {
      case ("progn", 1...) where args.contains(where: { Shell.isShellCommand($0) }):
        // A top-level progn holding shell commands runs form by form, so `set` inside
        // it binds. Any other progn is one expression in one evaluation.
        let outer = printing
        printing = false
        for sub in args.dropLast() where !handle(sub) {
          printing = outer
          failed = true
          return
        }
        printing = outer
        return handleForm(args[args.count - 1])
      case ("set", 0):
        // LFE's shell binds nothing and returns the empty list.
        shiftHistory(form: form, value: .empty)
        return printValue(.empty)
      case ("set", _) where args.count != 2 && !(args.count == 3 && args[1].head == "when"):
        write(
          formatter.format(
            Exception.error(.tuple([.atom(atoms.intern("bad_form")), .atom(atoms.intern("set"))]))))
        failed = true
        return
      case ("set", 2...):
        return evaluateSet(args, form)
      case ("defun", 2...):
        return defineFunction(args, form)
      case ("defmacro", 2...):
        return defineMacro(args, form)
      case (let name, _) where macros[name] != nil:
        // A macro call at the top level may expand to a shell command (a defun, say).
        // A macro whose expansion is another top-level macro call comes back here:
        // each unit starts from the depth already reached, so the chain is bounded.
        let unit = makeUnit()
        let b = FunctionBuilder(unit: unit, code: unit.newLambda(arity: 0, name: "-expand/0-"))
        do {
          let expanded = try b.expandUserMacro(macros[name]!, args, form)
          topMacroDepth += 1
          defer { topMacroDepth -= 1 }
          return handleForm(expanded)
        } catch {
          write("** exception error: \(error.message)\n\n")
          failed = true
          return
        }
      case ("c", 1), ("c", 2):
        return compileCommand(args[0], form)
      case ("l", 1):
        return compileCommand(args[0], form)
      case ("regs", 0):
        write(runtime.registeredTable())
        return printValue(.ok)
      case ("i", 0):
        write(runtime.processTable())
        return printValue(.ok)
      case ("help", 0):
        write(Shell.helpText)
        return printValue(.ok)
      case ("flush", 0):
        return evaluateExpression(
          Form(.list([Form(.symbol("c:flush"), at: form.location)], tail: nil), at: form.location), form)
      case ("pid", 3):
        return evaluateExpression(
          Form(.list([Form(.symbol("c:pid"), at: form.location)] + args, tail: nil), at: form.location), form)
      case ("p", 1), ("pp", 1):
        return evaluateExpression(args[0], form, printWith: head)
      default:
        break
      }
    }
    evaluateExpression(form, form)
  }

  /// Forms the shell itself handles rather than the evaluator.
  static func isShellCommand(_ f: Form) -> Bool {
    guard let head = f.head else { return false }
    return ["set", "defun", "defmacro", "c", "l", "progn"].contains(head)
  }

  /// Compiles `expr` as a function of no arguments and runs it in the evaluator.
  private func evaluateExpression(_ expr: Form, _ form: Form, printWith: String? = nil) {
    guard let code = compileShellFunction(body: [expr], at: form) else { return }
    guard let v = run(code) else { return }
    switch printWith {
    case "p":
      // `p` prints the whole value on one line, `pp` pretty at full depth; both answer ok.
      write(Printer.lfe(v, atoms: atoms, pidStyle: profile.pidStyle) + "\n")
      shiftHistory(form: form, value: .ok)
      printValue(.ok)
    case "pp":
      write(Printer.lfePretty(v, atoms: atoms, pidStyle: profile.pidStyle) + "\n")
      shiftHistory(form: form, value: .ok)
      printValue(.ok)
    default:
      shiftHistory(form: form, value: v)
      printValue(v)
    }
  }

  /// Compiles forms typed at the prompt; prints the error and returns nil if they do not compile.
  private func compileShellFunction(body: [Form], at form: Form) -> FunctionCode? {
    let unit = makeUnit()
    let code = unit.newLambda(arity: 0, name: "-expr/0-")
    let b = FunctionBuilder(unit: unit, code: code)
    b.line = Int32(form.location.line)
    do {
      try b.compileBody(body, form, to: b.allocate(), tail: true)
      b.finish()
      return code
    } catch {
      write("** exception error: \(error.message)\n\n")
      failed = true
      return nil
    }
  }

  /// Runs `code` in the evaluator; returns its value, or nil after printing its error.
  private func run(_ code: FunctionCode) -> Term? {
    let p: Process
    if let e = evaluator, e.status != .exited {
      p = e
      runtime.restart(p, with: code)
    } else {
      do {
        p = try runtime.spawn(
          code, arguments: [], initialCall: (atoms.intern("lfe_shell"), atoms.intern("server"), 0))
      } catch {
        write(formatter.format(error))
        return nil
      }
      p.isEvaluator = true
      evaluator = p
    }
    var result: Term? = nil
    var finished = false
    runtime.exitObserver = { [unowned self] q in
      guard q === p else { return }
      finished = true
      if q.status == .exited { self.reportedDeath.insert(q.pid) }
      if let e = q.exception {
        self.failed = true
        self.write(self.formatter.format(e))
      } else if q.status == .exited {
        self.failed = true
        self.write(self.formatter.format(Exception(.exit, q.exitReason)))
      } else {
        result = q.result
      }
      self.runtime.stop()
    }
    defer { runtime.exitObserver = nil }
    while !finished {
      let outcome = runtime.run()
      if finished { break }
      switch outcome {
      case .stopped, .paused: continue
      case .wallTimeLimit:
        lastFormTimedOut = true
        write(wallTimeMessage(evaluator: p))
      case .idle:
        write("** the evaluator waits for a message that no process can send; it was stopped\n\n")
      case .interrupted:
        write("** interrupted: the evaluation was stopped\n\n")
      case .timeLimit:
        let ms = runtime.limits.virtualMillisecondsPerStep
        write("** evaluation stopped: it waits past the \(ms) ms of virtual time one step may use\n\n")
      case .budgetSpent:
        write("** evaluation stopped: it ran more than \(runtime.limits.reductionsPerStep) reductions\n\n")
      case .runtimeLimit:
        // `endStepAtRuntimeLimit` says which limit, with the other processes ended.
        break
      }
      // Every way out but `.stopped` ends the evaluator; the next form gets a new one.
      killedByShell.insert(p.pid)
      runtime.exitObserver = nil
      runtime.exitProcess(p, reason: .atom(.killed))
      failed = true
      return nil
    }
    return result
  }

  /// Lets other processes run until all wait (or the step's budget ends).
  private func settle() {
    runtime.exitObserver = nil
    // On a real clock the prompt comes back at once; timers fire when they are due, as
    // the next forms run or while the prompt waits. Virtual time runs every timeout now,
    // as a transcript shows.
    if runtime.clockMode == .real, let ms = settleMilliseconds {
      runtime.pauseAt = Clock.hostMilliseconds() + Int64(ms)
    }
    defer { runtime.pauseAt = nil }
    if runtime.run(waitForTimers: false) == .wallTimeLimit {
      lastFormTimedOut = true
      stopBusyProcess()
    }
    reportEvaluatorDeath()
  }

  /// An evaluator killed by a linked process between forms reports it, as LFE does.
  private func reportEvaluatorDeath() {
    if let e = evaluator, e.status == .exited, !reportedDeath.contains(e.pid), !killedByShell.contains(e.pid)
    {
      reportedDeath.insert(e.pid)
      write(formatter.format(Exception(.exit, e.exitReason)))
    }
  }

  /// Reductions the processes may run in one call of `runBackground`, besides its time.
  static let backgroundReductions = 50_000_000

  /// Runs the other processes for at most `milliseconds` of the host's time (and a cap
  /// of reductions) without waiting for timers that are not due; returns what they
  /// printed. A terminal prompt calls it while it waits for keys, so on a real clock
  /// sleeps and timeouts end when their time comes and their output shows above the
  /// prompt. A process that never stops gets its slices here and never holds the prompt.
  /// On a virtual clock only what can run now runs: virtual time moves with forms alone.
  public func runBackground(milliseconds: Int) -> String {
    let output = runtime.output
    let echo = output.echo
    let interrupted = runtime.interrupted
    let virtualStep = runtime.limits.virtualMillisecondsPerStep
    // What runs here is collected for the caller to print above the prompt, and Ctrl-C
    // belongs to the prompt.
    output.echo = nil
    runtime.interrupted = nil
    runtime.limits.virtualMillisecondsPerStep = 0
    defer {
      output.echo = echo
      runtime.interrupted = interrupted
      runtime.limits.virtualMillisecondsPerStep = virtualStep
      runtime.pauseAt = nil
    }
    output.resetOverflow()
    runtime.exitObserver = nil
    runtime.stepWallDeadline = nil
    runtime.stepBudget = min(runtime.limits.reductionsPerStep, Shell.backgroundReductions)
    runtime.pauseAt = Clock.hostMilliseconds() + Int64(max(0, milliseconds))
    _ = runtime.run(waitForTimers: false)
    endStepAtRuntimeLimit(what: "the last form")
    reportEvaluatorDeath()
    var text = output.drain()
    if output.overflowed {
      text += "** output limit reached: \(runtime.limits.outputBytes) bytes; the rest was dropped\n"
    }
    return text
  }

  /// After a step that reached a runtime-wide limit (memory, the number of processes),
  /// ends every process the step started but the evaluator: they are what reached it,
  /// and left running they would reach it again at once.
  private func endStepAtRuntimeLimit(what form: String) {
    guard let limit = runtime.runtimeLimitReached else { return }
    runtime.runtimeLimitReached = nil
    let ended = runtime.endProcesses(startedSince: runtime.stepFirstSerial, sparing: evaluator?.pid)
    let which =
      switch ended {
      case 0: "no process \(form) started was left to end"
      case 1: "the process \(form) started was ended"
      default: "the \(ended) processes \(form) started were ended"
      }
    write("** evaluation stopped: \(limit); \(which)\n\n")
  }

  /// What the shell says when a form ran out of its time: which process was running
  /// and where, so a learner can find the loop that never ends.
  private func wallTimeMessage(evaluator p: Process) -> String {
    let limit = Shell.durationText(milliseconds: runtime.limits.wallMillisecondsPerStep ?? 0)
    let inspector = ProcessInspector(runtime: runtime, evaluator: evaluator)
    var text = "** evaluation stopped after \(limit): the evaluator \(inspector.describe(p))"
    text += p.status == .runnable ? " was running in " : " was waiting in "
    text += inspector.currentFunction(p)
    if let busy = runtime.lastPreempted, busy != p.pid, let q = runtime.process(busy), q.status == .runnable {
      text += p.status == .runnable ? ", and " : ", while "
      text += inspector.describe(q) + " kept running in " + inspector.currentFunction(q)
    }
    return text + "\n\n"
  }

  /// After a form, a process that kept the scheduler busy past the step's time is ended:
  /// otherwise every later step would spend its whole time on it too.
  private func stopBusyProcess() {
    let limit = Shell.durationText(milliseconds: runtime.limits.wallMillisecondsPerStep ?? 0)
    guard let busy = runtime.lastPreempted, let q = runtime.process(busy), q.status == .runnable else {
      write("** the step ran past \(limit)\n\n")
      return
    }
    let inspector = ProcessInspector(runtime: runtime, evaluator: evaluator)
    write(
      "** the step ran past \(limit): \(inspector.describe(q)) kept running in "
        + "\(inspector.currentFunction(q)), so it was killed\n\n")
    runtime.exitProcess(q, reason: .atom(.killed))
  }

  /// `10 s`, `1.5 s`, `500 ms`.
  static func durationText(milliseconds ms: Int) -> String {
    if ms < 1000 { return "\(ms) ms" }
    if ms % 1000 == 0 { return "\(ms / 1000) s" }
    return "\(ms / 1000).\(ms % 1000 / 100) s"
  }

  private var reportedDeath: Set<Pid> = []
  private var killedByShell: Set<Pid> = []

  // MARK: Shell commands

  private func shiftHistory(form: Form, value: Term) {
    variables["+++"] = variables["++"]
    variables["++"] = variables["+"]
    variables["+"] = (try? literalOf(form)) ?? .empty
    variables["***"] = variables["**"]
    variables["**"] = variables["*"]
    variables["*"] = value
  }

  private func literalOf(_ f: Form) throws -> Term {
    let unit = CompileUnit(runtime: runtime, module: .lfe, topFunctions: [:], isShell: true)
    let b = FunctionBuilder(
      unit: unit, code: FunctionCode(arity: 0, module: .lfe, name: .lfe, index: 0, uniq: 0))
    return try b.literal(f)
  }

  /// `(set pattern expr)`: evaluates, matches, binds the pattern's variables.
  private func evaluateSet(_ args: [Form], _ form: Form) {
    let pattern = args[0]
    let expr = args[args.count - 1]
    var names = Set<String>()
    collectPatternVariables(pattern, into: &names)
    let ordered = names.sorted()
    let loc = form.location
    func sym(_ s: String) -> Form { Form(.symbol(s), at: loc) }
    func list(_ xs: [Form]) -> Form { Form(.list(xs, tail: nil), at: loc) }
    let valueName = " set-value"
    var binding = [pattern]
    if args.count == 3 { binding.append(args[1]) }
    binding.append(sym(valueName))
    let body = list([
      sym("let"), list([list([sym(valueName), expr])]),
      list([
        sym("let"), list([list(binding)]),
        list([sym("tuple"), sym(valueName), list([sym("tuple")] + ordered.map(sym))]),
      ]),
    ])
    guard let code = compileShellFunction(body: [body], at: form), let r = run(code) else { return }
    guard case .tuple(let t) = r, t.count == 2, case .tuple(let values) = t[1] else {
      failed = true
      return
    }
    for (i, n) in ordered.enumerated() { variables[n] = values[i] }
    shiftHistory(form: form, value: t[0])
    printValue(t[0])
  }

  private func collectPatternVariables(_ p: Form, into names: inout Set<String>) {
    switch p.node {
    case .symbol(let s):
      if s != "_" { names.insert(s) }
    case .list(let items, let tail):
      guard let h = items.first?.symbol else {
        for i in items { collectPatternVariables(i, into: &names) }
        return
      }
      if h == "quote" { return }
      if h == "binary" {
        // A segment `(value spec ...)` binds only in its value.
        for seg in items.dropFirst() {
          collectPatternVariables(seg.listElements?.first ?? seg, into: &names)
        }
        return
      }
      for i in items.dropFirst() { collectPatternVariables(i, into: &names) }
      if let tail { collectPatternVariables(tail, into: &names) }
      if !["tuple", "list", "cons", "=", "list*", "map", "binary", "backquote", "comma"].contains(h) {
        collectPatternVariables(items[0], into: &names)
      }
    default:
      break
    }
  }

  /// A compile unit for forms typed at the prompt: it sees the shell's variables,
  /// functions and macros.
  private func makeUnit() -> CompileUnit {
    let unit = CompileUnit(
      runtime: runtime, module: atoms.intern("lfe_eval"), topFunctions: functions, isShell: true,
      shellVariables: variables)
    unit.macros = macros
    unit.macroDepth = topMacroDepth
    return unit
  }

  /// `(defmacro name args body...)` at the prompt: a shell macro; its value is the name.
  private func defineMacro(_ args: [Form], _ form: Form) {
    guard let name = args[0].symbol else {
      write("** exception error: bad defmacro\n\n")
      failed = true
      return
    }
    do {
      macros[name] = try FunctionBuilder.compileMacro(
        unit: makeUnit(), name: name, parts: Array(args.dropFirst()), form: form)
      printValue(.atom(atoms.intern(name)))
    } catch {
      write("** exception error: \(error.message)\n\n")
      failed = true
    }
  }

  /// `(defun name args body...)` at the prompt: a shell function.
  private func defineFunction(_ args: [Form], _ form: Form) {
    guard let name = args[0].symbol else {
      write("** exception error: bad defun\n\n")
      failed = true
      return
    }
    let eval = atoms.intern("lfe_eval")
    let unit = makeUnit()
    let probe = FunctionBuilder(
      unit: unit, code: FunctionCode(arity: 0, module: eval, name: .lfe, index: 0, uniq: 0))
    var body = Array(args.dropFirst())
    if let n = FunctionBuilder.malformedDefinitionArity(body) {
      // LFE's shell stores the definition unchecked; calling it reports the bad form.
      let loc = form.location
      let params = (0..<n).map { _ in Form(.symbol("_"), at: loc) }
      let reason = Form(
        .tuple([Form(.symbol("bad_form"), at: loc), Form(.symbol("match-lambda"), at: loc)]), at: loc)
      let raise = Form(
        .list(
          [
            Form(.symbol("error"), at: loc),
            Form(.list([Form(.symbol("quote"), at: loc), reason], tail: nil), at: loc),
          ],
          tail: nil), at: loc)
      body = [Form(.list([Form(.list(params, tail: nil), at: loc), raise], tail: nil), at: loc)]
    }
    do {
      let (arity, _) = try probe.parseDefinition(body, form)
      let key = FunctionKey(atoms.intern(name), arity)
      let code = unit.newLambda(arity: arity, name: name)
      // The function may call itself (and earlier shell functions) by name.
      unit.topFunctions[key] = code
      try FunctionBuilder.compileTopLevel(unit: unit, code: code, body: body, form: form)
      functions[key] = code
      if profile.defunReturnsName {
        printValue(.atom(key.name))
      } else {
        printValue(.fun(Fun(code: code, captured: [])))
      }
    } catch {
      write("** exception error: \(error.message)\n\n")
      failed = true
    }
  }

  /// `(c "name")`: compiles `name.lfe` from the workspace and loads it.
  private func compileCommand(_ arg: Form, _ form: Form) {
    var name: String
    switch arg.node {
    case .string(let s): name = s
    case .symbol(let s): name = s
    case .list(let items, nil) where items.count == 2 && items[0].symbol == "quote":
      if case .string(let s) = items[1].node {
        name = s
      } else if let s = items[1].symbol {
        name = s
      } else {
        return evaluateExpression(form, form)
      }
    default:
      return evaluateExpression(form, form)
    }
    if name.hasSuffix(".lfe") { name = String(name.dropLast(4)) }
    let file = name + ".lfe"
    let read: String?
    do {
      read = try runtime.readFile(file)
    } catch {
      write("\(file):none: \(error)\n")
      return printValue(.atom(.error))
    }
    guard let source = read else {
      write("\(file):none: no such file or directory\n")
      return printValue(.atom(.error))
    }
    do {
      let result = try ModuleCompiler.compileAndLoad(source: source, file: file, runtime: runtime)
      for w in result.warnings { write("\(file):\(w.location.line): Warning: \(w.message)\n") }
      let value = Term.tuple([.atom(.module), .atom(atoms.intern(result.module))])
      printValue(profile.compileValueIsList ? .list([value]) : value)
    } catch {
      for e in error.errors { write("\(file):\(e.location.line): \(e.message)\n") }
      printValue(.atom(.error))
    }
  }

  static let helpText = """

    LFE shell built-in functions

    (c file)       -- compile and load code in <file>
    (exit)         -- quit - shorthand for init:stop/0
    (flush)        -- flush any messages sent to the shell
    (help)         -- help info
    (i)            -- information about the system
    (l module)     -- load or reload module
    (pid x y z)    -- convert x, y, z to a pid
    (regs)         -- information about registered processes

    LFE shell built-in commands

    (set pattern expr) -- evaluate expr and match the result with pattern
    (defun name (args) body) -- define a shell function

    LFE shell built-in variables

    + ++ +++       -- the three previous expressions
    * ** ***       -- the values of the three previous expressions

    """
}
