/// The atoms of one runtime. Atoms that the interpreter itself names have fixed indices,
/// declared below in the order `AtomTable.init` interns them.
public final class AtomTable {
  public private(set) var names: [String] = []
  private var indices: [String: UInt32] = [:]

  public init() {
    for name in Atom.predefinedNames { _ = intern(name) }
  }

  public func intern(_ name: String) -> Atom {
    if let i = indices[name] { return Atom(index: i) }
    let i = UInt32(names.count)
    names.append(name)
    indices[name] = i
    // Atoms are never freed: the table only ever grows.
    HeapAccount.charge(HeapAccount.atom(name))
    return Atom(index: i)
  }

  /// Atoms a program may make at run time (`list_to_atom` and the like), as BEAM's
  /// default table: atoms are never freed, so a program making them in a loop would
  /// otherwise grow the table without end.
  public var limit = 1_048_576

  /// An atom a running program asks for: `system_limit` when it would be new and the
  /// table is full.
  public func make(_ name: String) throws(Exception) -> Atom {
    if let i = indices[name] { return Atom(index: i) }
    guard names.count < limit else {
      throw Exception.limitReached("more than \(limit) atoms (Limits.atoms)")
    }
    return intern(name)
  }

  /// The atom if it already exists (as `list_to_existing_atom` needs).
  public func existing(_ name: String) -> Atom? {
    indices[name].map { Atom(index: $0) }
  }

  public func name(_ atom: Atom) -> String { names[Int(atom.index)] }

  public var count: Int { names.count }
}

extension Atom {
  static let predefinedNames: [String] = [
    "false", "true", "ok", "error", "undefined", "nil", "exit", "throw",
    "badarg", "badarith", "badmatch", "case_clause", "function_clause", "if_clause",
    "undef", "noproc", "normal", "kill", "killed", "EXIT", "DOWN", "process",
    "infinity", "trap_exit", "timeout", "try_clause", "badfun", "badarity",
    "system_limit", "unbound_symbol", "module", "erlang", "lists", "io", "lfe",
    "noconnection", "shell", "apply",
  ]

  public static let `false` = Atom(index: 0)
  public static let `true` = Atom(index: 1)
  public static let ok = Atom(index: 2)
  public static let error = Atom(index: 3)
  public static let undefined = Atom(index: 4)
  public static let `nil` = Atom(index: 5)
  public static let exit = Atom(index: 6)
  public static let `throw` = Atom(index: 7)
  public static let badarg = Atom(index: 8)
  public static let badarith = Atom(index: 9)
  public static let badmatch = Atom(index: 10)
  public static let caseClause = Atom(index: 11)
  public static let functionClause = Atom(index: 12)
  public static let ifClause = Atom(index: 13)
  public static let undef = Atom(index: 14)
  public static let noproc = Atom(index: 15)
  public static let normal = Atom(index: 16)
  public static let kill = Atom(index: 17)
  public static let killed = Atom(index: 18)
  public static let EXIT = Atom(index: 19)
  public static let DOWN = Atom(index: 20)
  public static let process = Atom(index: 21)
  public static let infinity = Atom(index: 22)
  public static let trapExit = Atom(index: 23)
  public static let timeout = Atom(index: 24)
  public static let tryClause = Atom(index: 25)
  public static let badfun = Atom(index: 26)
  public static let badarity = Atom(index: 27)
  public static let systemLimit = Atom(index: 28)
  public static let unboundSymbol = Atom(index: 29)
  public static let module = Atom(index: 30)
  public static let erlang = Atom(index: 31)
  public static let lists = Atom(index: 32)
  public static let io = Atom(index: 33)
  public static let lfe = Atom(index: 34)
  public static let noconnection = Atom(index: 35)
  public static let shell = Atom(index: 36)
  public static let apply = Atom(index: 37)
}
