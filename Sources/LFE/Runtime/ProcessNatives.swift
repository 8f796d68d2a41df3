#if canImport(Glibc)
  import Glibc
#endif

/// Built-in functions that act on processes: they need the runtime and the caller.
typealias ProcessNativeBody = (Runtime, Process, UnsafeBufferPointer<Term>) throws(Exception) -> Term

struct ProcessNative {
  let module: String
  let name: String
  let arity: Int
  let body: ProcessNativeBody

  init(_ module: String, _ name: String, _ arity: Int, _ body: @escaping ProcessNativeBody) {
    self.module = module
    self.name = name
    self.arity = arity
    self.body = body
  }
}

enum ProcessNatives {
  static var all: [ProcessNative] {
    [
      ProcessNative("erlang", "self", 0) { _, p, _ in .pid(p.pid) },
      ProcessNative("erlang", "spawn", 1) { rt, p, a throws(Exception) in
        rt.traced(spawn: try rt.spawnFun(a[0], link: nil).pid, by: p)
      },
      ProcessNative("erlang", "spawn_link", 1) { rt, p, a throws(Exception) in
        // Linked after the spawn is traced, so a diagram shows the spawn first.
        let q = rt.traced(spawn: try rt.spawnFun(a[0], link: nil).pid, by: p)
        if case .pid(let pid) = q { try rt.link(p, pid) }
        return q
      },
      ProcessNative("erlang", "spawn", 3) { rt, p, a throws(Exception) in
        rt.traced(
          spawn: try rt.spawnApplyUncounted(a[0], a[1], a[2], link: nil)._withUnsafeGuaranteedRef { $0.pid },
          by: p)
      },
      ProcessNative("erlang", "spawn_link", 3) { rt, p, a throws(Exception) in
        let q = rt.traced(spawn: try rt.spawnApply(a[0], a[1], a[2], link: nil).pid, by: p)
        if case .pid(let pid) = q { try rt.link(p, pid) }
        return q
      },
      ProcessNative("erlang", "spawn", 2) { rt, p, a throws(Exception) in
        .pid(try rt.spawnOnNode(a[0], fun: a[1], link: nil))
      },
      ProcessNative("erlang", "spawn_link", 2) { rt, p, a throws(Exception) in
        .pid(try rt.spawnOnNode(a[0], fun: a[1], link: p))
      },
      ProcessNative("erlang", "spawn", 4) { rt, p, a throws(Exception) in
        .pid(try rt.spawnOnNode(a[0], a[1], a[2], a[3], link: nil))
      },
      ProcessNative("erlang", "spawn_link", 4) { rt, p, a throws(Exception) in
        .pid(try rt.spawnOnNode(a[0], a[1], a[2], a[3], link: p))
      },
      ProcessNative("erlang", "spawn_monitor", 1) { rt, p, a throws(Exception) in
        let q = try rt.spawnFun(a[0], link: nil)
        _ = rt.traced(spawn: q.pid, by: p)
        return .tuple([.pid(q.pid), .ref(rt.monitor(p, q.pid))])
      },
      ProcessNative("erlang", "spawn_monitor", 3) { rt, p, a throws(Exception) in
        let q = try rt.spawnApply(a[0], a[1], a[2], link: nil)
        _ = rt.traced(spawn: q.pid, by: p)
        return .tuple([.pid(q.pid), .ref(rt.monitor(p, q.pid))])
      },
      ProcessNative("erlang", "send", 2) { rt, p, a throws(Exception) in
        let d = try rt.destination(a[0])
        if rt.trace != nil { rt.traceSend(by: p, to: d, message: a[1]) }
        if let d { rt.send(a[1], to: d) }
        return a[1]
      },
      ProcessNative("erlang", "!", 2) { rt, p, a throws(Exception) in
        let d = try rt.destination(a[0])
        if rt.trace != nil { rt.traceSend(by: p, to: d, message: a[1]) }
        if let d { rt.send(a[1], to: d) }
        return a[1]
      },
      ProcessNative("erlang", "link", 1) { rt, p, a throws(Exception) in
        guard case .pid(let q) = a[0] else { throw Exception.badarg }
        try rt.link(p, q)
        return .true
      },
      ProcessNative("erlang", "unlink", 1) { rt, p, a throws(Exception) in
        guard case .pid(let q) = a[0] else { throw Exception.badarg }
        p.links.remove(q)
        rt.process(q)?.links.remove(p.pid)
        return .true
      },
      ProcessNative("erlang", "monitor", 2) { rt, p, a throws(Exception) in
        guard case .atom(.process) = a[0] else { throw Exception.badarg }
        let target: Pid
        switch a[1] {
        case .pid(let q): target = q
        case .atom(let name):
          guard let q = rt.registered[name] else {
            let ref = rt.makeRef()
            rt.send(
              .tuple([.atom(.DOWN), .ref(ref), .atom(.process), rt.nodeQualified(name), .atom(.noproc)]),
              to: p.pid)
            return .ref(ref)
          }
          return .ref(rt.monitor(p, q, name: name))
        default: throw Exception.badarg
        }
        return .ref(rt.monitor(p, target))
      },
      ProcessNative("erlang", "demonitor", 1) { rt, p, a throws(Exception) in
        guard case .ref(let r) = a[0] else { throw Exception.badarg }
        if let t = p.monitors.removeValue(forKey: r) { rt.process(t)?.monitoredBy[r] = nil }
        return .true
      },
      ProcessNative("erlang", "demonitor", 2) { rt, p, a throws(Exception) in
        guard case .ref(let r) = a[0] else { throw Exception.badarg }
        if let t = p.monitors.removeValue(forKey: r) { rt.process(t)?.monitoredBy[r] = nil }
        return .true
      },
      ProcessNative("erlang", "exit", 2) { rt, p, a throws(Exception) in
        guard case .pid(let target) = a[0] else { throw Exception.badarg }
        guard let q = rt.process(target) else { return .true }
        if q === p {
          // A signal to oneself: kill is unconditional, others behave as from elsewhere.
          if case .atom(.kill) = a[1] {
            rt.exitProcess(p, reason: .atom(.killed))
          } else if p.trapExit {
            rt.send(.tuple([.atom(.EXIT), .pid(p.pid), a[1]]), to: p.pid)
          } else {
            rt.exitProcess(p, reason: a[1])
          }
          return .true
        }
        rt.deliverExitSignal(to: q, from: p.pid, reason: a[1], linked: false)
        return .true
      },
      ProcessNative("erlang", "register", 2) { rt, p, a throws(Exception) in
        guard case .atom(let name) = a[0], case .pid(let pid) = a[1] else { throw Exception.badarg }
        try rt.register(name, pid)
        return .true
      },
      ProcessNative("erlang", "unregister", 1) { rt, p, a throws(Exception) in
        guard case .atom(let name) = a[0] else { throw Exception.badarg }
        try rt.unregister(name)
        return .true
      },
      ProcessNative("erlang", "whereis", 1) { rt, p, a throws(Exception) in
        guard case .atom(let name) = a[0] else { throw Exception.badarg }
        if let pid = rt.registered[name] { return .pid(pid) }
        return .atom(.undefined)
      },
      ProcessNative("erlang", "registered", 0) { rt, p, a in
        .list(rt.registered.keys.sorted { rt.atoms.name($0) < rt.atoms.name($1) }.map { .atom($0) })
      },
      ProcessNative("erlang", "processes", 0) { rt, p, a in
        .list(rt.liveProcesses.map { .pid($0.pid) })
      },
      ProcessNative("erlang", "process_flag", 2) { rt, p, a throws(Exception) in
        guard case .atom(.trapExit) = a[0] else { throw Exception.badarg }
        let old = p.trapExit
        switch a[1] {
        case .atom(.true): p.trapExit = true
        case .atom(.false): p.trapExit = false
        default: throw Exception.badarg
        }
        return .bool(old)
      },
      ProcessNative("erlang", "is_process_alive", 1) { rt, p, a throws(Exception) in
        guard case .pid(let q) = a[0] else { throw Exception.badarg }
        return .bool(rt.process(q).map { $0.status != .exited } ?? false)
      },
      ProcessNative("erlang", "make_ref", 0) { rt, p, a in .ref(rt.makeRef()) },
      ProcessNative("erlang", "send_after", 3) { rt, p, a throws(Exception) in
        guard case .int(let ms) = a[0], ms >= 0 else { throw Exception.badarg }
        return .ref(try rt.sendAfter(ms, a[1], a[2]))
      },
      ProcessNative("erlang", "cancel_timer", 1) { rt, p, a throws(Exception) in
        guard case .ref(let r) = a[0] else { throw Exception.badarg }
        return rt.cancelTimer(r)
      },
      ProcessNative("erlang", "process_info", 2) { rt, p, a throws(Exception) in
        guard case .pid(let q) = a[0], case .atom(let item) = a[1] else { throw Exception.badarg }
        guard let proc = rt.process(q) else { return .atom(.undefined) }
        return .tuple([.atom(item), rt.processInfo(proc, item)])
      },
      ProcessNative("erlang", "group_leader", 0) { rt, p, a in .pid(p.pid) },
      ProcessNative("erlang", "garbage_collect", 0) { _, _, _ in .true },
      ProcessNative("erlang", "memory", 1) { rt, _, a throws(Exception) in
        guard case .atom = a[0] else { throw Exception.badarg }
        // Every term and process lives on the host heap: its bytes in use is the figure.
        return .int(Runtime.heapBytesInUse())
      },
      ProcessNative("erlang", "memory", 0) { rt, _, _ in
        .list([.tuple([.atom(rt.atoms.intern("total")), .int(Runtime.heapBytesInUse())])])
      },
      ProcessNative("c", "regs", 0) { rt, p, _ in
        rt.output.write(rt.registeredTable())
        rt.letOthersRun(p)
        return .ok
      },
      ProcessNative("c", "i", 0) { rt, p, _ in
        rt.output.write(rt.processTable())
        rt.letOthersRun(p)
        return .ok
      },
      // Stopping the system: the shell that ran it ends its session after this form.
      ProcessNative("c", "q", 0) { rt, _, _ in
        rt.haltRequested = true
        return .ok
      },
      ProcessNative("init", "stop", 0) { rt, _, _ in
        rt.haltRequested = true
        return .ok
      },
      ProcessNative("erlang", "yield", 0) { rt, p, _ in
        rt.letOthersRun(p)
        return .true
      },
    ]
  }
}

extension Runtime {
  /// The program's resident memory in bytes (every term and process lives on the host
  /// heap, so this is what `erlang:memory` can honestly report).
  static func heapBytesInUse() -> Int {
    #if canImport(Glibc)
      guard let f = fopen("/proc/self/statm", "r") else { return 0 }
      defer { fclose(f) }
      var size = 0
      var resident = 0
      guard
        withUnsafeMutablePointer(
          to: &size,
          { s in
            withUnsafeMutablePointer(to: &resident) { r in
              withVaList([s, r]) { vfscanf(f, "%ld %ld", $0) }
            }
          }) == 2
      else { return 0 }
      return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
    #else
      return 0
    #endif
  }

  /// Starts a process that calls a fun of no arguments.
  func spawnFun(_ f: Term, link: Process?) throws(Exception) -> Process {
    guard case .fun(let fun) = f, fun.arity == 0 else { throw Exception.badarg }
    let q: Process
    if let code = fun.code {
      q = try spawn(
        code, arguments: UnsafeBufferPointer(start: fun.capturedBase, count: fun.captureCount),
        initialCall: (.erlang, .apply, 2))
    } else {
      q = try spawnApply(.atom(fun.externalName.module), .atom(fun.externalName.function), .empty, link: nil)
    }
    if let link { try self.link(link, q.pid) }
    return q
  }

  /// The node a process runs on: there is only this one, and no distribution.
  static let localNode = "nonode@nohost"

  /// `spawn/2` and `spawn_link/2`: as OTP's erlang module, the local node starts the
  /// fun as `spawn/1` does, any other node goes through `spawn/4` with `erlang:apply`.
  func spawnOnNode(_ node: Term, fun: Term, link: Process?) throws(Exception) -> Pid {
    let name = link == nil ? "spawn" : "spawn_link"
    if case .atom(let n) = node, atoms.name(n) == Runtime.localNode {
      do {
        return try spawnFun(fun, link: link).pid
      } catch {
        throw annotate(error, .erlang, atoms.intern(name), [fun])
      }
    }
    guard case .fun = fun else { throw annotate(.badarg, .erlang, atoms.intern(name), [node, fun]) }
    return try spawnOnNode(node, .atom(.erlang), .atom(.apply), .list([fun, .empty]), link: link)
  }

  /// `spawn/4` and `spawn_link/4`. Another node cannot be reached: as Erlang does when
  /// it cannot connect, a warning is logged and the caller gets a local pid, with the
  /// exit signal `noconnection` when it asked for a link.
  func spawnOnNode(_ node: Term, _ m: Term, _ f: Term, _ args: Term, link: Process?) throws(Exception) -> Pid
  {
    let name = atoms.intern(link == nil ? "spawn" : "spawn_link")
    guard case .atom(let n) = node, case .atom = m, case .atom = f else {
      throw annotate(.badarg, .erlang, name, [node, m, f, args])
    }
    guard atoms.name(n) == Runtime.localNode else {
      let warning =
        "=WARNING REPORT==== \(Clock.wallClockStamp()) ===\n** Can not start "
        + "\(Printer.erlang(m, atoms: atoms)):\(Printer.erlang(f, atoms: atoms)),\(Printer.erlang(args, atoms: atoms))"
        + "\(link == nil ? "" : " ([link])") on \(Printer.erlang(node, atoms: atoms)) **\n\n"
      guard let link else {
        // The logger prints it a moment later, after the caller's value.
        return try spawnApply(
          .atom(atoms.intern("io")), .atom(atoms.intern("put_chars")), .list([.string(warning)]), link: nil
        ).pid
      }
      let pid = Pid(serial: nextPidSerial)
      nextPidSerial &+= 1
      output.write(warning)
      deliverExitSignal(to: link, from: pid, reason: .atom(atoms.intern("noconnection")), linked: true)
      return pid
    }
    guard args.listElements != nil else { throw annotate(.badarg, .erlang, name, [node, m, f, args]) }
    return try spawnApply(m, f, args, link: link).pid
  }

  /// Starts a process that calls m:f with args; an undefined function makes it crash, not the caller.
  func spawnApply(_ m: Term, _ f: Term, _ args: Term, link: Process?) throws(Exception) -> Process {
    try spawnApplyUncounted(m, f, args, link: link).takeUnretainedValue()
  }

  /// `spawnApply`, the new process uncounted (as `spawnUncounted` gives it).
  func spawnApplyUncounted(
    _ m: Term, _ f: Term, _ args: Term, link: Process?
  ) throws(Exception)
    -> Unmanaged<Process>
  {
    guard case .atom(let ma) = m, case .atom(let fa) = f else { throw Exception.badarg }
    // No arguments, the usual case, needs no array.
    let list: [Term]
    if case .empty = args {
      list = []
    } else {
      guard let elements = args.listElements else { throw Exception.badarg }
      list = elements
    }
    // An exported LFE function starts directly; anything else (a native, a module not
    // loaded yet, an undefined function) goes through apply in the new process, so an
    // undefined function crashes it rather than the caller.
    let q: Unmanaged<Process>
    if let code = exported(ma, fa, list.count) {
      q = try list.withUnsafeBufferPointer { a throws(Exception) in
        try spawnUncounted(code.takeUnretainedValue(), arguments: a, initialCall: (ma, fa, list.count))
      }
    } else {
      q = try [m, f, args].withUnsafeBufferPointer { a throws(Exception) in
        try spawnUncounted(applyStub, arguments: a, initialCall: (ma, fa, list.count))
      }
    }
    if let link { try self.link(link, q._withUnsafeGuaranteedRef { $0.pid }) }
    return q
  }

  /// The exported function m:f/arity, if loaded. Programs spawn many processes of one
  /// function, so the last answer is kept until the next module load.
  private func exported(_ m: Atom, _ f: Atom, _ arity: Int) -> Unmanaged<FunctionCode>? {
    if let last = lastSpawned, last.module == m, last.function == f, last.arity == arity,
      last.generation == codeGeneration
    {
      return last.code
    }
    guard let code = modules[m]?.exports[FunctionKey(f, arity)] else { return nil }
    lastSpawned = (m, f, arity, codeGeneration, .passUnretained(code))
    return .passUnretained(code)
  }

  /// A process that sends `message` to `dest` after `ms` milliseconds (erlang:send_after).
  func sendAfter(_ ms: Int, _ dest: Term, _ message: Term) throws(Exception) -> Ref {
    let q = try spawn(
      sendAfterStub, arguments: [.int(ms), dest, message], initialCall: (.erlang, .timeout, 3))
    let ref = makeRef()
    timerRefs[ref] = q.pid
    return ref
  }

  /// erlang:cancel_timer/1: the milliseconds that were left, or false if it already fired.
  func cancelTimer(_ ref: Ref) -> Term {
    guard let pid = timerRefs.removeValue(forKey: ref), let q = process(pid), q.status != .exited else {
      return .false
    }
    let left = q.deadline.map { max(0, $0 - clock.now) } ?? 0
    exitProcess(q, reason: .atom(.kill))
    return .int(Int(left))
  }

  func processInfo(_ p: Process, _ item: Atom) -> Term {
    switch atoms.name(item) {
    case "message_queue_len": return .int(p.mailbox.count)
    case "messages": return .list(p.mailbox.pending)
    case "links": return .list(p.links.sorted().map { .pid($0) })
    case "registered_name": return p.registeredName.map { .atom($0) } ?? .empty
    case "status":
      switch p.status {
      case .runnable: return .atom(atoms.intern("runnable"))
      case .waiting: return .atom(atoms.intern("waiting"))
      case .exited: return .atom(atoms.intern("exiting"))
      }
    case "trap_exit": return .bool(p.trapExit)
    case "initial_call":
      return .tuple([.atom(p.initialCall.0), .atom(p.initialCall.1), .int(p.initialCall.2)])
    case "heap_size", "total_heap_size", "memory": return .int(p.registerCapacity * 16 + 200)
    case "reductions": return .int(p.reductions)
    default: return .atom(.undefined)
    }
  }
}

extension Runtime {
  /// The process entry that applies m:f to args (for spawn/3).
  var applyStub: FunctionCode {
    if let stub = stubs.apply { return stub }
    stubs.apply = supportFunction("apply", 3)
    return stubs.apply!
  }
  /// A function that returns its argument: where a tail call to a native that let the
  /// others run goes on (see `letOthersRun`).
  var valueStub: FunctionCode {
    if let stub = stubs.value { return stub }
    stubs.value = supportFunction("value", 1)
    return stubs.value!
  }
  /// The process entry that waits and then sends (for erlang:send_after/3).
  var sendAfterStub: FunctionCode {
    if let stub = stubs.sendAfter { return stub }
    stubs.sendAfter = supportFunction("send-after", 3)
    return stubs.sendAfter!
  }

  func supportFunction(_ name: String, _ arity: Int) -> FunctionCode {
    let support = atoms.intern(Prelude.support)
    if modules[support] == nil { _ = autoload(support) }
    return modules[support]!.exports[FunctionKey(atoms.intern(name), arity)]!
  }
}
