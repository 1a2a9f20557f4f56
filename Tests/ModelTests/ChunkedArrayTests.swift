import XCTest

@testable import LiuliangModel

/// The chunked array reads and changes as an array does; a change copies only its chunk.
final class ChunkedArrayTests: XCTestCase {
  let n = 2 * 1024 + 10

  func testReadsAndChangesAsAnArray() {
    var a = ChunkedArray(0..<n)
    var ref = Array(0..<n)
    XCTAssertEqual(Array(a), ref)
    let cut = ChunkedArray(ref)
    XCTAssertEqual(cut, a)
    XCTAssertEqual(cut.chunks.map(\.count), [1024, 1024, 10])
    a[1500] = -1
    ref[1500] = -1
    a.remove(at: 3)
    ref.remove(at: 3)
    a.insert(77, at: 1024)
    ref.insert(77, at: 1024)
    a.removeSubrange(2000..<2010)
    ref.removeSubrange(2000..<2010)
    a.append(5)
    ref.append(5)
    XCTAssertEqual(Array(a), ref)
    XCTAssertEqual(a.count, ref.count)
    // Every chunk but the last is full, which indexing relies on.
    XCTAssertTrue(a.chunks.dropLast().allSatisfy { $0.count == 1024 })
    XCTAssertEqual(a.removeLast(), 5)
    ref.removeLast()
    XCTAssertEqual(Array(a), ref)
  }

  func testACopyKeepsItsElementsAndSharesTheUntouchedChunks() {
    var a = ChunkedArray(0..<n)
    let before = a
    a[1500] += 1
    XCTAssertEqual(before[1500], 1500)
    XCTAssertEqual(a[1500], 1501)
    XCTAssertTrue(a.sharesChunk(0, with: before))
    XCTAssertFalse(a.sharesChunk(1, with: before))
    XCTAssertTrue(a.sharesChunk(2, with: before))
    XCTAssertEqual(a.unsharedRanges(with: before), [1024..<2048])
    XCTAssertNotEqual(a, before)
    a[1500] -= 1
    XCTAssertEqual(a, before, "equal elements in unshared chunks are still equal")
  }

  func testUnsharedRangesCoverWhereTheCountsDiffer() {
    var a = ChunkedArray(0..<n)
    let before = a
    a.append(1)
    XCTAssertEqual(a.unsharedRanges(with: before), [2048..<n + 1])
    XCTAssertEqual(ChunkedArray<Int>().unsharedRanges(with: ChunkedArray<Int>()), [])
  }

  func testAnArrayIsCutWithoutCopyingAndAChangeCopiesOneChunk() {
    let flat = Array(0..<n)
    var a = ChunkedArray(flat)
    flat.withUnsafeBufferPointer { f in
      for k in a.chunks.indices {
        a.chunks[k].withUnsafeBufferPointer { c in
          XCTAssertEqual(c.baseAddress, f.baseAddress! + k * 1024, "chunk \(k) is the array's own storage")
        }
      }
    }
    a[1030] = -1
    a.append(9)
    XCTAssertEqual(flat[1030], 1030)
    XCTAssertEqual(a[1030], -1)
    XCTAssertEqual(Array(a), Array(0..<1030) + [-1] + Array(1031..<n) + [9])
    flat.withUnsafeBufferPointer { f in
      a.chunks[0].withUnsafeBufferPointer { XCTAssertEqual($0.baseAddress, f.baseAddress) }
      a.chunks[1].withUnsafeBufferPointer { XCTAssertNotEqual($0.baseAddress, f.baseAddress! + 1024) }
    }
  }

  /// Reading where the elements lie visits the indexes asked for, in order, across chunk boundaries, with the
  /// elements a subscript reads; also after a change copied one chunk.
  func testReadingInPlaceVisitsEachIndexOfTheRange() {
    var a = ChunkedArray((0..<n).map { "e\($0)" })
    a[1030] = "changed"
    for range in [0..<n, 0..<0, 5..<6, 1000..<1100, 1023..<2049, 2048..<n] {
      var seen: [(Int, String)] = []
      a.forEachAt(in: range) { i, e in seen.append((i, e.pointee)) }
      XCTAssertEqual(seen.map(\.0), Array(range), "\(range)")
      XCTAssertEqual(seen.map(\.1), range.map { a[$0] }, "\(range)")
    }
    var all: [Int] = []
    a.forEachAt { i, _ in all.append(i) }
    XCTAssertEqual(all, Array(0..<n))
    XCTAssertEqual(a.mapAt { $0.pointee + "!" }, (0..<n).map { a[$0] + "!" })
    XCTAssertEqual(a.at(1030) { $0.pointee }, "changed")
    XCTAssertEqual(a.at(n - 1) { $0.pointee }, "e\(n - 1)")
  }
}
