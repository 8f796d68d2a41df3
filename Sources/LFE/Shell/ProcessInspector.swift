/// Reads processes for people: their pids, where they are, what they wait for. It only
/// looks; nothing it does changes a process.
struct ProcessInspector {
  let runtime: Runtime
  /// The shell's evaluator, marked in what it shows.
  let evaluator: Process?

  private var atoms: AtomTable { runtime.atoms }

  func pidText(_ pid: Pid) -> String { "<0.\(pid.serial).0>" }

  /// `<0.90.0>`, or `<0.90.0> (worker)` for a registered process.
  func describe(_ p: Process) -> String {
    guard let name = p.registeredName else { return pidText(p.pid) }
    return "\(pidText(p.pid)) (\(atoms.name(name)))"
  }

  func initialCall(_ p: Process) -> String {
    let (m, f, a) = p.initialCall
    return "\(atoms.name(m)):\(atoms.name(f))/\(a)"
  }

  /// The function on top of its call stack.
  func currentFunction(_ p: Process) -> String {
    // Between forms the evaluator sits in the shell's loop, as LFE's does.
    if p.parked || p.frameCount == 0 { return initialCall(p) }
    return functionText(p.frames[p.frameCount - 1].function.takeUnretainedValue())
  }

  /// How LFE names a function: `m:f/1` in a module, `f/1` for one typed at the prompt.
  func functionText(_ code: FunctionCode) -> String {
    let module = atoms.name(code.module)
    let name = atoms.name(code.name)
    let typed = module == "lfe_eval"
    if name.hasPrefix("-expr/") { return "the form typed at the prompt" }
    if name.hasPrefix("-lambda/") {
      return typed ? "a fun/\(code.arity) typed at the prompt" : "a fun/\(code.arity) in \(module)"
    }
    return typed ? "\(name)/\(code.arity)" : "\(module):\(name)/\(code.arity)"
  }

  func status(_ p: Process) -> String {
    switch p.status {
    case .runnable: return "runnable"
    case .exited: return "exited"
    case .waiting:
      if p.parked { return "idle" }
      guard let deadline = p.deadline else { return "waiting" }
      return "waiting (after \(max(0, deadline - runtime.clock.now)) ms)"
    }
  }

  func snapshot(_ p: Process) -> ProcessSnapshot {
    ProcessSnapshot(
      pid: pidText(p.pid), registeredName: p.registeredName.map { atoms.name($0) },
      currentFunction: currentFunction(p), initialCall: initialCall(p), status: status(p),
      mailboxLength: p.mailbox.count, links: p.links.sorted().map(pidText),
      monitors: p.monitors.values.sorted().map(pidText),
      monitoredBy: p.monitoredBy.values.sorted().map(pidText),
      isShellEvaluator: p === evaluator)
  }
}
