import LFE

/// Evaluating shell input with the runtime's trace on, then drawing what happened.
public enum TracedEvaluation {
  /// Evaluates `source` in `shell` while tracing; what the shell printed and the diagram.
  public static func run(
    _ source: String, in shell: Shell, limit: Int = SequenceDiagramBuilder.defaultLimit
  ) -> (output: String, diagram: SequenceDiagram) {
    let runtime = shell.runtime
    let outer = runtime.trace
    let trace = runtime.startTrace()
    let output = shell.evaluate(source: source)
    runtime.trace = outer
    return (output, SequenceDiagramBuilder(trace: trace, shell: shell, limit: limit).build())
  }

  /// `:trace [full] FORM` at a prompt: the form with `full` taken off, and whether it was there.
  public static func parseCommand(_ rest: String) -> (form: String, full: Bool) {
    let trimmed = rest.drop { $0 == " " || $0 == "\t" }
    for word in ["full ", "full\t"] where trimmed.hasPrefix(word) {
      return (String(trimmed.dropFirst(word.count)), true)
    }
    return (String(trimmed), false)
  }
}
