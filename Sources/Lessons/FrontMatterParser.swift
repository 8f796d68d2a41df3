import Foundation
import Yams

/// Reads Jekyll front matter: the YAML between a first line `---` and the next `---`.
///
/// The lines it consumes are blanked rather than removed, so cmark still counts the
/// file's own line numbers; every YAML position is shifted by the opening line.
struct FrontMatterParser {
  struct Result {
    var values: [String: FrontMatterValue] = [:]
    /// Where each value was written, keyed by its dotted path (`tutor.timeout`).
    var locations: [String: SourceLocation] = [:]
    /// Index of the closing `---` line, when the page has front matter.
    var closingLineIndex: Int?
    var diagnostics: [Diagnostic] = []
  }

  let path: String

  /// Whether `lines` open with front matter at all; `.txt` pages only count as lessons
  /// when they do.
  static func startsFrontMatter(_ lines: [String]) -> Bool {
    guard let first = lines.first else { return false }
    return first.trimmingTrailingWhitespace() == "---"
  }

  func parse(_ lines: [String]) -> Result {
    var result = Result()
    guard Self.startsFrontMatter(lines) else { return result }
    guard
      let closing = lines.indices.dropFirst().first(where: {
        let line = lines[$0].trimmingTrailingWhitespace()
        return line == "---" || line == "..."
      })
    else {
      result.diagnostics.append(
        .error(
          at: SourceLocation(path: path, line: 1),
          "front matter opened here is never closed with a '---' line"))
      return result
    }
    result.closingLineIndex = closing
    let yaml = lines[1..<closing].joined(separator: "\n")
    if let problem = YAMLNestingScan.check(yaml) {
      result.diagnostics.append(
        .error(at: fileLocation(yamlLine: problem.line, column: problem.column), problem.message))
      return result
    }
    let node: Node?
    do {
      // The basic resolver tags nothing by pattern: `convert` reads scalars itself, and
      // the default one compiles a dozen regular expressions, most of the time it
      // takes to load a page.
      node = try Yams.compose(yaml: yaml, .basic)
    } catch let error as YamlError {
      result.diagnostics.append(diagnostic(for: error, yaml: yaml))
      return result
    } catch {
      result.diagnostics.append(
        .error(at: SourceLocation(path: path, line: 2), "invalid YAML in front matter: \(error)"))
      return result
    }
    guard let node else { return result }
    guard let mapping = node.mapping else {
      result.diagnostics.append(
        .error(at: location(of: node), "front matter must be a YAML mapping of keys to values"))
      return result
    }
    var budget = Self.maxValues
    for (key, value) in mapping {
      let name = key.scalar?.string ?? String(describing: key)
      result.values[name] = convert(value, keyPath: name, into: &result.locations, budget: &budget)
      if budget < 0 {
        result.values = [:]
        result.locations = [:]
        result.diagnostics.append(
          .error(
            at: location(of: value),
            "front matter holds more than \(Self.maxValues) values once its aliases are expanded"))
        return result
      }
    }
    return result
  }

  /// Values front matter may hold, counting each use of an alias in full: aliases of
  /// aliases multiply (the "billion laughs"), and every value is built and kept.
  static let maxValues = 10_000

  private func convert(
    _ node: Node, keyPath: String, into locations: inout [String: SourceLocation], budget: inout Int
  ) -> FrontMatterValue {
    budget -= 1
    if budget < 0 { return .null }
    locations[keyPath] = location(of: node)
    // Matched through accessors, not a switch, so a Yams that adds node kinds still builds.
    if let scalar = node.scalar {
      // Only plain scalars have YAML types: quoted `'4'` stays text, as in Jekyll.
      guard scalar.style == .plain || scalar.style == .any else { return .string(scalar.string) }
      if let boolean = Bool.construct(from: scalar) { return .bool(boolean) }
      if NSNull.construct(from: scalar) != nil { return .null }
      // An integer too large for Int stays text rather than being rounded.
      if let integer = Int.construct(from: scalar) { return .integer(integer) }
      // Swift's own parser also takes words like `nan` and `infinity`; YAML does not.
      if scalar.string.contains(where: \.isNumber), let number = Double.construct(from: scalar) {
        return .double(number)
      }
      return .string(scalar.string)
    }
    if let sequence = node.sequence {
      var values: [FrontMatterValue] = []
      for (index, element) in sequence.enumerated() {
        values.append(convert(element, keyPath: "\(keyPath).\(index)", into: &locations, budget: &budget))
        if budget < 0 { break }
      }
      return .list(values)
    }
    if let mapping = node.mapping {
      var values: [String: FrontMatterValue] = [:]
      for (key, value) in mapping {
        let name = key.scalar?.string ?? String(describing: key)
        values[name] = convert(value, keyPath: "\(keyPath).\(name)", into: &locations, budget: &budget)
        if budget < 0 { break }
      }
      return .mapping(values)
    }
    return .null
  }

  /// YAML line 1 is the file's line 2: the opening `---` sits above it.
  private func location(of node: Node) -> SourceLocation {
    guard let mark = node.mark else { return SourceLocation(path: path, line: 2) }
    return fileLocation(yamlLine: mark.line, column: mark.column)
  }

  private func fileLocation(yamlLine: Int, column: Int) -> SourceLocation {
    SourceLocation(path: path, line: yamlLine + 1, column: max(column, 1))
  }

  private func diagnostic(for error: YamlError, yaml: String) -> Diagnostic {
    func describe(_ problem: String, _ context: YamlError.Context?) -> String {
      guard let context else { return "invalid YAML in front matter: \(problem)" }
      return "invalid YAML in front matter: \(problem) (\(context.text))"
    }
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return .error(
        at: fileLocation(yamlLine: mark.line, column: mark.column), describe(problem, context))
    case .reader(let problem, let offset, _, _):
      // The reader only knows a character offset; count the lines before it.
      let prefix = yaml.prefix(offset ?? 0)
      let line = prefix.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
      let column =
        prefix.count
        - (prefix.lastIndex(of: "\n").map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0) + 1
      return .error(at: fileLocation(yamlLine: line, column: column), describe(problem, nil))
    default:
      return .error(
        at: SourceLocation(path: path, line: 2), "invalid YAML in front matter: \(error)")
    }
  }
}
