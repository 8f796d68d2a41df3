/// A tuple: its count and elements in one allocation.
public final class Tuple: ManagedBuffer<Int, Term> {
  public static func make(_ elements: [Term]) -> Tuple {
    let t = make(count: elements.count) { buf in
      for (i, e) in elements.enumerated() { (buf + i).initialize(to: e) }
    }
    return t
  }

  /// A tuple whose `count` elements are uninitialised: the caller writes every one
  /// before the tuple is used or freed.
  public static func allocate(count: Int) -> Tuple {
    HeapAccount.charge(HeapAccount.tuple(count))
    return unsafeDowncast(Tuple.create(minimumCapacity: count) { _ in count }, to: Tuple.self)
  }

  /// A tuple of `count` elements written by `fill` into uninitialised memory.
  public static func make(count: Int, fill: (UnsafeMutablePointer<Term>) -> Void) -> Tuple {
    let t = allocate(count: count)
    t.withUnsafeMutablePointerToElements { fill($0) }
    return t
  }

  @inlinable public var count: Int { header }

  @inlinable public subscript(i: Int) -> Term {
    get { withUnsafeMutablePointerToElements { $0[i] } }
  }

  public var elements: [Term] {
    withUnsafeMutablePointerToElements { Array(UnsafeBufferPointer(start: $0, count: header)) }
  }

  deinit {
    withUnsafeMutablePointers { count, elements in
      let n = count.pointee
      HeapAccount.credit(HeapAccount.tuple(n))
      for i in 0..<n where elements[i].isBox {
        DropQueue.release(elements, count: n)
        return
      }
      // Only immediates: they hold no references, so there is nothing to destroy (a
      // generic deinitialize costs more than the rest of a message's life).
    }
  }
}
