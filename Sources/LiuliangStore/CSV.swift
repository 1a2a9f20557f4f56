import LiuliangModel

/// RFC 4180 over raw bytes. Parsing walks the bytes once and hands each record to a closure as
/// field ranges into the buffer, so a ten-million-row log never becomes ten million arrays.

/// One record as ranges into the parsed bytes. Valid only inside the parse callback.
public struct CSVRecord {
  /// The physical line (1-based) the record starts on.
  public var line: Int
  /// The record's bytes including its line ending, for verbatim rewrite.
  public var raw: Range<Int>
  public var fault: CSVFault?
  var starts: [Int] = []
  var ends: [Int] = []
  var quoted: [Bool] = []
  let bytes: UnsafeBufferPointer<UInt8>

  public var count: Int { starts.count }

  /// The field's text: doubled quotes undone when it was quoted; "" past the last field.
  public func field(_ i: Int) -> String {
    guard i >= 0, i < starts.count else { return "" }
    let s = starts[i]
    let e = ends[i]
    if s == e { return "" }
    let slice = UnsafeBufferPointer(rebasing: bytes[s..<e])
    if !quoted[i] || slice.firstIndex(of: UInt8(ascii: "\"")) == nil {
      return String(decoding: slice, as: UTF8.self)
    }
    var out: [UInt8] = []
    out.reserveCapacity(e - s)
    var k = s
    while k < e {
      out.append(bytes[k])
      k += bytes[k] == UInt8(ascii: "\"") ? 2 : 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether field i equals the ASCII/UTF-8 bytes given, without making a String.
  public func fieldIsEmpty(_ i: Int) -> Bool { i >= starts.count || starts[i] == ends[i] }

  /// Raw field bytes (still escaped when quoted) — for fast numeric parsing.
  public func fieldBytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
    guard i >= 0, i < starts.count else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(rebasing: bytes[starts[i]..<ends[i]])
  }

  public var fields: [String] { (0..<count).map(field) }
}

public enum CSV {
  static let quote = UInt8(ascii: "\"")
  static let comma = UInt8(ascii: ",")
  static let cr = UInt8(ascii: "\r")
  static let lf = UInt8(ascii: "\n")

  /// Length of a UTF-8 byte order mark at the start, or 0.
  public static func bomLength(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
  }

  /// Calls `body` for every record. A record with a fault still carries its raw range and line,
  /// so it can be reported and written back untouched; after an unterminated quote the rest of
  /// the file is that one record.
  public static func parse(_ b: UnsafeBufferPointer<UInt8>, from start: Int = 0, _ body: (CSVRecord) -> Void)
  {
    parse(b, from: start, until: b.count, line: 1, body)
  }

  /// The same for the records that start before `until`, counting lines from `line`; returns
  /// where the last of them ended and the line there. A record that starts before `until` is
  /// read to its end, wherever that is.
  @discardableResult
  static func parse(
    _ b: UnsafeBufferPointer<UInt8>, from start: Int, until: Int, line first: Int, _ body: (CSVRecord) -> Void
  ) -> (end: Int, line: Int) {
    var rec = CSVRecord(line: first, raw: 0..<0, fault: nil, bytes: b)
    rec.starts.reserveCapacity(16)
    rec.ends.reserveCapacity(16)
    rec.quoted.reserveCapacity(16)
    var i = start
    var line = first
    while i < until {
      nextRecord(b, &i, &line, into: &rec)
      body(rec)
    }
    return (i, line)
  }

  /// Reads the record that starts at `i` into `rec`, moving `i` and `line` past it.
  static func nextRecord(
    _ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ line: inout Int, into rec: inout CSVRecord
  ) {
    let n = b.count
    let recordStart = i
    rec.line = line
    rec.fault = nil
    rec.starts.removeAll(keepingCapacity: true)
    rec.ends.removeAll(keepingCapacity: true)
    rec.quoted.removeAll(keepingCapacity: true)
    var endOfRecord = false
    while !endOfRecord {
      if i < n && b[i] == quote {
        // Quoted field: runs to the closing quote; "" is one quote; newlines are data.
        i += 1
        let fs = i
        var closed = false
        while i < n {
          let c = b[i]
          if c == quote {
            if i + 1 < n && b[i + 1] == quote {
              i += 2
              continue
            }
            closed = true
            break
          }
          if c == lf { line += 1 }
          i += 1
        }
        rec.starts.append(fs)
        rec.ends.append(i)
        rec.quoted.append(true)
        if !closed {
          rec.fault = .unterminatedQuote
          endOfRecord = true
          break
        }
        i += 1
        if i >= n {
          endOfRecord = true
        } else if b[i] == comma {
          i += 1
        } else if b[i] == lf {
          i += 1
          line += 1
          endOfRecord = true
        } else if b[i] == cr && (i + 1 >= n || b[i + 1] == lf) {
          i += i + 1 < n ? 2 : 1
          line += 1
          endOfRecord = true
        } else {
          if rec.fault == nil { rec.fault = .textAfterQuote }
          skipToLineEnd(b, &i, &line)
          endOfRecord = true
        }
      } else {
        let fs = i
        while i < n {
          let c = b[i]
          if c == comma || c == lf || c == cr { break }
          if c == quote, rec.fault == nil { rec.fault = .strayQuote }
          i += 1
        }
        rec.starts.append(fs)
        rec.ends.append(i)
        rec.quoted.append(false)
        if i >= n {
          endOfRecord = true
        } else if b[i] == comma {
          i += 1
          if i >= n {
            // A trailing comma at the very end: one more empty field.
            rec.starts.append(i)
            rec.ends.append(i)
            rec.quoted.append(false)
            endOfRecord = true
          }
        } else if b[i] == lf {
          i += 1
          line += 1
          endOfRecord = true
        } else {
          // CR: CRLF ends the record; a lone CR does too (old Mac files).
          i += i + 1 < n && b[i + 1] == lf ? 2 : 1
          line += 1
          endOfRecord = true
        }
      }
    }
    rec.raw = recordStart..<i
    if rec.fault == nil { rec.fault = validate(UnsafeBufferPointer(rebasing: b[recordStart..<i])) }
  }

  static func skipToLineEnd(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ line: inout Int) {
    while i < b.count && b[i] != lf { i += 1 }
    if i < b.count {
      i += 1
      line += 1
    }
  }

  /// NUL bytes and broken UTF-8 make a row unreadable; checked per record so the fault has a line.
  static func validate(_ b: UnsafeBufferPointer<UInt8>) -> CSVFault? {
    var i = 0
    let n = b.count
    while i < n {
      let c = b[i]
      if c < 0x80 {
        if c == 0 { return .nulByte }
        i += 1
        continue
      }
      let len: Int
      if c & 0xE0 == 0xC0 && c >= 0xC2 {
        len = 2
      } else if c & 0xF0 == 0xE0 {
        len = 3
      } else if c & 0xF8 == 0xF0 && c <= 0xF4 {
        len = 4
      } else {
        return .invalidUTF8
      }
      if i + len > n { return .invalidUTF8 }
      for k in 1..<len where b[i + k] & 0xC0 != 0x80 { return .invalidUTF8 }
      if len == 3 {
        let v = (UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6)
        if v < 0x800 || (0xD800...0xDFFF).contains(v | UInt32(b[i + 2] & 0x3F)) { return .invalidUTF8 }
      } else if len == 4 {
        let v = (UInt32(c & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12)
        if v < 0x10000 || v > 0x10FFFF { return .invalidUTF8 }
      }
      i += len
    }
    return nil
  }

  /// Whether a field must be quoted to survive a round trip.
  public static func needsQuotes(_ s: String) -> Bool {
    s.utf8.contains { $0 == comma || $0 == quote || $0 == lf || $0 == cr }
  }

  /// Appends one field, quoted only when it has to be.
  public static func appendField(_ s: String, to out: inout [UInt8]) {
    if needsQuotes(s) {
      out.append(quote)
      for c in s.utf8 {
        if c == quote { out.append(quote) }
        out.append(c)
      }
      out.append(quote)
    } else {
      out.append(contentsOf: s.utf8)
    }
  }

  public static func appendRecord(_ fields: [String], lineEnding: [UInt8], to out: inout [UInt8]) {
    for (k, f) in fields.enumerated() {
      if k > 0 { out.append(comma) }
      appendField(f, to: &out)
    }
    out.append(contentsOf: lineEnding)
  }

  /// Parses a whole text into string rows (for tests and small files).
  public static func rows(_ text: String) -> [[String]] {
    var out: [[String]] = []
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { b in
      parse(b, from: bomLength(b)) { out.append($0.fields) }
    }
    return out
  }
}
