import LFE
import Lessons

extension ProfileResolver {
  /// What a page's transcripts show about each profile switch, with the lines that show it.
  struct Evidence {
    /// One reading of one switch: the value the line shows and where.
    struct Sighting {
      var value: String
      var line: Int
    }

    var prompt: [Sighting] = []
    var pidStyle: [Sighting] = []
    var compileValueIsList: [Sighting] = []
    var defunReturnsName: [Sighting] = []

    var isEmpty: Bool {
      prompt.isEmpty && pidStyle.isEmpty && compileValueIsList.isEmpty && defunReturnsName.isEmpty
    }

    /// Reads the transcripts that run with the page's profile (not those with a
    /// `profile=` of their own).
    init(_ page: Page) {
      for block in page.blocks where block.kind == .transcript && block.options.profile == nil {
        for exchange in block.exchanges {
          prompt.append(Sighting(value: exchange.prompt, line: exchange.line))
          read(exchange)
        }
      }
    }

    private mutating func read(_ exchange: Exchange) {
      let lines = exchange.expected.map { $0.text.trimmingCharacters(in: .whitespaces) }
      guard !lines.isEmpty else { return }
      let form: Form? =
        if case .form(let form, _) = Shell.read(exchange.input) { form } else { nil }
      let head = form?.head
      if head == "c" || head == "l" {
        for (index, line) in lines.enumerated() where line.contains("#(module ") {
          let isList = line.hasPrefix("(#(module ")
          if isList || line.hasPrefix("#(module ") {
            compileValueIsList.append(
              Sighting(value: isList ? "true" : "false", line: exchange.expected[index].line))
            break
          }
        }
        return
      }
      if head == "defun", let first = lines.first {
        if first.hasPrefix("#Fun<") {
          defunReturnsName.append(Sighting(value: "false", line: exchange.expected[0].line))
        } else if case .list(let items, nil) = form?.node, items.count > 1, let name = items[1].symbol,
          first == name || first == "|\(name)|"
        {
          defunReturnsName.append(Sighting(value: "true", line: exchange.expected[0].line))
        }
        return
      }
      // The shell prints the value first and other processes after it, unless the input
      // prints itself; `~p` and the shell's own reports print bare pids in every
      // profile, so only the value line counts.
      // A value is a printed term; text a process printed ("Hello from <0.96.0>") is not,
      // whichever end of the output it stands at.
      let printsItself = ["format", "flush", "regs", "(i", "(p "].contains { exchange.input.contains($0) }
      let candidates = printsItself ? [lines.count - 1] : [0, lines.count - 1]
      guard let index = candidates.first(where: { Self.readsAsTerm(lines[$0]) }) else { return }
      if let style = Self.pidStyle(in: lines[index]) {
        pidStyle.append(Sighting(value: style, line: exchange.expected[index].line))
      }
    }

    /// Whether a line starts as the shell prints a term: a pid, tuple, list or map.
    static func readsAsTerm(_ line: String) -> Bool {
      ["#Pid<", "<0.", "#(", "(", "[", "#M("].contains { line.hasPrefix($0) }
    }

    /// `bare` or `tagged` for the first pid in a line, nil when it shows none.
    static func pidStyle(in line: String) -> String? {
      let bytes = Array(line.utf8)
      for index in bytes.indices where bytes[index] == UInt8(ascii: "<") {
        guard LinePattern.pid(in: bytes, at: index) != nil else { continue }
        let tagged = index >= 4 && bytes[(index - 4)..<index].elementsEqual("#Pid".utf8)
        return tagged ? "tagged" : "bare"
      }
      return nil
    }

    /// The profile the sightings call for, with a warning for each switch whose lines
    /// disagree. Switches in `settled` come from front matter and need no vote.
    func profile(page: Page, settled: Set<String>) -> (profile: Profile, warnings: [Diagnostic]) {
      var warnings: [Diagnostic] = []
      func vote(_ key: String, _ sightings: [Sighting], what: String) -> String? {
        guard let winner = Self.winner(sightings) else { return nil }
        let values = sightings.map(\.value).uniqued()
        if values.count > 1, !settled.contains(key) {
          let groups = values.map { value in
            let lines = sightings.filter { $0.value == value }.map { String($0.line) }
            return
              "\(Self.shown(key, value)) at line\(lines.count == 1 ? "" : "s") \(lines.joined(separator: ", "))"
          }
          let first = sightings.first { $0.value != winner }?.line ?? 1
          warnings.append(
            .warning(
              at: page.location(line: first),
              "the transcripts disagree on \(what): \(groups.joined(separator: "; ")); running with "
                + "\(Self.shown(key, winner)); settle it in the front matter with `tutor: {\(key): "
                + "\(key == "prompt" ? "'\(winner)'" : winner)}`"))
        }
        return winner
      }
      let prompt = vote("prompt", prompt, what: "the prompt") ?? "lfe> "
      var profile = prompt == "> " ? Profile.classic : Profile.lfe2
      profile.prompt = prompt
      if let style = vote("pid_style", pidStyle, what: "how pids print as values") {
        profile.pidStyle = style == "bare" ? .bare : .tagged
      }
      if let flag = vote("compile_value_is_list", compileValueIsList, what: "what `c` answers") {
        profile.compileValueIsList = flag == "true"
      }
      if let flag = vote("defun_returns_name", defunReturnsName, what: "what `defun` answers") {
        profile.defunReturnsName = flag == "true"
      }
      return (profile, warnings)
    }

    /// The most shown value, the first shown on a tie.
    static func winner(_ sightings: [Sighting]) -> String? {
      var counts: [String: Int] = [:]
      for sighting in sightings { counts[sighting.value, default: 0] += 1 }
      var best: String?
      for value in sightings.map(\.value).uniqued()
      where best == nil || counts[value, default: 0] > counts[best ?? "", default: 0] {
        best = value
      }
      return best
    }

    /// How a warning shows a value: `bare pids (<0.42.0>)`.
    static func shown(_ key: String, _ value: String) -> String {
      switch (key, value) {
      case ("prompt", _): return "'\(value.trimmingTrailingWhitespace())' prompts"
      case ("pid_style", "bare"): return "bare pids (<0.42.0>)"
      case ("pid_style", _): return "tagged pids (#Pid<0.42.0>)"
      case ("compile_value_is_list", "true"): return "(#(module m))"
      case ("compile_value_is_list", _): return "#(module m)"
      case ("defun_returns_name", "true"): return "the function's name"
      default: return "a fun (#Fun<...>)"
      }
    }
  }
}

extension Array where Element: Hashable {
  /// The elements in order, each once.
  func uniqued() -> [Element] {
    var seen: Set<Element> = []
    return filter { seen.insert($0).inserted }
  }
}
