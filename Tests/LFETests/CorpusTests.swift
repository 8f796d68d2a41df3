import Foundation
import XCTest

@testable import LFE

/// Pipes each corpus input file into the shell, as `tutor repl` does with piped input,
/// and compares what it prints with what real LFE 2.2.1 printed for the same file.
final class CorpusTests: XCTestCase {
  static let corpus = Bundle.module.resourceURL!.appendingPathComponent("Corpus")

  /// Files that show real LFE's internal stack frames, which a clone does not have.
  static let knownDifferent: Set<String> = ["30-errors-eval"]

  static func run(_ input: String) -> String {
    let runtime = Runtime(clock: .virtual)
    let modules = corpus.appendingPathComponent("modules")
    runtime.readFile = { name in
      try? String(contentsOf: modules.appendingPathComponent(name), encoding: .utf8)
    }
    let shell = Shell(runtime: runtime)
    var lines = input.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    var index = 0
    var out = ""
    Repl(shell: shell).run(
      readLine: { prompt in
        out += prompt
        guard index < lines.count else { return nil }
        index += 1
        return lines[index - 1]
      }, write: { out += $0 })
    // Real LFE's output ends before the prompt it printed for the halt line.
    if out.hasSuffix(shell.profile.prompt) { out.removeLast(shell.profile.prompt.count) }
    return out
  }

  /// Pid, fun and ref numbers and error-report times differ between runs of anything.
  static func normalise(_ s: String) -> String {
    var t = s
    let rules: [(String, String)] = [
      (#"#Pid<0\.\d+\.0>"#, "#Pid<>"), (#"<0\.\d+\.0>"#, "<pid>"), (#"#Fun<[^>]*>"#, "#Fun<>"),
      (#"#Ref<[^>]*>"#, "#Ref<>"), (#"=ERROR REPORT==== [^=]* ==="#, "=ERROR REPORT===="),
    ]
    for (pattern, replacement) in rules {
      t = t.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
    }
    return t
  }

  func testCorpus() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
      .filter { $0.hasSuffix(".in") }.sorted()
      .filter { ProcessInfo.processInfo.environment["CORPUS_ONLY"].map($0.hasPrefix) ?? true }
    XCTAssertGreaterThan(files.count, ProcessInfo.processInfo.environment["CORPUS_ONLY"] == nil ? 30 : 0)
    var failures: [String] = []
    for file in files {
      let name = String(file.dropLast(3))
      let input = try String(contentsOf: Self.corpus.appendingPathComponent(file), encoding: .utf8)
      let expected = try String(
        contentsOf: Self.corpus.appendingPathComponent(name + ".out"), encoding: .utf8)
      if ProcessInfo.processInfo.environment["CORPUS_TRACE"] != nil {
        FileHandle.standardError.write(Data("running \(name)\n".utf8))
      }
      let actual = Self.run(input)
      let e = Self.normalise(expected).components(separatedBy: "\n")
      let a = Self.normalise(actual).components(separatedBy: "\n")
      if let only = ProcessInfo.processInfo.environment["CORPUS_FILE"], name.hasPrefix(only) {
        try Self.normalise(actual).write(
          toFile: "/tmp/corpus-\(name).actual", atomically: true, encoding: .utf8)
        try Self.normalise(expected).write(
          toFile: "/tmp/corpus-\(name).expected", atomically: true, encoding: .utf8)
      }
      if e == a { continue }
      if Self.knownDifferent.contains(name) { continue }
      var i = 0
      while i < min(e.count, a.count) && e[i] == a[i] { i += 1 }
      let want = i < e.count ? e[i] : "<end>"
      let got = i < a.count ? a[i] : "<end>"
      failures.append("\(name).out line \(i + 1):\n  expected: \(want)\n  actual:   \(got)")
    }
    if ProcessInfo.processInfo.environment["CORPUS_REPORT"] != nil {
      print("corpus: \(files.count - failures.count) of \(files.count) files match")
      for f in failures { print(f) }
    }
    XCTAssertEqual(failures, [], "\(failures.count) corpus files differ from real LFE")
  }
}
