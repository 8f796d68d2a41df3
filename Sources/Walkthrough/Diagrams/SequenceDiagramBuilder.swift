import LFE

/// Turns a runtime's trace into a `SequenceDiagram`: names the processes, prints the
/// messages as LFE prints terms, and keeps the first and last `limit` events of a long run.
public struct SequenceDiagramBuilder {
  public let trace: Trace
  /// Names a pid when it has a name of its own (registered, or a shell variable holding it).
  public var nameOf: (Pid) -> String?
  public var pidStyle: Printer.PidStyle
  /// Events drawn from each end of a long run.
  public var limit: Int
  /// Pids drawn as `shell`, besides the evaluators the trace saw act.
  public var shellPids: Set<Pid> = []

  public static let defaultLimit = 40

  public init(
    trace: Trace, pidStyle: Printer.PidStyle = .tagged, limit: Int = SequenceDiagramBuilder.defaultLimit,
    nameOf: @escaping (Pid) -> String? = { _ in nil }
  ) {
    self.trace = trace
    self.pidStyle = pidStyle
    self.limit = max(1, limit)
    self.nameOf = nameOf
  }

  /// Names from a shell: the runtime's registered names, else a shell variable bound to
  /// the pid (`set` or `let` at the prompt; history variables such as `*` do not count).
  public init(trace: Trace, shell: Shell, limit: Int = SequenceDiagramBuilder.defaultLimit) {
    var byVariable: [Pid: String] = [:]
    for (name, value) in shell.variables.sorted(by: { $0.key < $1.key }) {
      guard case .pid(let pid) = value, let c = name.first, c != "+", c != "*" else { continue }
      if byVariable[pid] == nil { byVariable[pid] = name }
    }
    let runtime = shell.runtime
    self.init(trace: trace, pidStyle: shell.profile.pidStyle, limit: limit) { pid in
      runtime.registeredName(of: pid) ?? byVariable[pid]
    }
    // The evaluator may only be sent to, never act, while the trace is on.
    if let pid = shell.shellPid { shellPids.insert(pid) }
  }

  /// The events to draw, with how many are left out after the first `limit`.
  private func selectedEvents() -> (first: [Trace.Event], omitted: Int, last: [Trace.Event]) {
    let head = trace.first
    let tail = trace.last
    let total = trace.count
    if total <= 2 * limit { return (head + tail, 0, []) }
    let all = head + tail
    // Events the trace itself dropped lie between its head and its tail.
    let first = Array(all.prefix(limit))
    let last = Array(all.suffix(limit))
    return (first, total - first.count - last.count, last)
  }

  public func build() -> SequenceDiagram {
    let (first, omitted, last) = selectedEvents()
    var names: [Pid: String] = [:]
    // Names registered during the run, even by processes that have since died.
    for e in first + last {
      if case .register(let name) = e.kind, names[e.process] == nil { names[e.process] = name }
    }
    var participants: [SequenceDiagram.Participant] = []
    var index: [String: Int] = [:]
    var byPid: [Pid: Int] = [:]
    var rows: [SequenceDiagram.Row] = []

    func isShell(_ pid: Pid) -> Bool { trace.evaluators.contains(pid) || shellPids.contains(pid) }
    func name(_ pid: Pid) -> String {
      if isShell(pid) { return "shell" }
      return names[pid] ?? nameOf(pid) ?? "<0.\(pid.serial).0>"
    }
    func participant(_ pid: Pid, spawnedAt: Int? = nil) -> Int {
      if let i = byPid[pid] { return i }
      var n = name(pid)
      if let i = index[n], isShell(pid) {
        byPid[pid] = i
        return i
      }
      // A name used twice (a name registered again after its process died).
      if index[n] != nil { n += " <0.\(pid.serial).0>" }
      let i = participants.count
      participants.append(.init(name: n, spawnedAt: spawnedAt, endsAt: nil))
      index[n] = i
      byPid[pid] = i
      return i
    }
    let shellFirst = (first + last).first { isShell($0.process) }
    if let s = shellFirst { _ = participant(s.process) }

    func text(_ t: Term) -> String {
      Printer.lfePretty(
        t, atoms: trace.atoms, pidStyle: pidStyle, depth: -1, indent: 0, lineLength: 1_000_000)
    }
    var exited: Set<Int> = []
    func add(_ e: Trace.Event) {
      let row = rows.count
      let me = participant(e.process)
      switch e.kind {
      case .spawn(let child, let function):
        let c = participant(child, spawnedAt: byPid[child] == nil ? row : nil)
        rows.append(.arrow(from: me, to: c, style: .spawn, label: "spawn \(function)"))
      case .send(let to, let message):
        if let to {
          rows.append(.arrow(from: me, to: participant(to), style: .message, label: text(message)))
        } else {
          rows.append(.note(at: me, mark: .lost, text: "sent \(text(message)) to no process"))
        }
      case .receive(let message):
        rows.append(.note(at: me, mark: .receive, text: "receive \(text(message))"))
      case .exit(let reason):
        rows.append(.note(at: me, mark: .exit, text: "exit \(text(reason))"))
        if !isShell(e.process) { exited.insert(me) }
      case .link(let other):
        rows.append(.note(at: me, mark: .link, text: "link \(participants[participant(other)].name)"))
      case .monitor(let other):
        rows.append(.note(at: me, mark: .monitor, text: "monitor \(participants[participant(other)].name)"))
      case .register(let n):
        rows.append(.note(at: me, mark: .register, text: "register \(n)"))
      case .down(let to, let message):
        rows.append(.arrow(from: me, to: participant(to), style: .signal, label: text(message)))
      case .exitSignal(let to, let reason, let trapped):
        let label = "EXIT \(text(reason))" + (trapped ? " (trapped)" : "")
        rows.append(.arrow(from: me, to: participant(to), style: .signal, label: label))
      }
    }
    for e in first { add(e) }
    if omitted > 0 { rows.append(.gap(omitted: omitted)) }
    for e in last { add(e) }
    // A lifeline that exited ends at the last row it takes part in (its DOWN and EXIT
    // signals come just after its exit).
    for (r, row) in rows.enumerated() {
      switch row {
      case .arrow(let a, let b, _, _):
        if exited.contains(a) { participants[a].endsAt = r }
        if exited.contains(b) { participants[b].endsAt = r }
      case .note(let a, _, _):
        if exited.contains(a) { participants[a].endsAt = r }
      case .gap:
        break
      }
    }
    return SequenceDiagram(participants: participants, rows: rows)
  }
}
