/// Turns an exception into the text LFE's shell prints for it:
/// `** exception error: REASON`, an `in (m : f args)` line when the failing call is
/// known, and a blank line.
struct ErrorFormatter {
  let atoms: AtomTable
  let pidStyle: Printer.PidStyle

  func value(_ t: Term) -> String {
    Printer.lfePretty(t, atoms: atoms, pidStyle: pidStyle, depth: 30, lineLength: 10_000)
  }

  func format(_ e: Exception) -> String {
    let cls: String
    switch e.kind {
    case .error: cls = "error"
    case .exit: cls = "exit"
    case .throw: cls = "throw"
    }
    var out = "** exception \(cls): \(e.kind == .error ? describe(e.reason) : value(e.reason))\n"
    for (i, entry) in e.stack.enumerated() {
      if i == 0, let args = entry.arguments {
        out += "  in (\(atoms.name(entry.module)) : \(atomText(entry.function))"
        for a in args {
          out += " " + Printer.lfePretty(a, atoms: atoms, pidStyle: pidStyle, depth: 30, lineLength: 10_000)
        }
        out += ")\n"
      } else if let file = entry.file {
        let place = entry.line.map { "\(file), line \($0)" } ?? file
        out += "  in \(atoms.name(entry.module)):\(atoms.name(entry.function))/\(entry.arity) (\(place))\n"
      }
    }
    if let limit = e.limit { out += "  (a limit of this runtime: \(limit))\n" }
    return out + "\n"
  }

  private func atomText(_ a: Atom) -> String { value(.atom(a)) }

  /// The words for an error reason, as LFE's shell chooses them.
  func describe(_ reason: Term) -> String {
    switch reason {
    case .atom(let a):
      switch atoms.name(a) {
      case "badarg": return "bad argument"
      case "badarith": return "error in arithmetic expression"
      case "function_clause": return "no function clause matching"
      case "if_clause": return "no if clause matching"
      case "undef": return "undefined function"
      case "system_limit": return "a system limit has been reached"
      case "noproc": return "no such process or port"
      case "timeout_value": return "bad receive timeout value"
      case "non_boolean_if_test": return "non-boolean if test"
      case "non_boolean_cond_test": return "non-boolean cond test"
      default: return value(reason)
      }
    case .tuple(let t) where t.count == 2:
      guard case .atom(let tag) = t[0] else { return value(reason) }
      switch atoms.name(tag) {
      case "badmatch": return "no match of value \(value(t[1]))"
      case "case_clause": return "no case clause matching \(value(t[1]))"
      case "try_clause": return "no try clause matching \(value(t[1]))"
      case "badfun": return "bad function \(value(t[1]))"
      case "unbound_symbol": return "symbol \(value(t[1])) is unbound"
      case "bad_form": return "bad \(value(t[1])) form"
      case "undefined_function":
        if case .tuple(let fa) = t[1], fa.count == 2 {
          return "function \(value(fa[0]))/\(value(fa[1])) undefined"
        }
        return value(reason)
      case "badarity":
        if case .tuple(let fa) = t[1], fa.count == 2, case .fun(let f) = fa[0], let args = fa[1].listElements
        {
          return "interpreted function with arity \(f.arity) called with \(countWords(args.count))"
        }
        return value(reason)
      default: return value(reason)
      }
    default:
      return value(reason)
    }
  }

  private func countWords(_ n: Int) -> String {
    let words = [
      "no arguments", "one argument", "two arguments", "three arguments", "four arguments",
      "five arguments", "six arguments",
    ]
    return n < words.count ? words[n] : "\(n) arguments"
  }
}
