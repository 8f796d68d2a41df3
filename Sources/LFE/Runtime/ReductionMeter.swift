/// Reductions that natives and the VM's bignum arithmetic report for work longer than
/// a call's worth (a product of huge integers, printing one). The VM adds them to the
/// running slice after such a call, so the slice, the step's reduction limit and
/// Ctrl-C (looked at between slices) catch a loop of huge products.
public final class ReductionMeter {
  public var pending = 0

  public init() {}

  /// The reductions reported since the last take, now cleared.
  @inline(__always) func take() -> Int {
    let n = pending
    if n != 0 { pending = 0 }
    return n
  }
}
