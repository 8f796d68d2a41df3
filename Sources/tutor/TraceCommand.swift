import ArgumentParser
import Foundation
import LFE
import Walkthrough

struct TraceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trace",
    abstract: "Run an expression with a module loaded and draw what its processes did.",
    discussion: """
      Prints what the shell prints, then a sequence diagram: one lifeline per process
      (named by its registered name, else by the shell variable holding its pid, else
      by its pid; the shell's evaluator is `shell`), an arrow for each message, spawns
      and exits on the lifelines. Time is virtual, so the same program draws the same
      diagram every run. Example: tutor trace ring.lfe --eval '(ring:start 5)'
      """)

  @Argument(help: "The module file to compile (NAME.lfe).")
  var file: String

  @Option(help: "The expression to evaluate and trace.")
  var eval: String

  @Option(help: "How the shell prints: \(Profile.names.joined(separator: ", ")).")
  var profile: String = "lfe2"

  @Flag(help: "Plain ASCII instead of box drawing (also with TERM=dumb or output to a file).")
  var plain = false

  @Flag(help: "Print messages in full instead of shortening them to the terminal's width.")
  var full = false

  @Option(help: ArgumentHelp("Write the diagram as an SVG file too.", valueName: "file"))
  var svg: String?

  @Flag(help: "Print the diagram as a Mermaid sequenceDiagram instead of terminal text.")
  var mermaid = false

  @Option(help: "In a long run, how many events to draw from its start and from its end.")
  var events: Int = SequenceDiagramBuilder.defaultLimit

  func validate() throws {
    if Profile.named(profile) == nil {
      throw ValidationError(
        "unknown profile '\(profile)'; choose one of \(Profile.names.joined(separator: ", "))")
    }
    if events < 1 { throw ValidationError("--events takes a number of at least 1, not \(events)") }
  }

  func run() throws {
    let (runtime, _) = try ModuleFile.load(file, clock: .virtual)
    let shell = Shell(runtime: runtime, profile: Profile.named(profile)!)
    let (output, diagram) = TracedEvaluation.run(eval, in: shell, limit: events)
    Output.write(output)
    if mermaid {
      Output.write(MermaidDiagramRenderer().render(diagram))
    } else {
      Output.write(TextDiagramRenderer.forStandardOutput(plain: plain, full: full).render(diagram))
    }
    if let svg {
      do {
        try Data(SVGDiagramRenderer(full: full).render(diagram).utf8).write(to: URL(fileURLWithPath: svg))
      } catch {
        FileHandle.standardError.write(Data("\(svg): error: cannot write the file\n".utf8))
        throw ExitCode(2)
      }
    }
    if shell.lastFormFailed { throw ExitCode(1) }
  }
}
