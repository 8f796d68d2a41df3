/// The live processes by pid serial: an array indexed by serial, so a send finds its
/// receiver with one load instead of a hash lookup.
struct ProcessTable {
  private var slots: [Process?] = []
  private(set) var count = 0

  subscript(serial: UInt32) -> Process? {
    get {
      let i = Int(serial)
      return i < slots.count ? slots[i] : nil
    }
    set {
      let i = Int(serial)
      if i >= slots.count {
        guard newValue != nil else { return }
        slots.append(contentsOf: repeatElement(nil, count: i - slots.count + 1))
      }
      if slots[i] == nil && newValue != nil { count += 1 }
      if slots[i] != nil && newValue == nil { count -= 1 }
      slots[i] = newValue
    }
  }

  /// The live processes, oldest first.
  var values: [Process] { slots.compactMap { $0 } }
}
