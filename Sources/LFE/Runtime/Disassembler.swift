/// A readable listing of a function's bytecode, for looking at what the compiler made.
extension Runtime {
  public func disassemble(module: String, function: String, arity: Int) -> String? {
    guard let m = modules[atoms.intern(module)],
      let code = m.functions[FunctionKey(atoms.intern(function), arity)]
    else { return nil }
    var seen = Set<ObjectIdentifier>()
    var out = ""
    var work = [code]
    while let f = work.popLast() {
      if !seen.insert(ObjectIdentifier(f)).inserted { continue }
      out += "\(atoms.name(f.module)):\(atoms.name(f.name))/\(f.arity) frame \(f.frameSize)\n"
      for (i, ins) in f.code.enumerated() {
        out += "  \(i): \(ins.op) \(ins.a) \(ins.b) \(ins.c)\n"
      }
      work += f.functions.map { $0.takeUnretainedValue() }.filter {
        $0.module == f.module && $0.name != f.name
      }
    }
    return out
  }
}
