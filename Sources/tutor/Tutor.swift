import ArgumentParser

@main
struct Tutor: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tutor",
    abstract: "Run, check and walk through LFE lessons about lightweight processes.",
    version: "0.1.0",
    subcommands: Tutor.commands)
}
