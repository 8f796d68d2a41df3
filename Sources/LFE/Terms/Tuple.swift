/// A tuple: its count and elements in one allocation.
public final class Tuple: ManagedBuffer<Int, Term> {
  public static func make(_ elements: [Term]) -> Tuple {
    let t = make(count: elements.count) { buf in
      for (i, e) in elements.enumerated() { (buf + i).initialize(to: e) }
    }
    return t
  }

  /// A tuple of `count` elements written by `fill` into uninitialised memory.
  @inlinable
  public static func make(count: Int, fill: (UnsafeMutablePointer<Term>) -> Void) -> Tuple {
    let buffer = Tuple.create(minimumCapacity: count) { _ in count }
    buffer.withUnsafeMutablePointerToElements { fill($0) }
    return unsafeDowncast(buffer, to: Tuple.self)
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
      var hasBox = false
      for i in 0..<n where elements[i].isBox {
        hasBox = true
        break
      }
      if hasBox {
        DropQueue.release(elements, count: n)
      } else {
        _ = elements.deinitialize(count: n)
      }
    }
  }
}
