/// What a learner can ask about the processes of a session (`:ps`, `:mailbox`): read
/// between steps, never changing a process or taking a message.
extension Shell {
  private var inspector: ProcessInspector { ProcessInspector(runtime: runtime, evaluator: evaluator) }

  /// The live processes, oldest first; the shell's evaluator is marked.
  public func processSnapshots() -> [ProcessSnapshot] {
    let inspector = self.inspector
    return runtime.liveProcesses.map { inspector.snapshot($0) }
  }

  /// Messages waiting in the evaluator's mailbox: sent to the shell, taken by no receive.
  public var mailboxLength: Int {
    guard let e = evaluator, e.status != .exited else { return 0 }
    return e.mailbox.count
  }

  /// The processes as an aligned table: pid, name, status, messages waiting, where each
  /// is, how it started, and its links and monitors when any process has them. The
  /// oldest 200 are listed, then how many more there are.
  /// Processes listed by `processTableText` before it says how many more there are.
  static let processRowsShown = 200

  public func processTableText() -> String {
    let inspector = self.inspector
    let live = runtime.liveProcesses
    let rows = live.prefix(Shell.processRowsShown).map { inspector.snapshot($0) }
    var header = ["Pid", "Name", "Status", "Msgs", "Current function", "Initial call"]
    let showLinks = rows.contains { !$0.links.isEmpty }
    let showMonitors = rows.contains { !$0.monitors.isEmpty }
    if showLinks { header.append("Links") }
    if showMonitors { header.append("Monitors") }
    var table = [header]
    for r in rows {
      var name = r.registeredName ?? ""
      if r.isShellEvaluator { name = name.isEmpty ? "(shell)" : "\(name) (shell)" }
      var row = [r.pid, name, r.status, String(r.mailboxLength), r.currentFunction, r.initialCall]
      if showLinks { row.append(r.links.joined(separator: " ")) }
      if showMonitors { row.append(r.monitors.joined(separator: " ")) }
      table.append(row)
    }
    var widths = [Int](repeating: 0, count: header.count)
    for row in table {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    var out = ""
    for row in table {
      var line = ""
      for (i, cell) in row.enumerated() {
        if i > 0 { line += "  " }
        // Counts read best right-aligned.
        line += i == 3 ? cell.leftPadded(widths[i]) : cell.padding(to: widths[i])
      }
      while line.last == " " { line.removeLast() }
      out += line + "\n"
    }
    if live.count > rows.count { out += "... and \(live.count - rows.count) more processes\n" }
    return out
  }

  /// Messages listed by `mailboxText` before it says how many more there are.
  static let mailboxLinesShown = 100

  /// The messages waiting in a process's mailbox, oldest first, one per line as the shell
  /// prints values; empty when there are none. `target` is a pid (`<0.85.0>`,
  /// `#Pid<0.85.0>`, `0.85.0`) or a registered name; nil means the shell's evaluator. Nil
  /// when no such process is alive.
  public func mailboxText(_ target: String?) -> String? {
    guard let p = process(named: target) else { return nil }
    let messages = p.mailbox.pending
    var out = ""
    for m in messages.prefix(Shell.mailboxLinesShown) {
      out += Printer.shellValue(m, atoms: atoms, pidStyle: profile.pidStyle) + "\n"
    }
    if messages.count > Shell.mailboxLinesShown {
      out += "... and \(messages.count - Shell.mailboxLinesShown) more\n"
    }
    return out
  }

  /// The live process a learner names: a pid in any spelling, or a registered name.
  private func process(named target: String?) -> Process? {
    guard let target = target?.trimmingWhitespace(), !target.isEmpty else {
      guard let e = evaluator, e.status != .exited else { return nil }
      return e
    }
    var text = Substring(target)
    if text.hasPrefix("#Pid") { text = text.dropFirst(4) }
    if text.hasPrefix("<") && text.hasSuffix(">") { text = text.dropFirst().dropLast() }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    if parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) {
      guard parts[0] == "0", parts[2] == "0", let serial = UInt32(parts[1]) else { return nil }
      return runtime.process(Pid(serial: serial)).flatMap { $0.status == .exited ? nil : $0 }
    }
    guard let atom = atoms.existing(target), let pid = runtime.registered[atom] else { return nil }
    return runtime.process(pid).flatMap { $0.status == .exited ? nil : $0 }
  }
}

extension Character {
  fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension String {
  fileprivate func trimmingWhitespace() -> String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }

  fileprivate func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
