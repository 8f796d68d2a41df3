/// Compiles a module file: `(defmodule name (export ...))` followed by `defun`s. Checks
/// what LFE's linter checks: exported functions must exist, local calls must reach a
/// defined function, variables must be bound; functions nothing reaches are warned about.
public enum ModuleCompiler {
  /// What compiling a module produced when it failed: errors, and any warnings seen first.
  public struct Failure: Error {
    public var errors: [CompileError]
    public var warnings: [CompileError]
  }

  /// The loaded module's name and the warnings, on success.
  public struct Success {
    public var module: String
    public var warnings: [CompileError]
  }

  /// Compiles `source` (the text of `file`) and loads it into `runtime`.
  /// `traced` false leaves the file out of stack traces (the built-in library modules).
  public static func compileAndLoad(
    source: String, file: String, runtime: Runtime, traced: Bool = true
  )
    throws(Failure) -> Success
  {
    let forms: [Form]
    do {
      forms = try Reader.readAll(source)
    } catch {
      // LFE's parser says only that a token is missing when the file ends inside a form.
      let message: String
      if case .incomplete = error { message = "missing token" } else { message = error.message }
      throw Failure(errors: [CompileError(message, at: error.location)], warnings: [])
    }
    guard let first = forms.first, first.head == "defmodule", let header = first.listElements,
      header.count >= 2,
      let name = header[1].symbol
    else {
      let loc = forms.first?.location ?? SourceLocation(line: 1, column: 1)
      throw Failure(errors: [CompileError("no module definition", at: loc)], warnings: [])
    }
    let atoms = runtime.atoms
    let moduleAtom = atoms.intern(name)
    // As Erlang keeps its own library modules from being replaced (they are "sticky"):
    // a page's `lists` would otherwise change what every later call of lists:map does.
    if traced && runtime.builtInModules.contains(moduleAtom) {
      throw Failure(
        errors: [CompileError("module \(name) is built in and cannot be replaced", at: header[1].location)],
        warnings: [])
    }
    var errors: [CompileError] = []

    // Exports.
    var exportAll = false
    var exported: [(FunctionKey, SourceLocation)] = []
    for attr in header.dropFirst(2) {
      guard let items = attr.listElements, let kind = items.first?.symbol else { continue }
      guard kind == "export" else { continue }
      for e in items.dropFirst() {
        if e.symbol == "all" {
          exportAll = true
        } else if let pair = e.listElements, pair.count == 2, let f = pair[0].symbol,
          case .integer(let n) = pair[1].node,
          let arity = Int(exactly: n)
        {
          exported.append((FunctionKey(atoms.intern(f), arity), e.location))
        } else {
          errors.append(CompileError("bad export \(e)", at: e.location))
        }
      }
    }

    // Definitions.
    let unit = CompileUnit(runtime: runtime, module: moduleAtom, topFunctions: [:], isShell: false)
    unit.file = traced ? file : nil
    var definitions: [(FunctionKey, [Form], Form)] = []
    var definedAt: [FunctionKey: SourceLocation] = [:]
    for form in forms.dropFirst() {
      guard let items = form.listElements, let head = items.first?.symbol else {
        errors.append(CompileError("bad top-level form \(form)", at: form.location))
        continue
      }
      switch head {
      case "defun":
        guard items.count >= 3, let fname = items[1].symbol else {
          errors.append(CompileError("bad defun", at: form.location))
          continue
        }
        let probe = FunctionBuilder(
          unit: unit, code: FunctionCode(arity: 0, module: moduleAtom, name: .undefined, index: 0, uniq: 0))
        let arity: Int
        do {
          arity = try probe.parseDefinition(Array(items.dropFirst(2)), form).arity
        } catch {
          errors.append(error)
          continue
        }
        let key = FunctionKey(atoms.intern(fname), arity)
        if definedAt[key] != nil {
          errors.append(CompileError("function \(fname)/\(arity) already defined", at: form.location))
          continue
        }
        definedAt[key] = form.location
        definitions.append((key, Array(items.dropFirst(2)), form))
      case "defmacro":
        guard items.count >= 3, let mname = items[1].symbol else {
          errors.append(CompileError("bad defmacro", at: form.location))
          continue
        }
        // A macro serves the forms after it; it runs while the module compiles.
        let macroUnit = CompileUnit(runtime: runtime, module: moduleAtom, topFunctions: [:], isShell: false)
        macroUnit.macros = unit.macros
        do {
          unit.macros[mname] = try FunctionBuilder.compileMacro(
            unit: macroUnit, name: mname, parts: Array(items.dropFirst(2)), form: form)
        } catch {
          errors.append(error)
        }
      case "defrecord", "defsyntax":
        errors.append(CompileError("\(head) is not supported yet", at: form.location))
      case "extend-module", "eval-when-compile":
        continue
      default:
        errors.append(CompileError("bad top-level form \(head)", at: form.location))
      }
    }
    var codes: [FunctionKey: FunctionCode] = [:]
    for (i, (key, _, _)) in definitions.enumerated() {
      let code = FunctionCode(
        arity: key.arity, module: moduleAtom, name: key.name, index: i, uniq: runtime.makeFunUniq())
      code.file = traced ? file : nil
      runtime.keep(code)
      codes[key] = code
    }
    unit.topFunctions = codes
    for (key, body, form) in definitions {
      unit.currentTop = key
      unit.definitionLine = form.location.line
      codes[key]!.definitionLine = form.location.line
      do {
        try FunctionBuilder.compileTopLevel(unit: unit, code: codes[key]!, body: body, form: form)
      } catch {
        errors.append(error)
      }
    }
    unit.currentTop = nil

    for (key, loc) in exported where codes[key] == nil {
      _ = loc
      errors.append(
        CompileError("function \(atoms.name(key.name))/\(key.arity) undefined", at: first.location))
    }
    if !errors.isEmpty { throw Failure(errors: errors, warnings: []) }

    // Unused: not reachable from the exports.
    var warnings: [CompileError] = []
    if !exportAll {
      var reached = Set(exported.map { $0.0 })
      var work = Array(reached)
      while let k = work.popLast() {
        for callee in unit.calls[k] ?? [] where !reached.contains(callee) {
          reached.insert(callee)
          work.append(callee)
        }
      }
      for (key, _, _) in definitions where !reached.contains(key) {
        warnings.append(
          CompileError(
            "function \(atoms.name(key.name))/\(key.arity) is unused", at: definedAt[key]!, warning: true))
      }
    }
    let exports = exportAll ? codes : codes.filter { k, _ in exported.contains { $0.0 == k } }
    runtime.load(Module(name: moduleAtom, exports: exports, functions: codes))
    return Success(module: name, warnings: warnings)
  }
}

extension FunctionBuilder {
  /// Compiles a `defun` body into `code`, which takes its arguments in r0 ..< arity.
  static func compileTopLevel(
    unit: CompileUnit, code: FunctionCode, body: [Form], form: Form
  ) throws(CompileError) {
    let probe = FunctionBuilder(unit: unit, code: code)
    let (_, clauses) = try probe.parseDefinition(body, form)
    try build(
      code, unit: unit, line: Int32(form.location.line), clauses: clauses, captured: [], functions: [:])
  }
}
