/// The tables `regs` and `i` print, in the layout of Erlang's `c:regs()` and `c:i()`.
/// There are no system processes here, so the tables list only the program's own.
extension Runtime {
  func registeredTable() -> String {
    var out = "\n** Registered procs on node nonode@nohost **\n"
    out += "Name".cell(21) + " " + "Pid".cell(12) + " " + "Initial Call".cell(25) + " "
    out += "Reds".leftPadded(12) + " " + "Msgs".leftPadded(4) + "\n"
    let names = registered.keys.sorted { atoms.name($0) < atoms.name($1) }
    for n in names {
      guard let pid = registered[n], let p = process(pid) else { continue }
      out +=
        erlangAtom(n).cell(21) + " " + "<0.\(pid.serial).0>".cell(12) + " " + initialCallText(p).cell(25)
        + " "
      out += String(p.reductions).leftPadded(12) + " " + String(p.mailbox.count).leftPadded(4) + "\n"
    }
    out += "\n** Registered ports on node nonode@nohost **\n"
    out += "Name".cell(21) + " " + "Id".cell(15) + " " + "Command".cell(40) + "\n"
    return out
  }

  func processTable() -> String {
    var out = "Pid".cell(21) + " " + "Initial Call".cell(33) + " " + "Heap".leftPadded(8) + " "
    out += "Reds".leftPadded(8) + " " + "Msgs".leftPadded(4) + "\n"
    out += "Registered".cell(21) + " " + "Current Function".cell(33) + " " + "Stack".leftPadded(8) + " "
    out += "".cell(8) + " " + "".cell(4) + "\n"
    var heap = 0
    var reds = 0
    var msgs = 0
    var stack = 0
    for p in liveProcesses {
      out += "<0.\(p.pid.serial).0>".cell(21) + " " + initialCallText(p).cell(33) + " "
      out += String(p.registerCapacity).leftPadded(8) + " " + String(p.reductions).leftPadded(8) + " "
      out += String(p.mailbox.count).leftPadded(4) + "\n"
      out +=
        (p.registeredName.map(erlangAtom) ?? "").cell(21) + " " + currentFunctionText(p).cell(33) + " "
      out += String(p.frameCount).leftPadded(8) + " " + "".cell(8) + " " + "".cell(4) + "\n"
      heap += p.registerCapacity
      reds += p.reductions
      msgs += p.mailbox.count
      stack += p.frameCount
    }
    out += "Total".cell(21) + " " + "".cell(33) + " " + String(heap).leftPadded(8) + " "
    out += String(reds).leftPadded(8) + " " + String(msgs).leftPadded(4) + "\n"
    out +=
      "".cell(21) + " " + "".cell(33) + " " + String(stack).leftPadded(8) + " " + "".cell(8) + " "
      + "".cell(4) + "\n"
    return out
  }

  /// Erlang's `c` module writes names with `~w`: quoted where Erlang needs quotes.
  private func erlangAtom(_ a: Atom) -> String { Printer.erlang(.atom(a), atoms: atoms) }

  /// Processes other than the shell's evaluator that could still run when the runtime
  /// stopped: a loop that never waits, say. Pid order.
  public func busyProcesses() -> [BusyProcess] {
    liveProcesses.filter { $0.status == .runnable && !$0.isEvaluator }
      .sorted { $0.pid.serial < $1.pid.serial }
      .map { p in
        BusyProcess(
          pid: "<0.\(p.pid.serial).0>", function: currentFunctionText(p), initialCall: initialCallText(p))
      }
  }

  private func initialCallText(_ p: Process) -> String {
    "\(erlangAtom(p.initialCall.0)):\(erlangAtom(p.initialCall.1))/\(p.initialCall.2)"
  }

  private func currentFunctionText(_ p: Process) -> String {
    guard p.frameCount > 0 else { return "" }
    let f = p.frames[p.frameCount - 1].function.takeUnretainedValue()
    return "\(erlangAtom(f.module)):\(erlangAtom(f.name))/\(f.arity)"
  }
}

extension String {
  func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }

  /// Left-aligned in a field of `width`, cut to fit as Erlang's `~-Ns` does.
  func cell(_ width: Int) -> String {
    count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
  }
}
