import Foundation
import XCTest

/// End-to-end: the command line as people expect it: help text, option errors, shell
/// completions and the man page that `make install` puts under a PREFIX.
final class CommandLineHelpTests: TutorTestCase {
  static let commands = ["lessons", "learn", "progress", "check", "test", "repl", "run"]

  func testJobsHelpAndErrors() throws {
    let help = try tutor(["test", "--help"]).stdout
    XCTAssertFalse(help.contains("(default: \(ProcessInfo.processInfo.activeProcessorCount))"), help)
    XCTAssertEqual(help.components(separatedBy: "number of cores").count, 2, help)
    let negative = try tutor(["test", "--jobs", "-1", "lessons"])
    XCTAssertEqual(negative.status, 2)
    XCTAssertEqual(negative.stderr, "tutor test: --jobs must be at least 1, not -1\n")
    XCTAssertFalse(negative.stderr.contains("Missing value"))
    let word = try tutor(["check", "--jobs", "many", "lessons"])
    XCTAssertEqual(word.status, 2)
    XCTAssertTrue(word.stderr.contains("The value 'many' is invalid for '--jobs <n>'"), word.stderr)
    XCTAssertEqual(try tutor(["test", "--jobs", "1", "lessons/processes/01-hello.md"]).status, 0)
  }

  /// No help paragraph breaks a line early: every line of a paragraph but its last is
  /// filled to near the width.
  func testHelpParagraphsAreFilled() throws {
    for command in Self.commands {
      let help = try tutor([command, "--help"]).stdout
      XCTAssertTrue(help.hasPrefix("OVERVIEW:"), command)
      guard let usage = help.range(of: "\nUSAGE:") else { return XCTFail("\(command): no usage") }
      let prose = help[help.startIndex..<usage.lowerBound]
      for paragraph in prose.components(separatedBy: "\n\n") {
        let lines = paragraph.split(separator: "\n")
        for line in lines.dropLast() where !line.hasPrefix("Example") {
          XCTAssertGreaterThan(line.count, 55, "\(command) --help breaks early at '\(line)':\n\(help)")
        }
      }
    }
  }

  func testMakeInstallPutsCompletionsAndManPageUnderPrefix() throws {
    let tool = Self.root.appendingPathComponent(".build/debug/generate-manual-tool")
    guard FileManager.default.isExecutableFile(atPath: tool.path) else {
      throw XCTSkip(
        "swift-argument-parser's generate-manual tool is not built; `make test` builds it "
          + "(swift build --product generate-manual)")
    }
    let prefix = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tutor-prefix-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: prefix) }
    let make = Process()
    make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    make.arguments = [
      "make", "-s", "install", "PREFIX=\(prefix.path)", "BIN=\(Self.binary.path)", "NO_BUILD=1",
    ]
    make.currentDirectoryURL = Self.root
    let log = Pipe()
    make.standardOutput = log
    make.standardError = log
    try make.run()
    let output = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    make.waitUntilExit()
    XCTAssertEqual(make.terminationStatus, 0, output)

    func read(_ path: String) throws -> String {
      try String(contentsOf: prefix.appendingPathComponent(path), encoding: .utf8)
    }
    let installed = Process()
    installed.executableURL = prefix.appendingPathComponent("bin/tutor")
    installed.arguments = ["--version"]
    let out = Pipe()
    installed.standardOutput = out
    try installed.run()
    installed.waitUntilExit()
    XCTAssertEqual(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), "0.1.0\n")

    let bash = try read("share/bash-completion/completions/tutor")
    let zsh = try read("share/zsh/site-functions/_tutor")
    let fish = try read("share/fish/vendor_completions.d/tutor.fish")
    XCTAssertTrue(zsh.hasPrefix("#compdef tutor"), zsh)
    for script in [bash, zsh, fish] {
      for command in Self.commands { XCTAssertTrue(script.contains(command), command) }
      XCTAssertTrue(script.contains("strict"))
      XCTAssertTrue(script.contains("shard"))
    }
    // Bash completes a subcommand's options from the installed script.
    let complete = Process()
    complete.executableURL = URL(fileURLWithPath: "/bin/bash")
    complete.arguments = [
      "-c",
      "shopt -s extglob; source \"$1\"; COMP_WORDS=(tutor check --sh); COMP_CWORD=2; COMP_LINE='tutor check --sh'; "
        + "COMP_POINT=${#COMP_LINE}; _tutor tutor --sh check; printf '%s\\n' \"${COMPREPLY[@]}\"",
      "bash", prefix.appendingPathComponent("share/bash-completion/completions/tutor").path,
    ]
    let words = Pipe()
    complete.standardOutput = words
    try complete.run()
    let offered = String(decoding: words.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    complete.waitUntilExit()
    XCTAssertTrue(offered.split(separator: "\n").contains("--shard"), offered)

    let manual = try read("share/man/man1/tutor.1")
    XCTAssertTrue(manual.contains(".Dt TUTOR 1"), manual)
    for command in Self.commands { XCTAssertTrue(manual.contains(".It Em \(command)"), command) }
    XCTAssertTrue(manual.contains("Fl -strict"), manual)
  }
}
