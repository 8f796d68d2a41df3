/// The tables `regs` and `i` print, in the layout of Erlang's `c:regs()` and `c:i()`.
extension Runtime {
  func registeredTable() -> String {
    var out = "\n** Registered procs on node nonode@nohost **\n"
    out +=
      "Name".padding(toLength: 24, withPad: " ", startingAt: 0)
      + "Pid".padding(toLength: 13, withPad: " ", startingAt: 0)
    out += "Initial Call".padding(toLength: 34, withPad: " ", startingAt: 0) + "Reds Msgs\n"
    let names = registered.keys.sorted { atoms.name($0) < atoms.name($1) }
    for n in names {
      guard let pid = registered[n], let p = process(pid) else { continue }
      let call = "\(atoms.name(p.initialCall.0)):\(atoms.name(p.initialCall.1))/\(p.initialCall.2)"
      out += atoms.name(n).padding(toLength: 24, withPad: " ", startingAt: 0)
      out += "<0.\(pid.serial).0>".padding(toLength: 13, withPad: " ", startingAt: 0)
      out += call.padding(toLength: 34, withPad: " ", startingAt: 0)
      out += String(p.reductions).leftPadded(4) + " " + String(p.mailbox.count).leftPadded(4) + "\n"
    }
    out += "\n** Registered ports on node nonode@nohost **\nName                  Port\n"
    return out
  }

  func processTable() -> String {
    var out = "Pid                   Initial Call                          Heap     Reds Msgs\n"
    out += "Registered            Current Function                     Stack              \n"
    for p in liveProcesses {
      let call = "\(atoms.name(p.initialCall.0)):\(atoms.name(p.initialCall.1))/\(p.initialCall.2)"
      out += "<0.\(p.pid.serial).0>".padding(toLength: 22, withPad: " ", startingAt: 0)
      out += call.padding(toLength: 36, withPad: " ", startingAt: 0)
      out += String(p.registerCapacity).leftPadded(6) + String(p.reductions).leftPadded(9)
      out += String(p.mailbox.count).leftPadded(5) + "\n"
      out += (p.registeredName.map { atoms.name($0) } ?? "").padding(
        toLength: 22, withPad: " ", startingAt: 0)
      out += (p.status == .waiting ? "receive" : "running").padding(toLength: 36, withPad: " ", startingAt: 0)
      out += String(p.frameCount).leftPadded(6) + "\n"
    }
    return out
  }

}

extension String {
  func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
