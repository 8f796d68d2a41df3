import ArgumentParser
import Foundation
import LFE

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Compile an LFE module and evaluate an expression with it loaded.",
    discussion: "Example: tutor run bench/fib.lfe --eval '(fib:main)'")

  @Argument(help: "The module file to compile (NAME.lfe).")
  var file: String

  @Option(help: "An expression to evaluate after loading; its output and value are printed.")
  var eval: String?

  @Option(help: "How the shell prints: \(Profile.names.joined(separator: ", ")).")
  var profile: String = "lfe2"

  @Option(help: "Print the bytecode of a function of the module, as NAME/ARITY (e.g. fib/1).")
  var disassemble: String?

  func validate() throws {
    if Profile.named(profile) == nil {
      throw ValidationError(
        "unknown profile '\(profile)'; choose one of \(Profile.names.joined(separator: ", "))")
    }
  }

  func run() throws {
    let (runtime, module) = try ModuleFile.load(file, clock: .real)
    if let disassemble {
      let parts = disassemble.split(separator: "/")
      guard parts.count == 2, let arity = Int(parts[1]),
        let listing = runtime.disassemble(module: module, function: String(parts[0]), arity: arity)
      else {
        FileHandle.standardError.write(
          Data("\(file): error: no function \(disassemble) in module \(module); give NAME/ARITY\n".utf8))
        throw ExitCode(2)
      }
      Output.write(listing)
    }
    guard let eval else { return }
    let shell = Shell(runtime: runtime, profile: Profile.named(profile)!)
    runtime.output.echo = { Output.write($0) }
    let text = shell.evaluate(source: eval)
    Output.write(text)
    if shell.lastFormFailed { throw ExitCode(1) }
  }
}
