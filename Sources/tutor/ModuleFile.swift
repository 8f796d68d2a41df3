import ArgumentParser
import Foundation
import LFE

/// A module file named on the command line (`tutor run`, `tutor trace`), compiled into a
/// fresh runtime that reads files beside it; warnings and errors go to stderr as
/// `file:line:col: ...`.
enum ModuleFile {
  static func load(_ file: String, clock: ClockMode) throws -> (runtime: Runtime, module: String) {
    let url = URL(fileURLWithPath: file)
    guard let source = try? String(contentsOf: url, encoding: .utf8) else {
      FileHandle.standardError.write(Data("\(file): error: cannot read the file\n".utf8))
      throw ExitCode(2)
    }
    let runtime = Runtime(clock: clock)
    runtime.readFile = Workspace(directory: url.deletingLastPathComponent()).read
    do {
      let loaded = try ModuleCompiler.compileAndLoad(
        source: source, file: url.lastPathComponent, runtime: runtime)
      for w in loaded.warnings {
        FileHandle.standardError.write(Data("\(file):\(w.location): warning: \(w.message)\n".utf8))
      }
      return (runtime, loaded.module)
    } catch {
      for e in error.errors {
        FileHandle.standardError.write(Data("\(file):\(e.location): error: \(e.message)\n".utf8))
      }
      throw ExitCode(1)
    }
  }
}
