import Foundation
import Lessons

/// Runs courses in parallel, each start to end on one thread of its own: a course's LFE
/// system is made on that thread and never leaves it.
enum CourseScheduler {
  /// Stack for each worker: compiling deeply nested forms recurses on the host stack.
  static let stackSize = 64 << 20

  static func run(
    _ courses: [Course], jobs: Int, body: @escaping @Sendable (Course) -> [PageResult]
  ) -> [[PageResult]] {
    let state = State(count: courses.count)
    let workers = max(1, min(jobs, courses.count))
    let done = DispatchSemaphore(value: 0)
    for _ in 0..<workers {
      let thread = Thread {
        while let index = state.next() {
          state.store(body(courses[index]), at: index)
        }
        done.signal()
      }
      thread.stackSize = stackSize
      thread.start()
    }
    for _ in 0..<workers { done.wait() }
    return state.results
  }

  /// The queue of course indices and the results, shared by the workers under a lock.
  private final class State: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private let count: Int
    private var stored: [[PageResult]]

    init(count: Int) {
      self.count = count
      stored = Array(repeating: [], count: count)
    }

    func next() -> Int? {
      lock.withLock {
        guard nextIndex < count else { return nil }
        defer { nextIndex += 1 }
        return nextIndex
      }
    }

    func store(_ results: [PageResult], at index: Int) {
      lock.withLock { stored[index] = results }
    }

    var results: [[PageResult]] { lock.withLock { stored } }
  }
}
