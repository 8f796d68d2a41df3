import Foundation
import XCTest

/// End-to-end: `--format html` written by the binary and loaded in a real headless
/// browser (Debian's chromium), checking what the browser made of it.
final class HTMLReportTests: TutorTestCase {
  static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  static let page = """
    # A page with <b>tags</b> & "quotes"

    ```lfe
    lfe> (+ 1 2)
    4
    lfe> (list "<script>document.title='owned'</script>")
    ("<script>document.title='owned'</script>")
    lfe> (self)
    #Pid<0.25.0>
    ```

    """

  func report(in dir: URL) throws -> (Run, URL) {
    try Self.page.write(to: dir.appendingPathComponent("page & <co>.md"), atomically: true, encoding: .utf8)
    let output = dir.appendingPathComponent("report.html")
    let run = try tutor(["test", "page & <co>.md", "--format", "html", "--output", output.path], in: dir)
    return (run, output)
  }

  func testReportIsSelfContainedAndEscaped() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (run, output) = try report(in: dir)
    XCTAssertEqual(run.status, 1, run.stderr)
    let html = try String(contentsOf: output, encoding: .utf8)
    XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
    XCTAssertFalse(html.contains("<script"), "page text must be escaped")
    XCTAssertTrue(html.contains("&lt;script&gt;document.title=&#39;owned&#39;&lt;/script&gt;"))
    XCTAssertTrue(html.contains("page &amp; &lt;co&gt;.md:4:6"))
    // Nothing is fetched from elsewhere: no remote or relative resources, inline CSS only.
    for resource in ["src=", "<link", "@import", "http://", "https://"] {
      XCTAssertFalse(html.contains(resource), resource)
    }
    XCTAssertEqual(html.components(separatedBy: "<details class=\"exchange failed\" open>").count, 2)
    XCTAssertEqual(html.components(separatedBy: "<details class=\"exchange passed\">").count, 3)
  }

  func testChromiumShowsTheSummaryAndOpensFailures() throws {
    guard let chromium = Self.chromium else {
      throw XCTSkip(
        "chromium is not installed (apt-get install chromium); the HTML report was not loaded in a browser")
    }
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (_, output) = try report(in: dir)
    let profile = dir.appendingPathComponent("chromium-profile")
    let common = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)"]
    let dom = try run(chromium, common + ["--dump-dom", output.absoluteString])
    // The browser parsed the escaped page text as text: no script element, the title intact.
    XCTAssertTrue(dom.contains("<title>tutor report</title>"), dom)
    XCTAssertFalse(dom.contains("<script"), dom)
    XCTAssertTrue(dom.contains("id=\"summary\">2 passed, 1 failed"), dom)
    XCTAssertTrue(dom.contains("<details class=\"exchange failed\" open=\"\">"), dom)
    XCTAssertTrue(dom.contains("<span class=\"removed\"><i>5</i>-4</span>"), dom)
    XCTAssertTrue(dom.contains("<span class=\"added\"><i></i>+3</span>"), dom)
    XCTAssertTrue(dom.contains("href=\"file:///"), dom)
    let shot = dir.appendingPathComponent("shot.png")
    _ = try run(
      chromium, common + ["--screenshot=\(shot.path)", "--window-size=1200,900", output.absoluteString])
    let png = try Data(contentsOf: shot)
    XCTAssertGreaterThan(png.count, 10_000)
    XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
  }

  private func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-html-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  private func run(_ program: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
