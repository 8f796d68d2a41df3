import ArgumentParser
import Foundation

@main
struct Tutor: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tutor",
    abstract: "Run, check and walk through LFE lessons about lightweight processes.",
    version: "0.1.0",
    subcommands: Tutor.commands)

  /// Runs the command. Bad usage exits 2, as every tutor command promises, where the
  /// argument parser alone would use 64.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        let message = fullMessage(for: error)
        if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
