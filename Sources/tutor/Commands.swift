import ArgumentParser

extension Tutor {
  /// Every subcommand, in the order `tutor --help` lists them.
  static let commands: [ParsableCommand.Type] = [
    LessonsCommand.self, CheckCommand.self, TestCommand.self, ReplCommand.self, RunCommand.self,
    RunCourseCommand.self,
  ]
}
