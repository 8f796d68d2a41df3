import ArgumentParser

extension Tutor {
  /// Every subcommand, in the order `tutor --help` lists them.
  static let commands: [ParsableCommand.Type] = [
    LessonsCommand.self, LearnCommand.self, ProgressCommand.self, CheckCommand.self, TestCommand.self,
    ReplCommand.self, RunCommand.self, TraceCommand.self,
    RunCourseCommand.self,
  ]
}
