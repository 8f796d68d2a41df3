/// A bound on the elements one built-in call visits while it walks a term.
///
/// Terms share their parts: a list holding the same list twice, forty levels deep, is a
/// few kilobytes that stand for a trillion elements. Flattening it, sizing it or turning
/// it into a binary would never end, and a built-in is one step of the scheduler, so
/// neither Ctrl-C nor the time limit could stop it. A walk past the bound ends with
/// `system_limit` and says why.
///
/// The bound follows the runtime's memory limit (`Limits.heapBytes`): a list cell takes
/// 48 bytes, so no term the runtime may hold has more than a sixth of that many
/// elements, and a walk visits each at most a few times.
struct WalkBudget {
  private let bound: Int
  private var left: Int

  init() {
    let heap = HeapAccount.limit
    bound = heap == Int.max ? 1 << 32 : max(1 << 20, heap / 8)
    left = bound
  }

  @inline(__always)
  mutating func step() throws(Exception) {
    left &-= 1
    if left < 0 {
      throw Exception.limitReached(
        "a built-in walked more than \(bound) elements of one term, counting shared parts each time")
    }
  }
}
