import Foundation
import LFE
import XCTest

@testable import Walkthrough

/// Golden diagrams (see DiagramCases/README.md) and the pieces they are made of.
final class SequenceDiagramTests: XCTestCase {
  static let casesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("DiagramCases")

  static var recording: Bool { ProcessInfo.processInfo.environment["TUTOR_RECORD"] == "1" }

  /// Runs a case's forms in a fresh runtime and draws the last one.
  static func diagram(_ directory: URL) throws -> SequenceDiagram {
    // The long run is cut short; the others are drawn whole.
    let limit = directory.lastPathComponent == "long-run" ? 8 : SequenceDiagramBuilder.defaultLimit
    let runtime = Runtime(clock: .virtual)
    let module = directory.appendingPathComponent("module.lfe")
    if let source = try? String(contentsOf: module, encoding: .utf8) {
      _ = try ModuleCompiler.compileAndLoad(source: source, file: "module.lfe", runtime: runtime)
    }
    let shell = Shell(runtime: runtime)
    let forms = try String(contentsOf: directory.appendingPathComponent("input.lfe"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
    for form in forms.dropLast() { shell.evaluate(source: form) }
    return TracedEvaluation.run(forms.last ?? "", in: shell, limit: limit).diagram
  }

  static func renderings(_ d: SequenceDiagram) -> [(String, String)] {
    [
      ("expected.txt", TextDiagramRenderer(plain: false, width: 72).render(d)),
      ("expected-plain.txt", TextDiagramRenderer(plain: true, width: 72).render(d)),
      ("expected-full.txt", TextDiagramRenderer(plain: false, width: 72, full: true).render(d)),
      ("expected.svg", SVGDiagramRenderer().render(d)),
      ("expected.mmd", MermaidDiagramRenderer().render(d)),
    ]
  }

  static var caseNames: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: casesDirectory.path)) ?? [])
      .filter { !$0.contains(".") }.sorted()
  }

  func testGoldenCases() throws {
    XCTAssertGreaterThanOrEqual(Self.caseNames.count, 6)
    for name in Self.caseNames {
      let directory = Self.casesDirectory.appendingPathComponent(name)
      for (file, actual) in Self.renderings(try Self.diagram(directory)) {
        let url = directory.appendingPathComponent(file)
        if Self.recording {
          try Data(actual.utf8).write(to: url)
          continue
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing \(file)>"
        XCTAssertEqual(actual, expected, "\(name)/\(file) differs (TUTOR_RECORD=1 re-records)")
      }
    }
  }

  func testSameProgramDrawsTheSameBytesEveryRun() throws {
    for name in Self.caseNames {
      let directory = Self.casesDirectory.appendingPathComponent(name)
      let first = Self.renderings(try Self.diagram(directory))
      let second = Self.renderings(try Self.diagram(directory))
      for (a, b) in zip(first, second) { XCTAssertEqual(a.1, b.1, "\(name)/\(a.0) changed between runs") }
    }
  }

  func testLifelinesAreNamedByRegisteredNameVariableOrPid() throws {
    let server = try Self.diagram(Self.casesDirectory.appendingPathComponent("server"))
    XCTAssertEqual(server.participants.map(\.name), ["shell", "server"])
    let variables = try Self.diagram(Self.casesDirectory.appendingPathComponent("variables"))
    XCTAssertEqual(variables.participants.map(\.name), ["shell", "worker"])
    let ring = try Self.diagram(Self.casesDirectory.appendingPathComponent("ring"))
    XCTAssertEqual(ring.participants.map(\.name), ["shell", "<0.80.0>", "<0.81.0>", "<0.82.0>", "<0.83.0>"])
  }

  func testMessagesAreArrowsAndExitsEndLifelines() throws {
    let ring = try Self.diagram(Self.casesDirectory.appendingPathComponent("ring"))
    let messages = ring.rows.filter {
      if case .arrow(_, _, .message, let label) = $0 { return label == "token" }
      return false
    }
    XCTAssertEqual(messages.count, 5)
    XCTAssertEqual(ring.rows.first, .arrow(from: 0, to: 1, style: .spawn, label: "spawn ring:node/1"))
    for i in 1...4 {
      XCTAssertEqual(ring.participants[i].spawnedAt, i - 1)
      let end = try XCTUnwrap(ring.participants[i].endsAt)
      XCTAssertEqual(ring.rows[end], .note(at: i, mark: .exit, text: "exit normal"))
    }
    XCTAssertNil(ring.participants[0].endsAt)
  }

  func testSignalsDrawDownAndExit() throws {
    let d = try Self.diagram(Self.casesDirectory.appendingPathComponent("signals"))
    let labels = d.rows.compactMap { row -> String? in
      if case .arrow(_, _, .signal, let label) = row { return label }
      return nil
    }
    XCTAssertEqual(labels.count, 2)
    XCTAssertEqual(labels.first, "EXIT boom (trapped)")
    XCTAssertTrue(labels.last?.hasPrefix("#(DOWN #Ref<") == true, labels.description)
  }

  func testLongRunKeepsFirstAndLastEventsAndCountsTheRest() throws {
    let d = try Self.diagram(Self.casesDirectory.appendingPathComponent("long-run"))
    let gaps = d.rows.compactMap { row -> Int? in
      if case .gap(let n) = row { return n }
      return nil
    }
    XCTAssertEqual(gaps.count, 1)
    XCTAssertEqual(d.rows.count, 17)
    XCTAssertGreaterThan(gaps[0], 0)
  }

  func testLabelsAreShortenedToTheWidthUnlessFull() throws {
    let d = try Self.diagram(Self.casesDirectory.appendingPathComponent("shortening"))
    let narrow = TextDiagramRenderer(plain: false, width: 40).render(d)
    XCTAssertTrue(narrow.contains("…"))
    XCTAssertFalse(narrow.contains("40)"))
    XCTAssertTrue(narrow.split(separator: "\n").allSatisfy { DisplayWidth.of($0) <= 40 }, narrow)
    let plain = TextDiagramRenderer(plain: true, width: 40).render(d)
    XCTAssertTrue(plain.contains("..."))
    XCTAssertTrue(plain.unicodeScalars.allSatisfy(\.isASCII))
    let full = TextDiagramRenderer(plain: false, width: 40, full: true).render(d)
    XCTAssertTrue(full.contains("39 40)"))
  }

  func testTraceKeepsHeadAndTailOfALongRun() {
    let runtime = Runtime(clock: .virtual)
    let shell = Shell(runtime: runtime)
    let trace = runtime.startTrace(headLimit: 3, tailLimit: 2)
    shell.evaluate(source: "(lists:foreach (lambda (n) (! (self) n)) (lists:seq 1 10))")
    runtime.stopTrace()
    XCTAssertEqual(trace.count, 10)
    XCTAssertEqual(trace.omitted, 5)
    func sent(_ events: [Trace.Event]) -> [Int] {
      events.compactMap {
        if case .send(_, .int(let n)) = $0.kind { return n }
        return nil
      }
    }
    XCTAssertEqual(sent(trace.first), [1, 2, 3])
    XCTAssertEqual(sent(trace.last), [9, 10])
  }

  func testNothingIsRecordedWhileTracingIsOff() {
    let runtime = Runtime(clock: .virtual)
    let shell = Shell(runtime: runtime)
    XCTAssertNil(runtime.trace)
    shell.evaluate(source: "(! (self) 'hi)")
    let trace = runtime.startTrace()
    runtime.stopTrace()
    shell.evaluate(source: "(! (self) 'again)")
    XCTAssertEqual(trace.count, 0)
  }

  func testSVGEscapesText() {
    let d = SequenceDiagram(
      participants: [
        .init(name: "a<b>", spawnedAt: nil, endsAt: nil), .init(name: "c&d", spawnedAt: nil, endsAt: nil),
      ],
      rows: [.arrow(from: 0, to: 1, style: .message, label: "\"x\" & 'y' <z>")])
    let svg = SVGDiagramRenderer().render(d)
    XCTAssertTrue(svg.contains("a&lt;b&gt;"))
    XCTAssertTrue(svg.contains("c&amp;d"))
    XCTAssertTrue(svg.contains("&quot;x&quot; &amp; &apos;y&apos; &lt;z&gt;"))
    XCTAssertFalse(svg.contains("<z>"))
  }

  func testMermaidEscapesWhatItReads() {
    let d = SequenceDiagram(
      participants: [
        .init(name: "shell", spawnedAt: nil, endsAt: nil),
        .init(name: "<0.80.0>", spawnedAt: nil, endsAt: nil),
      ],
      rows: [.arrow(from: 0, to: 1, style: .message, label: "#(a; b)")])
    XCTAssertEqual(
      MermaidDiagramRenderer().render(d),
      "sequenceDiagram\n  participant p0 as shell\n  participant p1 as #lt;0.80.0#gt;\n  p0->>p1: #35;(a#59; b)\n"
    )
  }

  /// The SVG renders as an image (rsvg-convert, Debian librsvg2-bin), when it is installed.
  func testSVGRendersWithRsvgConvert() throws {
    let tool = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    guard let tool else { throw XCTSkip("rsvg-convert is not installed (apt-get install librsvg2-bin)") }
    let svg = SVGDiagramRenderer().render(
      try Self.diagram(Self.casesDirectory.appendingPathComponent("ring")))
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-svg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data(svg.utf8).write(to: dir.appendingPathComponent("ring.svg"))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.arguments = [
      dir.appendingPathComponent("ring.svg").path, "-o", dir.appendingPathComponent("ring.png").path,
    ]
    try p.run()
    p.waitUntilExit()
    XCTAssertEqual(p.terminationStatus, 0)
    let png = try Data(contentsOf: dir.appendingPathComponent("ring.png"))
    XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
  }
}
