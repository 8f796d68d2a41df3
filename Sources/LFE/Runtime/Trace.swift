/// A record of what processes did while it was on: who spawned, sent, received, linked,
/// monitored, registered and exited, in the order the scheduler ran it. The runtime
/// writes to it only when `Runtime.trace` is set; a sequence diagram reads it.
///
/// A long run keeps its first `headLimit` and last `tailLimit` events and counts the
/// ones between, so tracing a million messages holds a few thousand.
public final class Trace {
  /// One thing a process did. `process` is the one that did it.
  public struct Event {
    public let process: Pid
    public let kind: Kind
  }

  public enum Kind {
    /// Started `child` running `function`: `m:f/N`, `fun in m:f/N` for a fun written in
    /// a module, `fun` for one typed at the shell.
    case spawn(child: Pid, function: String)
    /// Sent `message` to `to` (nil: a registered name that no process has).
    case send(to: Pid?, message: Term)
    /// A `receive` took `message` out of the mailbox.
    case receive(message: Term)
    /// Ended with `reason`.
    case exit(reason: Term)
    case link(Pid)
    case monitor(Pid)
    /// Registered under `name`.
    case register(name: String)
    /// A monitor's `DOWN` message, from the dead `process` to `to`.
    case down(to: Pid, message: Term)
    /// An exit signal from the dead (or signalling) `process` to `to`; `trapped` when
    /// `to` traps exits and gets it as a message.
    case exitSignal(to: Pid, reason: Term, trapped: Bool)
  }

  public let atoms: AtomTable
  public let headLimit: Int
  public let tailLimit: Int
  private var head: [Event] = []
  private var tail: [Event] = []
  /// Where the oldest event of `tail` is, once it is full and wraps.
  private var tailStart = 0
  /// The shell's evaluators (a new one takes over after an error) among the processes
  /// that did something.
  public private(set) var evaluators: Set<Pid> = []
  /// Events neither kept at the start nor still among the last ones.
  public private(set) var omitted = 0

  public init(atoms: AtomTable, headLimit: Int = 2000, tailLimit: Int = 2000) {
    self.atoms = atoms
    self.headLimit = max(0, headLimit)
    self.tailLimit = max(1, tailLimit)
  }

  /// Events kept from the start of the run, in order.
  public var first: [Event] { head }
  /// Events kept from the end of the run, in order (empty while everything fits `first`).
  public var last: [Event] { Array(tail[tailStart...] + tail[..<tailStart]) }
  /// Every event seen, kept or not.
  public var count: Int { head.count + tail.count + omitted }

  func record(_ e: Event, by p: Process) {
    if p.isEvaluator { evaluators.insert(p.pid) }
    record(e)
  }

  func record(_ e: Event) {
    if head.count < headLimit {
      head.append(e)
    } else if tail.count < tailLimit {
      tail.append(e)
    } else {
      tail[tailStart] = e
      tailStart = (tailStart + 1) % tailLimit
      omitted += 1
    }
  }

  /// Forgets everything recorded (a new exchange starts).
  public func clear() {
    head = []
    tail = []
    tailStart = 0
    omitted = 0
    evaluators = []
  }
}

/// The hooks: each is called behind a `trace != nil` test, so they stay out of line.
extension Runtime {
  /// `child` as a pid term, after tracing that `parent` spawned it.
  @inline(__always)
  func traced(spawn child: Pid, by parent: Process) -> Term {
    if trace != nil { traceSpawn(by: parent, child: child) }
    return .pid(child)
  }

  @inline(never)
  func traceSpawn(by parent: Process, child: Pid) {
    guard let trace, let q = processes[child.serial] else { return }
    let (m, f, n) = q.initialCall
    var function = "\(atoms.name(m)):\(atoms.name(f))/\(n)"
    if m == .erlang && f == .apply, let code = q.frameCount > 0 ? q.frames[0].function : nil {
      // A fun: name the function it was written in rather than erlang:apply/2.
      let c = code.takeUnretainedValue()
      function = Runtime.funDescription(module: atoms.name(c.module), name: atoms.name(c.name))
    }
    trace.record(.init(process: parent.pid, kind: .spawn(child: child, function: function)), by: parent)
  }

  /// `fun` for one typed at the shell, `fun in ring:start/1` for one written in
  /// `start/1` of module ring (compiled as `-start/1-fun-0-`).
  static func funDescription(module: String, name: String) -> String {
    guard name.hasPrefix("-"), let end = name.dropFirst().firstIndex(of: "-") else {
      return "\(module):\(name)"
    }
    let outer = name[name.index(after: name.startIndex)..<end]
    if module == "lfe_eval" || module == "lfe_shell" { return "fun" }
    return "fun in \(module):\(outer)"
  }

  @inline(never)
  func traceSend(by p: Process, to: Pid?, message: Term) {
    trace?.record(.init(process: p.pid, kind: .send(to: to, message: message)), by: p)
  }

  /// The VM's send, before it happens: `to` and `message` are the sender's registers.
  @inline(never)
  func traceSend(by p: Process, to: UnsafePointer<Term>, message: UnsafePointer<Term>) {
    // A bad destination raises in the send itself; only a send that happens is drawn.
    guard let target = try? destination(to.pointee) else {
      if case .tuple = to.pointee { traceSend(by: p, to: nil, message: message.pointee) }
      return
    }
    traceSend(by: p, to: target, message: message.pointee)
  }

  @inline(never)
  func traceReceive(by p: Process) {
    guard let message = p.mailbox.atCursor else { return }
    trace?.record(.init(process: p.pid, kind: .receive(message: message)), by: p)
  }

  @inline(never)
  func traceExit(_ p: Process, reason: Term) {
    trace?.record(.init(process: p.pid, kind: .exit(reason: reason)), by: p)
  }

  @inline(never)
  func traceEvent(_ p: Pid, _ kind: Trace.Kind) {
    trace?.record(.init(process: p, kind: kind))
  }
}

extension Runtime {
  /// The name `pid` is registered under now, if any (for naming a trace's processes).
  public func registeredName(of pid: Pid) -> String? {
    processes[pid.serial]?.registeredName.map { atoms.name($0) }
  }

  /// Starts recording what processes do into a fresh trace, replacing any other.
  @discardableResult
  public func startTrace(headLimit: Int = 2000, tailLimit: Int = 2000) -> Trace {
    let t = Trace(atoms: atoms, headLimit: headLimit, tailLimit: tailLimit)
    trace = t
    return t
  }

  /// Stops recording; the trace recorded so far.
  @discardableResult
  public func stopTrace() -> Trace? {
    defer { trace = nil }
    return trace
  }
}
