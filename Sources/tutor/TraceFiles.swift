import ArgumentParser
import DocTest
import Foundation
import LFE
import Walkthrough

/// `tutor check --trace DIR`: the diagrams of failing exchanges, as files in DIR.
enum TraceFiles {
  /// Text for reading anywhere (plain ASCII) and SVG.
  static let render: EmbeddedShell.TraceRenderer = { trace, shell in
    let diagram = SequenceDiagramBuilder(trace: trace, shell: shell).build()
    return [
      "txt": TextDiagramRenderer(plain: true, width: 100).render(diagram),
      "svg": SVGDiagramRenderer().render(diagram),
    ]
  }

  /// Writes `PAGE-lineN.txt` and `.svg` for each failing exchange that has them; DIR is
  /// made when missing and nothing is written outside it.
  static func write(_ pages: [PageResult], into directory: String) throws {
    let dir = URL(fileURLWithPath: directory, isDirectory: true)
    let failures = pages.flatMap { page in
      page.exchanges.filter { !$0.traceFiles.isEmpty }.map { (page.path, $0) }
    }
    do {
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      for (path, exchange) in failures {
        for (ext, content) in exchange.traceFiles.sorted(by: { $0.key < $1.key }) {
          let name = fileName(page: path, line: exchange.exchange.line, extension: ext)
          try Data(content.utf8).write(to: dir.appendingPathComponent(name))
        }
      }
      if !failures.isEmpty {
        let n = failures.count
        FileHandle.standardError.write(
          Data(
            "tutor check: diagrams of \(n) failing exchange\(n == 1 ? "" : "s") written into \(directory)\n"
              .utf8))
      }
    } catch {
      DocTestOptions.printError(
        "tutor check: cannot write the trace into \(directory): \(error.localizedDescription)")
      throw ExitCode(2)
    }
  }

  /// `lessons_02-spawning-line14.svg` for line 14 of `lessons/02-spawning.md`: one flat
  /// name, with nothing in it that could lead out of the directory.
  static func fileName(page: String, line: Int, extension ext: String) -> String {
    let parts = page.split(separator: "/").filter { $0 != "." && $0 != ".." && !$0.isEmpty }
    var stem = parts.joined(separator: "_")
    if let dot = stem.lastIndex(of: "."), dot > stem.startIndex { stem = String(stem[..<dot]) }
    let safe = String(
      stem.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    let trimmed = safe.drop { $0 == "." }
    return "\(trimmed.isEmpty ? "page" : String(trimmed))-line\(line).\(ext)"
  }
}
