/// One LFE system: atoms, loaded modules, processes, the scheduler and its clock.
///
/// Nothing here is global: several runtimes can run side by side on their own threads
/// (one per page being checked), and none shares mutable state with another.
public final class Runtime {
  public let atoms: AtomTable
  public var limits: Limits {
    didSet {
      output.limit = limits.outputBytes
      atoms.limit = limits.atoms
    }
  }
  public let output: OutputSink
  var clock: Clock
  let nativeContext: NativeContext

  var modules: [Atom: Module] = [:]
  var natives: [MFA: NativeBody] = [:]
  var processNatives: [MFA: ProcessNativeBody] = [:]
  /// Every compiled function ever made: frames point at them without retaining.
  var allCode: [FunctionCode] = []
  var nextFunUniq = 1
  /// Timers made by erlang:send_after, by their reference, for cancel_timer.
  var timerRefs: [Ref: Pid] = [:]
  /// Processes that have exited and whose links and monitors are still to be told.
  var pendingExits: [Process] = []
  /// Dead processes out of the table, released once no slice is running.
  var graveyard: [Unmanaged<Process>] = []
  /// The spare boxes of the thread running the processes, for the VM's cells and
  /// tuples; `run` looks it up again, in case it runs on another thread than before.
  var boxPool = BoxPool.current
  var drainingExits = false
  /// Bumped by every module load, so cached call targets are looked up again.
  var codeGeneration = 0
  /// The function spawn/3 started last, while no module has loaded since.
  /// (Uncounted: the runtime keeps every function alive.)
  var lastSpawned:
    (module: Atom, function: Atom, arity: Int, generation: Int, code: Unmanaged<FunctionCode>)? = nil
  /// Entry functions of the library that processes start in, found once.
  var stubs: (apply: FunctionCode?, sendAfter: FunctionCode?, value: FunctionCode?) = (nil, nil, nil)

  let processes = ProcessTable()
  var registered: [Atom: Pid] = [:]
  let runQueue = RunQueue()
  var timers = TimerQueue()
  var nextPidSerial: UInt32
  var nextRefSerial: UInt64 = 1
  /// Reductions left in the current shell step.
  var stepBudget = 0
  /// Called when an evaluator process exits, before its links are told (the shell
  /// watches its evaluator, a macro's runner its own).
  var exitObserver: ((Process) -> Void)? = nil
  /// What processes do, recorded while set (see `Trace`); nil costs one test per send,
  /// receive and spawn.
  public var trace: Trace? = nil
  /// Reads a workspace file for `c`; nil when it does not exist. It throws when the
  /// file may not be read (outside the workspace, say); the error's description says
  /// why, for a message after the file's name.
  public var readFile: (String) throws -> String? = { _ in nil }

  public init(clock: ClockMode = .virtual, limits: Limits = Limits(), firstPid: UInt32 = 79) {
    let atoms = AtomTable()
    self.atoms = atoms
    self.limits = limits
    let output = OutputSink(limit: limits.outputBytes)
    self.output = output
    self.clock = Clock(mode: clock)
    self.nativeContext = NativeContext(atoms: atoms, sink: output)
    self.nextPidSerial = firstPid
    for f in NativeLibrary.all {
      let key = MFA(module: atoms.intern(f.module), function: atoms.intern(f.name), arity: f.arity)
      if IONatives.prints(f) {
        processNatives[key] = Runtime.takingTurns(f.body)
      } else {
        natives[key] = f.body
      }
    }
    for f in ProcessNatives.all {
      let key = MFA(module: atoms.intern(f.module), function: atoms.intern(f.name), arity: f.arity)
      processNatives[key] = f.body
    }
    precondition(TermMemory.layoutChecked, "this compiler lays out Term differently from what the VM assumes")
    preludePending = Set(Prelude.sources.map { atoms.intern($0.0) })
    // Output past the limit ends the step, as running out of reductions does: a
    // process printing in a loop would otherwise run on, its text dropped, for as long
    // as the reductions last.
    output.onOverflow = { [unowned self] in self.stepBudget = 0 }
    atoms.limit = limits.atoms
  }

  deinit {
    // Dead processes still queued are the queue's to release; live ones the table's,
    // which outlives this.
    while let u = runQueue.pop() {
      if u._withUnsafeGuaranteedRef({ $0.releaseWhenDequeued }) { u.release() }
    }
    buryDead()
  }

  // MARK: Code

  func keep(_ code: FunctionCode) { allCode.append(code) }

  func makeFunUniq() -> Int {
    defer { nextFunUniq += 1 }
    return nextFunUniq
  }

  /// Installs a compiled module, replacing an older version of it. Remote call sites
  /// look their target up again after any load.
  func load(_ module: Module) {
    modules[module.name] = module
    codeGeneration += 1
  }

  /// Finds a module that is not loaded yet (a course keeps modules compiled by earlier
  /// pages); true when it loaded one.
  public var autoloader: ((Runtime, String) -> Bool)? = nil

  /// Prelude modules not compiled into this runtime yet.
  var preludePending: Set<Atom> = []

  /// Modules the runtime itself provides, in Swift or in the prelude: no user module may
  /// take their names.
  lazy var builtInModules: Set<Atom> = {
    var names = Set(natives.keys.map(\.module)).union(processNatives.keys.map(\.module))
    for (name, _) in Prelude.sources { names.insert(atoms.intern(name)) }
    for name in ["erlang", "c", "lfe_shell", "lfe_eval", "lfe_io", "io", "io_lib", "lists", "code", "init"] {
      names.insert(atoms.intern(name))
    }
    return names
  }()

  func autoload(_ m: Atom) -> Bool {
    if preludePending.remove(m) != nil {
      Prelude.load(atoms.name(m), into: self)
      return true
    }
    guard let autoloader else { return false }
    return autoloader(self, atoms.name(m))
  }

  public func isLoaded(_ name: String) -> Bool { modules[atoms.intern(name)] != nil }

  // MARK: Processes

  /// Starts a process running `entry` with `arguments`; it waits in the run queue.
  func spawn(
    _ entry: FunctionCode, arguments: [Term], initialCall: (Atom, Atom, Int)
  ) throws(Exception)
    -> Process
  {
    try arguments.withUnsafeBufferPointer { a throws(Exception) in
      try spawn(entry, arguments: a, initialCall: initialCall)
    }
  }

  func spawn(
    _ entry: FunctionCode, arguments: UnsafeBufferPointer<Term>, initialCall: (Atom, Atom, Int)
  ) throws(Exception)
    -> Process
  {
    try spawnUncounted(entry, arguments: arguments, initialCall: initialCall).takeUnretainedValue()
  }

  /// `spawn`, handing back the new process uncounted (valid while it is in the table):
  /// its one counted reference goes straight from its creation to the process table.
  func spawnUncounted(
    _ entry: FunctionCode, arguments: UnsafeBufferPointer<Term>, initialCall: (Atom, Atom, Int)
  ) throws(Exception)
    -> Unmanaged<Process>
  {
    if processes.count >= limits.processes {
      // The whole step ends, not just the spawner: a fork bomb's other processes would
      // spawn on, each getting this error in turn.
      reachedRuntimeLimit("\(limits.processes) processes are alive (Limits.processes)")
      throw Exception.limitReached("\(limits.processes) processes are alive (Limits.processes)")
    }
    guard nextPidSerial < UInt32.max else { throw Exception.error(.atom(.systemLimit)) }
    let pid = Pid(serial: nextPidSerial)
    nextPidSerial += 1
    let u = Unmanaged.passRetained(
      Process(pid: pid, entry: entry, arguments: arguments, initialCall: initialCall))
    processes.insert(u)
    u._withUnsafeGuaranteedRef { makeRunnable($0) }
    return u
  }

  func process(_ pid: Pid) -> Process? { processes[pid.serial] }

  /// Starts `code` afresh in an existing process (the shell's evaluator, between forms),
  /// keeping its pid, mailbox and links.
  func restart(_ p: Process, with code: FunctionCode) {
    // A form stopped inside a receive leaves its look at a message behind.
    p.forgetBorrowedLook()
    // A deep recursion in an earlier form may have grown the stacks a lot; give that back.
    if p.registerCapacity > 65536 { p.shrinkRegisters(to: max(code.frameSize, 64)) }
    if p.frameCapacity > 4096 { p.shrinkFrames() }
    if code.frameSize > p.registerCapacity { p.growRegisters(to: code.frameSize) }
    p.frames[0] = Frame(function: .passUnretained(code), returnPC: -1, base: 0, dest: -1)
    p.frameCount = 1
    p.pc = 0
    if !p.handlers.isEmpty { p.handlers = [] }
    p.parked = false
    p.mailbox.resetCursor()
    makeRunnable(p)
  }

  @inline(__always)
  func makeRunnable(_ p: Process) {
    p.status = .runnable
    if !p.queued {
      p.queued = true
      runQueue.push(.passUnretained(p))
    }
  }

  func makeRef() -> Ref {
    defer { nextRefSerial += 1 }
    return Ref(serial: nextRefSerial)
  }

  /// Delivers a message. A waiting receiver becomes runnable.
  func send(_ message: Term, to pid: Pid) {
    withUnsafePointer(to: message) { send(copying: $0, to: pid) }
  }

  /// Delivers a copy of the term at `message` (a sender's register).
  @inline(__always)
  func send(copying message: UnsafePointer<Term>, to pid: Pid) {
    guard let u = processes.unmanaged(pid.serial) else { return }
    u._withUnsafeGuaranteedRef { deliver(copying: message, to: $0) }
  }

  /// Delivers the term at `message` (a sender's temporary register), leaving `.empty`
  /// there: the mailbox takes the sender's reference instead of counting a new one.
  @inline(__always)
  func send(taking message: UnsafeMutablePointer<Term>, to pid: Pid) {
    if let u = processes.unmanaged(pid.serial),
      u._withUnsafeGuaranteedRef({ deliver(taking: message, to: $0) })
    {
      return
    }
    // Nobody took it: a send to a dead process drops the message.
    TermMemory.store(message, word: 0, tag: TermMemory.emptyTag)
  }

  /// True when the message moved into the mailbox.
  @inline(__always)
  private func deliver(taking message: UnsafeMutablePointer<Term>, to p: Process) -> Bool {
    if p.status == .exited { return false }
    if p.mailbox.count >= limits.mailboxLength {
      mailboxOverflow(p)
      return false
    }
    p.mailbox.append(taking: message)
    if p.status == .waiting && !p.parked {
      p.pc = p.resumeTarget
      makeRunnable(p)
    }
    return true
  }

  @inline(__always)
  private func deliver(copying message: UnsafePointer<Term>, to p: Process) {
    if p.status == .exited { return }
    if p.mailbox.count >= limits.mailboxLength {
      mailboxOverflow(p)
      return
    }
    p.mailbox.append(copying: message)
    // A receive with `after` keeps its deadline while it looks at the new message: its
    // timeout counts from when the receive began, not from the last message.
    if p.status == .waiting && !p.parked {
      p.pc = p.resumeTarget
      makeRunnable(p)
    }
  }

  /// Like BEAM when a process outgrows its heap limit: say so, then end it.
  @inline(never)
  private func mailboxOverflow(_ p: Process) {
    let reason = Term.tuple([.atom(atoms.intern("mailbox_limit")), .int(p.mailbox.count)])
    if !p.isEvaluator { reportCrash(p, reason: reason) }
    exitProcess(p, reason: reason)
  }

  /// Resolves a registered name or pid term to a pid, for `!`.
  func destination(_ t: Term) throws(Exception) -> Pid? {
    switch t {
    case .pid(let p): return p
    case .atom(let a):
      guard let p = registered[a] else { throw Exception.badarg }
      return p
    case .tuple(let tu) where tu.count == 2:
      // {Name, Node}: only the local node exists; a message to a name nobody has, or
      // to another node, is dropped without a word, as Erlang does.
      guard case .atom(let a) = tu[0], case .atom(let node) = tu[1] else { throw Exception.badarg }
      guard atoms.name(node) == "nonode@nohost" else { return nil }
      return registered[a]
    default:
      throw Exception.badarg
    }
  }

  // MARK: Exits, links, monitors

  /// Ends `p` with `reason`, telling linked and monitoring processes. The process is
  /// dead when this returns; the signals to its links go through a work list, so a
  /// chain of a million linked processes dies in a loop, not a million host frames.
  func exitProcess(_ p: Process, reason: Term) {
    if p.status == .exited { return }
    if trace != nil { traceExit(p, reason: reason) }
    p.status = .exited
    p.exitReason = reason
    p.deadline = nil
    if !p.isEvaluator, let e = p.exception, e.kind != .exit {
      reportCrash(p, reason: reason)
    }
    // Only evaluators (the shell's, a macro's) are watched.
    if p.isEvaluator { exitObserver?(p) }
    if let name = p.registeredName {
      registered[name] = nil
      p.registeredName = nil
    }
    if drainingExits {
      pendingExits.append(p)
      return
    }
    drainingExits = true
    propagateExit(p)
    var i = 0
    while i < pendingExits.count {
      propagateExit(pendingExits[i])
      i += 1
    }
    if i > 0 { pendingExits.removeAll(keepingCapacity: true) }
    drainingExits = false
  }

  /// Tells the links and monitors of a process that has just exited, and frees it.
  private func propagateExit(_ p: Process) {
    // Most processes never linked or were monitored: they have nothing to tell.
    if p.hasRelations {
      tellRelations(p)
    }
    p.releaseState()
    if let u = processes.remove(p.pid.serial) {
      // The run queue does not count its references: a queued process lives on until
      // the scheduler pops it. Otherwise it may be the very process running now, so it
      // lives on until its slice is over.
      if p.queued { p.releaseWhenDequeued = true } else { graveyard.append(u) }
    }
  }

  private func tellRelations(_ p: Process) {
    let reason = p.exitReason
    let links = p.links
    p.links = []
    for other in links.sorted() {
      guard let q = processes[other.serial] else { continue }
      q.links.remove(p.pid)
      deliverExitSignal(to: q, from: p.pid, reason: reason, linked: true)
    }
    let names = p.monitoredByName
    for (ref, watcher) in p.monitoredBy.sorted(by: { $0.key < $1.key }) {
      let who: Term = names[ref].map { nodeQualified($0) } ?? .pid(p.pid)
      let msg = Term.tuple([.atom(.DOWN), .ref(ref), .atom(.process), who, reason])
      if trace != nil { traceEvent(p.pid, .down(to: watcher, message: msg)) }
      send(msg, to: watcher)
    }
    p.monitoredBy = [:]
    for (ref, target) in p.monitors { processes[target.serial]?.monitoredBy[ref] = nil }
    p.monitors = [:]
  }

  /// An exit signal arriving at `q`: a message if it traps exits, else maybe its death.
  func deliverExitSignal(to q: Process, from: Pid, reason: Term, linked: Bool) {
    if q.status == .exited { return }
    if trace != nil { traceEvent(from, .exitSignal(to: q.pid, reason: reason, trapped: q.trapExit)) }
    if case .atom(let a) = reason, a == .kill, !linked {
      exitProcess(q, reason: .atom(.killed))
      return
    }
    if q.trapExit {
      send(.tuple([.atom(.EXIT), .pid(from), reason]), to: q.pid)
      return
    }
    if case .atom(let a) = reason, a == .normal { return }
    exitProcess(q, reason: reason)
  }

  /// What OTP's logger prints when a process dies of an error nobody caught.
  func reportCrash(_ p: Process, reason: Term) {
    var text = "=ERROR REPORT==== \(Clock.wallClockStamp()) ===\n"
    text += "Error in process <0.\(p.pid.serial).0> with exit value:\n"
    text += Printer.erlangPretty(reason, atoms: atoms) + "\n\n"
    output.write(text)
  }

  func link(_ a: Process, _ b: Pid) throws(Exception) {
    guard let q = processes[b.serial], q.status != .exited else {
      if a.trapExit {
        send(.tuple([.atom(.EXIT), .pid(b), .atom(.noproc)]), to: a.pid)
        return
      }
      throw Exception.error(.atom(.noproc))
    }
    if q === a { return }
    if trace != nil { traceEvent(a.pid, .link(b)) }
    a.links.insert(b)
    q.links.insert(a.pid)
  }

  /// Starts a monitor of `target` for `a`. `name` is set when the monitor was taken on a
  /// registered name: the `DOWN` message then names `#(Name Node)`, as Erlang's does.
  func monitor(_ a: Process, _ target: Pid, name: Atom? = nil) -> Ref {
    let ref = makeRef()
    if trace != nil { traceEvent(a.pid, .monitor(target)) }
    if let q = processes[target.serial], q.status != .exited {
      a.monitors[ref] = target
      q.monitoredBy[ref] = a.pid
      if let name { q.monitoredByName[ref] = name }
    } else {
      send(.tuple([.atom(.DOWN), .ref(ref), .atom(.process), .pid(target), .atom(.noproc)]), to: a.pid)
    }
    return ref
  }

  /// `#(Name nonode@nohost)`: how Erlang names a registered process in monitor messages.
  func nodeQualified(_ name: Atom) -> Term {
    .tuple([.atom(name), .atom(atoms.intern("nonode@nohost"))])
  }

  // MARK: Registry

  func register(_ name: Atom, _ pid: Pid) throws(Exception) {
    guard let p = processes[pid.serial], p.status != .exited, registered[name] == nil,
      p.registeredName == nil, name != .undefined
    else { throw Exception.badarg }
    if trace != nil { traceEvent(pid, .register(name: atoms.name(name))) }
    registered[name] = pid
    p.registeredName = name
  }

  func unregister(_ name: Atom) throws(Exception) {
    guard let pid = registered[name] else { throw Exception.badarg }
    registered[name] = nil
    processes[pid.serial]?.registeredName = nil
  }

  // MARK: Scheduling

  /// Why `run` stopped.
  public enum RunOutcome: Equatable, Sendable {
    /// Every live process waits for a message, with no timeout due within the step.
    case idle
    /// The step used its reductions; processes may still be runnable.
    case budgetSpent
    /// The next timeout lies beyond the virtual time one step may use.
    case timeLimit
    /// The step ran past `Limits.wallMillisecondsPerStep` of the host's time.
    case wallTimeLimit
    /// `pauseAt` came: the caller gave the processes only so long (the shell at its prompt).
    case paused
    /// `interrupted` answered true: the user asked to stop (Ctrl-C at the shell).
    case interrupted
    /// `stop()` asked for a pause (the shell's evaluator finished, say).
    case stopped
    /// A limit on the whole runtime was reached (`Limits.memoryBytes`,
    /// `Limits.processes`); `runtimeLimitReached` says which.
    case runtimeLimit
  }

  var stopRequested = false
  func stop() { stopRequested = true }

  /// Set by `c:q` and `init:stop`: the program asked the whole system to stop. The
  /// shell ends its session when the form that asked is done.
  var haltRequested = false

  /// Asked between time slices and while sleeping for timers: true stops the step (the
  /// terminal shell answers from its Ctrl-C handler).
  public var interrupted: (() -> Bool)? = nil

  /// Host milliseconds (`Clock.hostMilliseconds`) at which the current step has run too
  /// long, from `Limits.wallMillisecondsPerStep`; nil while no step is bounded.
  var stepWallDeadline: Int64? = nil
  /// Host milliseconds at which `run` returns `.paused`, or nil.
  var pauseAt: Int64? = nil
  /// The last process whose slice ended with it still runnable: the one keeping the
  /// scheduler busy, named when a step runs out of time.
  var lastPreempted: Pid? = nil

  /// What runtime-wide limit the current step reached, in words, or nil. The shell
  /// ends the processes the step started (`endProcesses`) and clears it.
  var runtimeLimitReached: String? = nil
  /// The serial of the first pid the current step may give out: the processes the step
  /// started have this one or a later one.
  var stepFirstSerial: UInt32 = 0
  /// `stepBudget` at or below which the next slice first looks at the memory the
  /// program holds (see `passCheckpoint`); never below 0, so the one test before each
  /// slice also finds the budget spent.
  var budgetCheckpoint = 0

  /// Reductions between two looks at the program's memory: the processes make at most
  /// about this many calls between looks, a few megabytes of stack; and one look
  /// (reading a small /proc file) costs nothing measurable next to them. A stack that
  /// doubles in between can still take the program past the limit by its own size.
  static let reductionsPerMemoryCheck = 65_536

  /// Starts a shell step: a fresh reduction budget and, when the limits ask for one, a
  /// deadline on the host's clock.
  func beginStep() {
    stepFirstSerial = nextPidSerial
    runtimeLimitReached = nil
    stepBudget = limits.reductionsPerStep
    stepWallDeadline = limits.wallMillisecondsPerStep.map { Clock.hostMilliseconds() + Int64($0) }
    lastPreempted = nil
  }

  /// Slices between two looks at the host's clock while a deadline is set: often enough
  /// to stop within a few milliseconds, rarely enough to cost nothing measurable.
  static let slicesPerClockCheck = 16

  /// Runs processes until all wait, the budget is spent, or `stop()` is called. With
  /// `waitForTimers` false on a real clock, it returns as soon as nothing can run now
  /// instead of sleeping until the next timeout (the shell between forms).
  func run(waitForTimers: Bool = true) -> RunOutcome {
    stopRequested = false
    boxPool = BoxPool.current
    HeapAccount.limit = limits.heapBytes ?? Int.max
    PrintBudget.nodes = PrintBudget.nodes(forOutputBytes: limits.outputBytes)
    let timeLimit = clock.now + limits.virtualMillisecondsPerStep
    let watchHostClock = stepWallDeadline != nil || pauseAt != nil
    var slicesToClockCheck = 0
    // The budget may have been set afresh since the last checkpoint.
    budgetCheckpoint = max(budgetCheckpoint, stepBudget &- Runtime.reductionsPerMemoryCheck, 0)
    while true {
      if stopRequested { return .stopped }
      if let interrupted, interrupted() { return .interrupted }
      if watchHostClock {
        slicesToClockCheck -= 1
        if slicesToClockCheck <= 0 {
          slicesToClockCheck = Runtime.slicesPerClockCheck
          if let outcome = hostDeadlinePassed() { return outcome }
        }
      }
      if let u = runQueue.pop() {
        switch u._withUnsafeGuaranteedRef({ runSlice($0) }) {
        case .ran:
          if !graveyard.isEmpty { buryDead() }
          continue
        case .budgetSpent:
          runQueue.pushFront(u)
          return runtimeLimitReached == nil ? .budgetSpent : .runtimeLimit
        case .dead:
          u.release()
          continue
        }
      }
      // Nothing can run: fire the earliest timeout, if any.
      guard let (deadline, pid) = timers.popDue(valid: { pid, d in processes[pid.serial]?.deadline == d })
      else { return runtimeLimitReached == nil ? .idle : .runtimeLimit }
      if clock.mode == .real && deadline > clock.now {
        timers.push(deadline: deadline, pid: pid)
        if !waitForTimers { return .idle }
        sleepUntil(deadline)
        // Look at the host's deadlines right after the sleep.
        slicesToClockCheck = 0
        continue
      }
      if clock.mode == .virtual && deadline > timeLimit {
        timers.push(deadline: deadline, pid: pid)
        return .timeLimit
      }
      clock.advance(to: deadline)
      if let p = processes[pid.serial], p.status == .waiting, p.deadline == deadline {
        p.deadline = nil
        p.pc = p.timeoutTarget
        p.mailbox.resetCursor()
        makeRunnable(p)
      }
    }
  }

  /// The budget reached `budgetCheckpoint`: true when the slice may run, false when
  /// the budget is spent, the runtime holds more than `Limits.heapBytes` or the program
  /// more memory than `Limits.memoryBytes`. Sets the next checkpoint.
  @inline(never)
  private func passCheckpoint() -> Bool {
    if stepBudget <= 0 { return false }
    budgetCheckpoint = max(stepBudget &- Runtime.reductionsPerMemoryCheck, 0)
    if let limit = limits.heapBytes, HeapAccount.bytes > limit {
      reachedRuntimeLimit(HeapAccount.exceededMessage(limit))
      return false
    }
    guard let limit = limits.memoryBytes, let held = ResidentMemory.bytes(), held > limit else {
      return true
    }
    reachedRuntimeLimit("the program holds more than \(limit >> 20) MB (Limits.memoryBytes)")
    return false
  }

  /// Notes a runtime-wide limit reached and ends the step's slices: the scheduler
  /// stops at the next one.
  func reachedRuntimeLimit(_ what: String) {
    if runtimeLimitReached == nil { runtimeLimitReached = what }
    stepBudget = 0
  }

  /// Ends every live process whose pid's serial is `firstSerial` or later, but
  /// `spared`, as killed, and frees them; returns how many it ended. The shell calls it
  /// when a step reached a runtime-wide limit: the processes the step started are
  /// what reached it.
  public func endProcesses(startedSince firstSerial: UInt32, sparing spared: Pid? = nil) -> Int {
    var ended = 0
    for p in processes.values where p.pid.serial >= firstSerial && p.pid != spared {
      // Killing one may already have ended others linked to it.
      if p.status == .exited { continue }
      exitProcess(p, reason: .atom(.killed))
      ended += 1
    }
    // Dead processes still in the run queue are freed only when it reaches them.
    var alive: [Unmanaged<Process>] = []
    while let u = runQueue.pop() {
      if u._withUnsafeGuaranteedRef({ $0.releaseWhenDequeued }) {
        u._withUnsafeGuaranteedRef {
          $0.releaseWhenDequeued = false
          $0.queued = false
        }
        u.release()
      } else {
        alive.append(u)
      }
    }
    for u in alive { runQueue.push(u) }
    buryDead()
    ResidentMemory.giveBack()
    return ended
  }

  /// `.wallTimeLimit` or `.paused` when the host's clock has reached the step's deadline
  /// or the pause.
  private func hostDeadlinePassed() -> RunOutcome? {
    let host = Clock.hostMilliseconds()
    if let d = stepWallDeadline, host >= d { return .wallTimeLimit }
    if let d = pauseAt, host >= d { return .paused }
    return nil
  }

  /// Sleeps on a real clock towards `deadline`, for at most 100 ms and never past the
  /// host's deadlines, so Ctrl-C and the limits are looked at while timers wait.
  private func sleepUntil(_ deadline: Int64) {
    var wait = min(deadline - clock.now, 100)
    let host = Clock.hostMilliseconds()
    if let d = stepWallDeadline { wait = min(wait, d - host) }
    if let d = pauseAt { wait = min(wait, d - host) }
    if wait > 0 { Clock.sleep(milliseconds: wait) }
  }

  /// The clock's mode now.
  public var clockMode: ClockMode { clock.mode }

  /// Switches between virtual and real time without a jump: real time continues from
  /// the virtual `now` (and back), and timeouts already set keep their deadlines. A
  /// learner's session replays earlier steps on virtual time, then goes live.
  public func setClock(_ mode: ClockMode) {
    clock.switchTo(mode)
  }

  private enum Slice { case ran, budgetSpent, dead }

  func buryDead() {
    // popLast keeps the storage and stays inline; removeAll goes through generic code.
    while let u = graveyard.popLast() { u.release() }
  }

  /// Runs a process just taken from the run queue for one slice.
  @inline(__always)
  private func runSlice(_ p: Process) -> Slice {
    p.queued = false
    if p.status != .runnable {
      if p.releaseWhenDequeued {
        p.releaseWhenDequeued = false
        return .dead
      }
      return .ran
    }
    // One test covers both the spent budget and the memory checkpoint.
    if stepBudget <= budgetCheckpoint, !passCheckpoint() {
      p.queued = true
      return .budgetSpent
    }
    let used = execute(p, reductions: min(Runtime.sliceReductions, stepBudget))
    p.reductions &+= used
    stepBudget -= used
    if p.status == .runnable && !p.queued {
      p.queued = true
      runQueue.push(.passUnretained(p))
      lastPreempted = p.pid
    }
    return .ran
  }

  /// Reductions a process runs before it yields to the next, as BEAM's slices.
  static let sliceReductions = 4000

  /// On BEAM a print is a request to the group leader that waits for its reply, so a
  /// process that prints lets the other runnable processes go first, and two printing
  /// processes take turns. A native calls this after it printed: the VM finds the
  /// caller waiting when the native returns, keeps the result, ends the slice and the
  /// process goes to the back of the run queue (see `execute`).
  func letOthersRun(_ p: Process) {
    if p.status == .runnable { p.status = .waiting }
  }

  /// A printing native made a process native that takes turns (`letOthersRun`).
  static func takingTurns(_ body: @escaping NativeBody) -> ProcessNativeBody {
    { rt, p, a throws(Exception) in
      let r = try body(rt.nativeContext, a)
      rt.letOthersRun(p)
      return r
    }
  }

  /// Sets the process waiting for a message with no timeout.
  func suspend(_ p: Process) {
    p.status = .waiting
    p.deadline = nil
  }

  /// The live processes, oldest first.
  var liveProcesses: [Process] {
    processes.values
  }

  public var processCount: Int { processes.count }
}

/// Pending timeouts, earliest first (a binary heap). Stale entries, whose process has
/// since been woken by a message, are skipped when popped.
struct TimerQueue {
  private var heap: [(deadline: Int64, seq: UInt64, pid: Pid)] = []
  private var seq: UInt64 = 0

  mutating func push(deadline: Int64, pid: Pid) {
    seq += 1
    heap.append((deadline, seq, pid))
    var i = heap.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      if less(heap[i], heap[parent]) {
        heap.swapAt(i, parent)
        i = parent
      } else {
        break
      }
    }
  }

  private func less(
    _ a: (deadline: Int64, seq: UInt64, pid: Pid), _ b: (deadline: Int64, seq: UInt64, pid: Pid)
  )
    -> Bool
  {
    a.deadline < b.deadline || (a.deadline == b.deadline && a.seq < b.seq)
  }

  private mutating func popTop() -> (Int64, Pid)? {
    guard let top = heap.first else { return nil }
    let last = heap.removeLast()
    if !heap.isEmpty {
      heap[0] = last
      var i = 0
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var m = i
        if l < heap.count && less(heap[l], heap[m]) { m = l }
        if r < heap.count && less(heap[r], heap[m]) { m = r }
        if m == i { break }
        heap.swapAt(i, m)
        i = m
      }
    }
    return (top.deadline, top.pid)
  }

  /// The earliest timeout whose process still waits on it.
  mutating func popDue(valid: (Pid, Int64) -> Bool) -> (Int64, Pid)? {
    while let (d, pid) = popTop() {
      if valid(pid, d) { return (d, pid) }
    }
    return nil
  }
}
