import Foundation

/// An installed LFE, driven as `erl -noshell -pa LFE_EBIN -eval 'lfe_shell:server().'`,
/// which reads piped forms and prints prompts and values as a terminal user sees them.
public struct RealLFE: Sendable {
  /// The `erl` that runs it.
  public var erl: String
  /// LFE's compiled modules.
  public var ebin: String

  /// Why no LFE could be used, in words.
  public struct NotFound: Error, Sendable {
    public var message: String
  }

  public init(erl: String, ebin: String) {
    self.erl = erl
    self.ebin = ebin
  }

  /// Finds LFE from `--lfe` (the `lfe` script, LFE's directory or its `ebin`), else
  /// `LFE_EBIN`, else the `lfe` on the PATH; and `erl` on the PATH. The error says what
  /// is missing in words.
  public static func locate(option: String?, environment: [String: String]) -> Result<RealLFE, NotFound> {
    let searchPath = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
    func onPath(_ name: String) -> String? {
      searchPath.map { ($0 as NSString).appendingPathComponent(name) }.first {
        FileManager.default.isExecutableFile(atPath: $0)
      }
    }
    let ebin: String
    if let option {
      guard let found = ebinDirectory(from: option) else {
        return .failure(
          NotFound(message: "--lfe \(option) is not LFE: no lfe_shell.beam in it, its ebin or beside its bin")
        )
      }
      ebin = found
    } else if let fromEnvironment = environment["LFE_EBIN"], !fromEnvironment.isEmpty {
      guard let found = ebinDirectory(from: fromEnvironment) else {
        return .failure(NotFound(message: "LFE_EBIN=\(fromEnvironment) holds no lfe_shell.beam"))
      }
      ebin = found
    } else if let script = onPath("lfe") {
      guard let found = ebinDirectory(from: script) else {
        return .failure(
          NotFound(message: "the lfe on the PATH (\(script)) has no ebin directory beside its bin"))
      }
      ebin = found
    } else {
      return .failure(
        NotFound(
          message: "real LFE not found: no lfe on the PATH; install LFE, or give --lfe PATH or LFE_EBIN"))
    }
    guard let erl = onPath("erl") else {
      return .failure(NotFound(message: "real LFE needs Erlang's erl on the PATH, and there is none"))
    }
    return .success(RealLFE(erl: erl, ebin: ebin))
  }

  /// The ebin directory for a path that is the `lfe` script, LFE's directory or ebin itself.
  static func ebinDirectory(from path: String) -> String? {
    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath()
    let candidates = [
      resolved,
      resolved.appendingPathComponent("ebin"),
      resolved.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("ebin"),
    ]
    return candidates.first {
      FileManager.default.fileExists(atPath: $0.appendingPathComponent("lfe_shell.beam").path)
    }?.path
  }

  /// Pipes `input` into LFE's shell in `directory`; what it printed, and whether it had to
  /// be stopped at `timeout`.
  public func run(
    _ input: String, in directory: URL, timeout: TimeInterval
  ) -> (output: String, timedOut: Bool) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: erl)
    process.arguments = ["-noshell", "-pa", ebin, "-eval", "lfe_shell:server()."]
    process.currentDirectoryURL = directory
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stdout
    let collected = Collected()
    stdout.fileHandleForReading.readabilityHandler = { handle in
      let data = handle.availableData
      if !data.isEmpty { collected.append(data) }
    }
    do {
      try process.run()
    } catch {
      return ("cannot start \(erl): \(error.localizedDescription)", false)
    }
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try? stdin.fileHandleForWriting.close()
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    while process.isRunning {
      if Date() > deadline {
        timedOut = true
        process.terminate()
        break
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
    process.waitUntilExit()
    stdout.fileHandleForReading.readabilityHandler = nil
    collected.append(stdout.fileHandleForReading.readDataToEndOfFile())
    return (collected.text, timedOut)
  }

  /// Bytes that arrive on another thread.
  private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ more: Data) { lock.withLock { data.append(more) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
  }
}
