import Foundation
import LiuliangTestSupport

/// xlsx files built to hurt a reader: a part is a head, a pattern repeated any number of times
/// and a tail, deflated as it is made, so a gigabyte-sized part takes a few MB and seconds.
enum HostileXLSX {
  struct Part {
    var path: String
    var head: [UInt8]
    var pattern: [UInt8] = []
    var count = 0
    var tail: [UInt8] = []

    init(
      _ path: String, _ head: String, repeating pattern: String = "", times count: Int = 0, tail: String = ""
    ) {
      self.path = path
      self.head = Array(head.utf8)
      self.pattern = Array(pattern.utf8)
      self.count = count
      self.tail = Array(tail.utf8)
    }

    var size: Int { head.count + pattern.count * count + tail.count }
  }

  static let sheetHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet "
    + "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
  static let sheetTail = "</sheetData></worksheet>"

  /// A sheet at the default path (no workbook.xml: the reader then takes sheet1).
  static func sheet(_ rows: String, repeating pattern: String = "", times: Int = 0, after: String = "")
    -> Part
  {
    Part(
      "xl/worksheets/sheet1.xml", sheetHead + rows, repeating: pattern, times: times, tail: after + sheetTail)
  }

  static func archive(_ parts: [Part]) throws -> Data {
    var zip = ZipWriter()
    for part in parts {
      let body = part.pattern
      // Whole repetitions of the pattern, a little over a chunk long, to copy slices from.
      let block: [UInt8] =
        body.isEmpty ? [] : Array(repeating: body, count: (1 << 17) / body.count + 2).flatMap { $0 }
      let bodyEnd = part.head.count + body.count * part.count
      zip.add(part.path, size: part.size) { position, size in
        var out: [UInt8] = []
        out.reserveCapacity(size)
        var p = position
        let end = p + size
        while p < end {
          if p < part.head.count {
            let n = min(end, part.head.count) - p
            out += part.head[p..<p + n]
            p += n
          } else if p < bodyEnd {
            let o = (p - part.head.count) % body.count
            let n = min(end, bodyEnd) - p
            out += block[o..<o + n]
            p += n
          } else {
            let n = end - p
            out += part.tail[(p - bodyEnd)..<(p - bodyEnd + n)]
            p += n
          }
        }
        return out
      }
    }
    return Data(zip.archive)
  }

  /// The same archive with `path`'s central directory entry sending the reader to `offset`
  /// for its local header: past the end, found by the fuzzer, it trapped inside the zip library then in use.
  static func pointing(_ zip: Data, _ path: String, to offset: UInt32) -> Data {
    var b = [UInt8](zip)
    let name = Array(path.utf8)
    for i in 0..<(b.count - 46) where b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 1 && b[i + 3] == 2 {
      let length = Int(b[i + 28]) | Int(b[i + 29]) << 8
      guard i + 46 + length <= b.count, Array(b[(i + 46)..<(i + 46 + length)]) == name else { continue }
      for k in 0..<4 { b[i + 42 + k] = UInt8(truncatingIfNeeded: offset >> (8 * k)) }
    }
    return Data(b)
  }

  /// The same archive with `path`'s declared unpacked size set to `size` in both of its
  /// headers: a reader that trusts the header is lied to.
  static func lying(_ zip: Data, about path: String, size: UInt32) -> Data {
    var b = [UInt8](zip)
    let name = Array(path.utf8)
    func u16(_ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
    for i in 0..<(b.count - 46) where b[i] == 0x50 && b[i + 1] == 0x4B {
      let (field, nameAt): (Int, Int)
      switch (b[i + 2], b[i + 3]) {
      case (3, 4): (field, nameAt) = (i + 22, i + 30)
      case (1, 2): (field, nameAt) = (i + 24, i + 46)
      default: continue
      }
      let length = u16(b[i + 2] == 3 ? i + 26 : i + 28)
      guard length == name.count, nameAt + length <= b.count, Array(b[nameAt..<nameAt + length]) == name
      else { continue }
      for k in 0..<4 { b[field + k] = UInt8(truncatingIfNeeded: size >> (8 * k)) }
    }
    return Data(b)
  }
}
