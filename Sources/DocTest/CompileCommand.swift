import LFE

/// Recognises the shell's `(c "name")` in a transcript input.
enum CompileCommand {
  /// The workspace file `(c "m")`, `(c 'm)` or `(c '"m")` compiles: `m.lfe`.
  static func fileName(_ input: String) -> String? {
    guard case .form(let form, _) = Shell.read(input), form.head == "c", let items = form.listElements,
      items.count == 2 || items.count == 3
    else { return nil }
    var argument = items[1]
    if argument.head == "quote", let quoted = argument.listElements, quoted.count == 2 {
      argument = quoted[1]
    }
    let name: String
    switch argument.node {
    case .string(let text): name = text
    case .symbol(let text): name = text
    default: return nil
    }
    return name.hasSuffix(".lfe") ? name : name + ".lfe"
  }
}
