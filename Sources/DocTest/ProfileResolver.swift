import LFE
import Lessons

/// Decides which shell profile a page was written against.
///
/// The front matter says so when the author did (`tutor: {profile: lfe1}`, or single
/// switches on top); otherwise the page's own transcripts tell: a `> ` prompt is LFE 0.x,
/// and an `lfe> ` page whose `c` answers `#(module m)` or whose values show bare
/// `<0.N.0>` pids is LFE 1.x. Pages that show nothing either way get LFE 2.
public enum ProfileResolver {
  public struct Choice: Equatable, Sendable {
    public var profile: Profile
    /// How reports name it: `classic (from the transcripts)`.
    public var description: String
  }

  /// The switches front matter may set under `tutor:`, besides the block options.
  static let switches = ["prompt", "pid_style", "compile_value_is_list", "defun_returns_name"]

  public static func resolve(_ page: Page) -> Result<Choice, Diagnostic> {
    var profile: Profile
    var name: String
    var origin: String
    if let named = page.defaults.profile {
      guard let preset = Profile.named(named) else {
        return .failure(
          unknownProfile(named, at: page.frontMatterLocations["tutor.profile"] ?? page.location(line: 1)))
      }
      (profile, name, origin) = (preset, named, "front matter")
    } else if let inferred = infer(page) {
      (profile, name, origin) = (Profile.named(inferred)!, inferred, "transcripts")
    } else {
      (profile, name, origin) = (.lfe2, "lfe2", "default")
    }
    let mapping = page.frontMatter["tutor"]?.mappingValue ?? [:]
    var changed: [String] = []
    for key in switches {
      guard let value = mapping[key] else { continue }
      let location = page.frontMatterLocations["tutor.\(key)"] ?? page.location(line: 1)
      switch (key, value) {
      case ("prompt", .string(let prompt)):
        profile.prompt = prompt.hasSuffix(" ") ? prompt : prompt + " "
      case ("pid_style", .string("bare")): profile.pidStyle = .bare
      case ("pid_style", .string("tagged")): profile.pidStyle = .tagged
      case ("compile_value_is_list", .bool(let flag)): profile.compileValueIsList = flag
      case ("defun_returns_name", .bool(let flag)): profile.defunReturnsName = flag
      default:
        let wanted = key == "prompt" ? "a string" : key == "pid_style" ? "bare or tagged" : "true or false"
        return .failure(.error(at: location, "tutor.\(key) must be \(wanted), not '\(value.displayText)'"))
      }
      changed.append("\(key)=\(value.displayText)")
    }
    let description = ([name] + changed).joined(separator: " ") + " (from the \(origin))"
    return .success(Choice(profile: profile, description: description))
  }

  /// The profile a block's own `profile=` option asks for, when it differs from the page's.
  public static func blockProfile(_ block: CodeBlock, page: Page, pageProfile: Profile) -> Profile? {
    guard let name = block.options.profile, name != page.defaults.profile else { return pageProfile }
    return Profile.named(name)
  }

  static func unknownProfile(_ name: String, at location: PageLocation) -> Diagnostic {
    .error(at: location, "unknown profile '\(name)'; choose one of \(Profile.names.joined(separator: ", "))")
  }

  /// The preset a page's transcripts show, or nil when they have none.
  static func infer(_ page: Page) -> String? {
    let exchanges = page.blocks.filter { $0.kind == .transcript }.flatMap(\.exchanges)
    guard let first = exchanges.first else { return nil }
    if first.prompt == "> " { return "classic" }
    for exchange in exchanges {
      let lines = exchange.expected.map { $0.text.trimmingCharacters(in: .whitespaces) }
      if isCompile(exchange.input), lines.contains(where: { $0.hasPrefix("#(module ") && $0.hasSuffix(")") })
      {
        return "lfe1"
      }
      // `~p` prints bare pids in every profile, so only values count.
      if let value = lines.last, !exchange.input.contains("format"), hasBarePid(value) { return "lfe1" }
    }
    return nil
  }

  static func isCompile(_ input: String) -> Bool {
    guard case .form(let form, _) = Shell.read(input) else { return false }
    return form.head == "c" || form.head == "l"
  }

  private static func hasBarePid(_ line: String) -> Bool {
    let bytes = Array(line.utf8)
    for index in bytes.indices where bytes[index] == UInt8(ascii: "<") {
      let tagged = index >= 4 && bytes[(index - 4)..<index].elementsEqual("#Pid".utf8)
      if !tagged, LinePattern.pid(in: bytes, at: index) != nil { return true }
    }
    return false
  }
}
