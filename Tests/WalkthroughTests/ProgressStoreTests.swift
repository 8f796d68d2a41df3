import Foundation
import Lessons
import XCTest

@testable import Walkthrough

final class ProgressStoreTests: XCTestCase {
  var place: ProgressTestPlace!

  override func setUpWithError() throws { place = try ProgressTestPlace() }
  override func tearDown() { place.remove() }

  func testProgressSurvivesReloading() throws {
    let page = place.page("01-intro", inputs: ["(a)", "(b)", "(c)", "(d)"])
    let steps = page.steps
    XCTAssertEqual(steps.map(\.id), ["01-intro#1", "01-intro#2", "01-intro#3", "01-intro#4"])
    var store = try place.store()
    XCTAssertNil(store.record(for: steps[0], page: page.stem))
    XCTAssertFalse(
      FileManager.default.fileExists(atPath: store.fileURL.path), "nothing is written before a change")
    try store.update(step: steps[0], page: page.stem) {
      $0.tries += 2
      $0.status = .done
      $0.accept("(set x 1)")
      $0.accept("(a)")
    }
    try store.update(step: steps[1], page: page.stem) { $0.status = .solved }
    try store.update(step: steps[2], page: page.stem) { $0.status = .skipped }
    try store.update(step: steps[3], page: page.stem) { $0.tries += 1 }
    try store.setPosition(page: page.stem, step: steps[3])

    let again = try place.store()
    XCTAssertNil(again.setAside)
    XCTAssertEqual(again.document, store.document)
    let first = try XCTUnwrap(again.record(for: steps[0], page: page.stem))
    XCTAssertEqual(first.status, .done)
    XCTAssertEqual(first.tries, 2)
    XCTAssertEqual(first.inputs, ["(set x 1)", "(a)"])
    XCTAssertEqual(first.hash, steps[0].contentHash)
    XCTAssertNotNil(first.updated)
    XCTAssertEqual(again.record(for: steps[1], page: page.stem)?.status, .solved)
    XCTAssertEqual(again.record(for: steps[2], page: page.stem)?.status, .skipped)
    XCTAssertEqual(again.record(for: steps[3], page: page.stem)?.status, .started)
    XCTAssertEqual(again.position(page: page.stem), "01-intro#4")
    XCTAssertEqual(again.pageMark(page), .inProgress)

    // The file is the documented JSON, private to the learner.
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(contentsOf: store.fileURL)) as? [String: Any])
    XCTAssertEqual(json["version"] as? Int, 1)
    XCTAssertEqual(json["course"] as? String, ProgressFile.canonicalPath(of: place.course.path))
    let attributes = try FileManager.default.attributesOfItem(atPath: store.fileURL.path)
    XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
    let directory = try FileManager.default.attributesOfItem(
      atPath: store.fileURL.deletingLastPathComponent().path)
    XCTAssertEqual((directory[.posixPermissions] as? NSNumber)?.intValue, 0o700)
  }

  func testFileIsNamedAfterTheRealCoursePath() throws {
    let link = place.root.appendingPathComponent("link")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: place.course)
    let direct = try place.store()
    let throughLink = try ProgressStore(courseDirectory: link.path + "/", environment: place.environment)
    XCTAssertEqual(direct.fileURL, throughLink.fileURL)
    let name = direct.fileURL.lastPathComponent
    XCTAssertTrue(
      name.range(of: #"^my-course-[0-9a-f]{10}\.json$"#, options: .regularExpression) != nil, name)
    XCTAssertEqual(
      direct.fileURL.deletingLastPathComponent().path, place.state.appendingPathComponent("tutor").path)

    let other = place.root.appendingPathComponent("elsewhere/my course")
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
    XCTAssertNotEqual(
      try ProgressStore(courseDirectory: other.path, environment: place.environment).fileURL, direct.fileURL)

    let home = try ProgressStore(courseDirectory: place.course.path, environment: ["HOME": "/srv/learner"])
    XCTAssertTrue(
      home.fileURL.path.hasPrefix("/srv/learner/.local/state/tutor/my-course-"), home.fileURL.path)
    let relative = try ProgressStore(
      courseDirectory: place.course.path, environment: ["HOME": "/srv/learner", "XDG_STATE_HOME": "state"])
    XCTAssertEqual(relative.fileURL, home.fileURL, "a relative XDG_STATE_HOME is ignored")
  }

  func testNoHomeIsAClearError() throws {
    XCTAssertThrowsError(try ProgressStore(courseDirectory: place.course.path, environment: [:])) { error in
      XCTAssertEqual(error as? ProgressError, .noStateDirectory)
      XCTAssertTrue("\(error)".contains("XDG_STATE_HOME"))
    }
  }

  func testWritingLeavesNoTemporaryFile() throws {
    let page = place.page("01-intro", inputs: ["(a)", "(b)"])
    var store = try place.store()
    for step in page.steps {
      try store.update(step: step, page: page.stem) { $0.status = .done }
      try store.setPosition(page: page.stem, step: step)
    }
    let directory = store.fileURL.deletingLastPathComponent()
    XCTAssertEqual(place.files(in: directory), [store.fileURL.lastPathComponent])
  }

  func testTemporaryFileOfAKilledWriterIsCleanedUp() throws {
    var store = try place.store()
    let page = place.page("01-intro", inputs: ["(a)"])
    try store.update(step: page.steps[0], page: page.stem) { $0.status = .done }
    let directory = store.fileURL.deletingLastPathComponent()
    // No process has pid 2^22 + 1 (above Linux's largest pid).
    let stale = directory.appendingPathComponent(".\(store.fileURL.lastPathComponent).tmp-4194305-abc")
    try Data("{\"vers".utf8).write(to: stale)
    let again = try place.store()
    XCTAssertEqual(place.files(in: directory), [store.fileURL.lastPathComponent])
    XCTAssertEqual(again.record(for: page.steps[0], page: page.stem)?.status, .done)
  }

  func testAFileCutShortIsSetAsideAndProgressStartsEmpty() throws {
    let page = place.page("01-intro", inputs: ["(a)", "(b)", "(c)"])
    var store = try place.store()
    for step in page.steps { try store.update(step: step, page: page.stem) { $0.status = .done } }
    let whole = try Data(contentsOf: store.fileURL)
    try whole.prefix(whole.count / 2).write(to: store.fileURL)

    var again = try place.store()
    let setAside = try XCTUnwrap(again.setAside)
    guard case .damaged = setAside.reason else { return XCTFail("\(setAside.reason)") }
    XCTAssertTrue(setAside.movedTo.hasPrefix(store.fileURL.path + ".corrupt-"), setAside.movedTo)
    XCTAssertTrue(setAside.description.contains(store.fileURL.path), setAside.description)
    XCTAssertEqual(
      try Data(contentsOf: URL(fileURLWithPath: setAside.movedTo)), whole.prefix(whole.count / 2))
    XCTAssertFalse(FileManager.default.fileExists(atPath: store.fileURL.path))
    XCTAssertTrue(again.document.pages.isEmpty)
    XCTAssertEqual(again.pageMark(page), .notStarted)

    // Progress goes on in a fresh file; a second bad file does not overwrite the first.
    try again.update(step: page.steps[0], page: page.stem) { $0.status = .skipped }
    XCTAssertEqual(try place.store().record(for: page.steps[0], page: page.stem)?.status, .skipped)
    try Data("not json".utf8).write(to: store.fileURL)
    let third = try place.store()
    XCTAssertNotNil(third.setAside)
    XCTAssertNotEqual(third.setAside?.movedTo, setAside.movedTo)
    XCTAssertEqual(place.files(in: store.fileURL.deletingLastPathComponent()).count, 2)
  }

  func testHostileFilesDoNotCrash() throws {
    let store = try place.store()
    let course = ProgressFile.canonicalPath(of: place.course.path)
    try FileManager.default.createDirectory(
      at: store.fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
    func load(_ text: String) throws -> ProgressSetAside.Reason? {
      try Data(text.utf8).write(to: store.fileURL)
      return try place.store().setAside?.reason
    }
    XCTAssertEqual(try load(#"{"version": 2, "course": "\#(course)", "pages": {}}"#), .unknownVersion(2))
    XCTAssertEqual(try load(#"{"version": 1, "course": "/other", "pages": {}}"#), .otherCourse("/other"))
    let wrong = [
      #"{"version": "1", "course": "\#(course)"}"#,
      #"{"course": "\#(course)"}"#,
      #"{"version": 1, "course": "\#(course)", "pages": []}"#,
      #"{"version": 1, "course": "\#(course)", "pages": {"p": {"steps": {"p#1": {"hash": 7, "status": "done"}}}}}"#,
      #"{"version": 1, "course": "\#(course)", "pages": {"p": {"steps": {"p#1": {"hash": "h", "status": "won"}}}}}"#,
      #"{"version": 1, "course": "\#(course)", "pages": {"p": {"steps": {"p#1": {"hash": "h", "status": "done", "tries": 1e99}}}}}"#,
      "[1, 2", "", "\u{0}\u{1}", String(repeating: "[", count: 100_000),
      String(repeating: "{\"a\":", count: 100_000),
    ]
    for text in wrong {
      guard case .damaged = try load(text) else { return XCTFail("not set aside: \(text.prefix(80))") }
    }
    let huge = Data(count: ProgressFile.maxSize + 1)
    try huge.write(to: store.fileURL)
    XCTAssertEqual(try place.store().setAside?.reason, .tooLarge(bytes: ProgressFile.maxSize + 1))
    XCTAssertFalse(FileManager.default.fileExists(atPath: store.fileURL.path))
  }

  func testValuesOutOfBoundsAreClampedOnLoad() throws {
    let page = place.page("p", inputs: ["(a)"])
    let step = page.steps[0]
    let course = ProgressFile.canonicalPath(of: place.course.path)
    let long = String(repeating: "x", count: StepRecord.maxInputLength + 1)
    let inputs = (0..<200).map { "\"(i \($0))\"" }.joined(separator: ",")
    let text = """
      {"version": 1, "course": "\(course)", "pages": {"p": {"position": "p#1", "steps": {
        "\(step.id)": {"hash": "\(step.contentHash)", "status": "done", "tries": -5,
          "inputs": ["\(long)", \(inputs)], "updated": "yesterday"},
        "p#-9223372036854775808": {"hash": "\(step.contentHash)", "status": "done"},
        "no number": {"hash": "\(step.contentHash)", "status": "done"}}}}}
      """
    var store = try place.store()
    try FileManager.default.createDirectory(
      at: store.fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: store.fileURL)
    store = try place.store()
    XCTAssertNil(store.setAside)
    let record = try XCTUnwrap(store.record(for: step, page: "p"))
    XCTAssertEqual(record.tries, 0)
    XCTAssertNil(record.updated)
    XCTAssertEqual(record.inputs.count, StepRecord.maxInputs)
    XCTAssertEqual(record.inputs.last, "(i 199)")
    XCTAssertEqual(store.pageMark(page), .done)
    store.rebase(onto: [page])
    XCTAssertEqual(Array(store.document.pages["p"]?.steps.keys ?? [:].keys), [step.id])
  }

  func testInputLimits() {
    var record = StepRecord(hash: "h")
    XCTAssertFalse(record.accept(String(repeating: "x", count: StepRecord.maxInputLength + 1)))
    XCTAssertTrue(record.inputs.isEmpty)
    for number in 0..<(StepRecord.maxInputs + 10) { XCTAssertTrue(record.accept("(f \(number))")) }
    XCTAssertEqual(record.inputs.count, StepRecord.maxInputs)
    XCTAssertEqual(record.inputs.first, "(f 10)")
    let big = String(repeating: "y", count: StepRecord.maxInputLength)
    for _ in 0..<10 { record.accept(big) }
    XCTAssertLessThanOrEqual(record.inputs.reduce(0) { $0 + $1.utf8.count }, StepRecord.maxInputBytes)
    XCTAssertEqual(record.inputs.count, StepRecord.maxInputBytes / StepRecord.maxInputLength)
  }

  func testAChangedPageKeepsWhatStillHolds() throws {
    let before = place.page("02-page", inputs: ["(a)", "(b)", "(c)", "(d)"])
    var store = try place.store()
    let statuses: [StepStatus] = [.done, .solved, .skipped, .started]
    for (step, status) in zip(before.steps, statuses) {
      try store.update(step: step, page: before.stem) {
        $0.status = status
        $0.accept(step.id)
      }
    }
    try store.setPosition(page: before.stem, step: before.steps[3])

    // A step is inserted before (b), and (c) is changed.
    let after = place.page("02-page", inputs: ["(a)", "(new)", "(b)", "(c 2)", "(d)"])
    var again = try place.store()
    XCTAssertEqual(again.pageMark(after), .inProgress)
    let summary = again.summary(after)
    XCTAssertEqual([summary.done, summary.solved, summary.skipped, summary.started], [1, 1, 0, 1])
    XCTAssertEqual(summary.position, "02-page#5")
    again.rebase(onto: [after])
    let records = after.steps.map { again.record(for: $0, page: after.stem) }
    XCTAssertEqual(records.map { $0?.status }, [.done, nil, .solved, nil, .started])
    XCTAssertEqual(records[2]?.inputs, ["02-page#2"], "the moved step keeps its inputs")
    XCTAssertEqual(again.position(page: after.stem), "02-page#5")
    XCTAssertEqual(
      Set(again.document.pages[after.stem]?.steps.keys ?? [:].keys), ["02-page#1", "02-page#3", "02-page#5"])

    // Rebasing changes memory only; the next change writes the rebased records.
    XCTAssertEqual(try place.store().document, store.document)
    try again.update(step: after.steps[1], page: after.stem) { $0.status = .done }
    let saved = try place.store()
    XCTAssertEqual(saved.document, again.document)
    XCTAssertEqual(saved.document.pages[after.stem]?.steps.count, 4)
  }

  func testLookupWithoutRebaseFindsAMovedStep() throws {
    let before = place.page("p", inputs: ["(a)", "(b)"])
    var store = try place.store()
    try store.update(step: before.steps[1], page: "p") { $0.status = .done }
    let after = place.page("p", inputs: ["(x)", "(a)", "(b)"])
    var again = try place.store()
    XCTAssertNil(again.record(for: after.steps[1], page: "p"))
    XCTAssertEqual(again.record(for: after.steps[2], page: "p")?.status, .done)
    // Updating it copies the record to the step's current id; the old one counts for
    // nothing, since no step there has its hash, and a rebase drops it.
    try again.update(step: after.steps[2], page: "p") { $0.tries += 1 }
    XCTAssertEqual(again.document.pages["p"]?.steps["p#3"]?.status, .done)
    XCTAssertNil(again.record(for: after.steps[1], page: "p"))
    again.rebase(onto: [after])
    XCTAssertEqual(Array(again.document.pages["p"]?.steps.keys ?? [:].keys), ["p#3"])
  }

  func testFinishingARepeatedStepKeepsTheFirstOnesStatus() throws {
    let page = place.page("p", inputs: ["(+ 1 1)", "(+ 1 1)"])
    var store = try place.store()
    try store.update(step: page.steps[0], page: "p") { $0.status = .done }
    try store.update(step: page.steps[1], page: "p") { $0.status = .done }
    XCTAssertEqual(store.summary(page).done, 2)
    XCTAssertEqual(try place.store().pageMark(page), .done)
  }

  func testRepeatedIdenticalStepsKeepTheirOwnStatus() throws {
    let before = place.page("p", inputs: ["(flush)", "(a)", "(flush)"])
    XCTAssertEqual(before.steps[0].contentHash, before.steps[2].contentHash)
    var store = try place.store()
    try store.update(step: before.steps[0], page: "p") { $0.status = .done }
    try store.update(step: before.steps[1], page: "p") { $0.status = .done }
    let after = place.page("p", inputs: ["(new)", "(flush)", "(a)", "(flush)"])
    var again = try place.store()
    XCTAssertEqual(again.summary(after).done, 2)
    again.rebase(onto: [after])
    XCTAssertEqual(after.steps.map { again.record(for: $0, page: "p")?.status }, [nil, .done, .done, nil])
  }

  func testPageMarks() throws {
    let page = place.page("p", inputs: ["(a)", "(b)"])
    var store = try place.store()
    XCTAssertEqual(store.pageMark(page), .notStarted)
    try store.setPosition(page: "p", step: page.steps[0])
    XCTAssertEqual(store.pageMark(page), .inProgress)
    try store.update(step: page.steps[0], page: "p") { $0.status = .solved }
    try store.update(step: page.steps[1], page: "p") { $0.status = .started }
    XCTAssertEqual(store.pageMark(page), .inProgress)
    try store.update(step: page.steps[1], page: "p") { $0.status = .skipped }
    XCTAssertEqual(store.pageMark(page), .done)

    let empty = place.page("e", inputs: [])
    XCTAssertTrue(empty.steps.isEmpty)
    XCTAssertEqual(store.pageMark(empty), .notStarted)
    try store.setPosition(page: "e", step: nil)
    XCTAssertEqual(store.pageMark(empty), .done)
  }

  func testResetOnePageOrTheCourse() throws {
    let one = place.page("01-one", inputs: ["(a)"])
    let two = place.page("02-two", inputs: ["(b)"])
    var store = try place.store()
    try store.update(step: one.steps[0], page: one.stem) { $0.status = .done }
    try store.update(step: two.steps[0], page: two.stem) { $0.status = .done }
    try store.reset(page: one.stem)
    var again = try place.store()
    XCTAssertEqual(again.pageMark(one), .notStarted)
    XCTAssertEqual(again.pageMark(two), .done)
    try again.reset(page: "no-such-page")
    XCTAssertEqual(try place.store().pageMark(two), .done)
    try again.reset(page: nil)
    XCTAssertFalse(FileManager.default.fileExists(atPath: again.fileURL.path))
    XCTAssertEqual(again.pageMark(two), .notStarted)
    XCTAssertEqual(try place.store().pageMark(two), .notStarted)
  }

  func testAFailedSaveLeavesMemoryAsOnDisk() throws {
    // A file where the state directory should be: nothing can be created under it.
    try Data().write(to: place.state)
    var store = try place.store()
    let page = place.page("p", inputs: ["(a)"])
    XCTAssertThrowsError(try store.update(step: page.steps[0], page: "p") { $0.status = .done }) { error in
      guard case .cannotWrite(let path, _) = error as? ProgressError else { return XCTFail("\(error)") }
      XCTAssertEqual(path, store.fileURL.path)
    }
    XCTAssertNil(store.record(for: page.steps[0], page: "p"))
  }
}
