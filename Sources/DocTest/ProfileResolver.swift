import LFE
import Lessons

/// Decides which shell profile a page was written against.
///
/// The front matter says so when the author did (`tutor: {profile: lfe1}`, or single
/// switches on top). Otherwise each switch is read from its own evidence in the page's
/// transcripts, so a page that mixes styles (an `lfe> ` prompt with bare pids, say) gets
/// exactly the mix it shows: the prompt from the prompts, the pid style from pids shown
/// as values, how `c` answers from a `c` exchange, what `defun` answers from a `defun`
/// exchange. A switch the page shows nothing about follows the preset its prompt implies
/// (`> ` is LFE 0.x, `lfe> ` LFE 2). When lines disagree, the majority wins (the first
/// shown on a tie) and a warning names the lines and the front matter that settles it.
public enum ProfileResolver {
  public struct Choice: Equatable, Sendable {
    public var profile: Profile
    /// How reports name it: `classic (from the transcripts)`.
    public var description: String
    /// Transcripts that disagree with each other about a switch.
    public var warnings: [Diagnostic] = []

    /// Whether the page runs with LFE 2's printing, the default a report need not mention.
    public var isDefault: Bool { profile == .lfe2 }
  }

  /// The switches front matter may set under `tutor:`, besides the block options.
  static let switches = ["prompt", "pid_style", "compile_value_is_list", "defun_returns_name"]

  public static func resolve(_ page: Page) -> Result<Choice, Diagnostic> {
    let mapping = page.frontMatter["tutor"]?.mappingValue ?? [:]
    var profile: Profile
    var origin: String
    var warnings: [Diagnostic] = []
    if let named = page.defaults.profile {
      guard let preset = Profile.named(named) else {
        return .failure(
          unknownProfile(named, at: page.frontMatterLocations["tutor.profile"] ?? page.location(line: 1)))
      }
      (profile, origin) = (preset, "front matter")
    } else {
      let evidence = Evidence(page)
      let settled = Set(switches.filter { mapping[$0] != nil })
      (profile, warnings) = evidence.profile(page: page, settled: settled)
      origin = profile == .lfe2 ? "default" : "transcripts"
      if !settled.isEmpty && profile == .lfe2 { origin = "front matter" }
    }
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
    }
    let description = name(of: profile) + " (from the \(origin))"
    return .success(Choice(profile: profile, description: description, warnings: warnings))
  }

  /// A preset's name, or the nearest preset with the switches that differ from it:
  /// `lfe2 pid_style=bare`.
  static func name(of profile: Profile) -> String {
    var best: (name: String, changes: [String])?
    for name in Profile.names {
      guard let preset = Profile.named(name) else { continue }
      var changes: [String] = []
      if profile.prompt != preset.prompt { changes.append("prompt='\(profile.prompt)'") }
      if profile.pidStyle != preset.pidStyle {
        changes.append("pid_style=\(profile.pidStyle == .bare ? "bare" : "tagged")")
      }
      if profile.compileValueIsList != preset.compileValueIsList {
        changes.append("compile_value_is_list=\(profile.compileValueIsList)")
      }
      if profile.defunReturnsName != preset.defunReturnsName {
        changes.append("defun_returns_name=\(profile.defunReturnsName)")
      }
      if best == nil || changes.count < best?.changes.count ?? 0 { best = (name, changes) }
    }
    guard let best else { return "lfe2" }
    return ([best.name] + best.changes).joined(separator: " ")
  }

  /// The profile a block's own `profile=` option asks for, when it differs from the page's.
  public static func blockProfile(_ block: CodeBlock, page: Page, pageProfile: Profile) -> Profile? {
    guard let name = block.options.profile, name != page.defaults.profile else { return pageProfile }
    return Profile.named(name)
  }

  static func unknownProfile(_ name: String, at location: PageLocation) -> Diagnostic {
    .error(at: location, "unknown profile '\(name)'; choose one of \(Profile.names.joined(separator: ", "))")
  }
}
