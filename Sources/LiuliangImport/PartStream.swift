import Foundation
import ZIPFoundation

#if canImport(Glibc)
  import Glibc
#endif

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// One part of a zip archive, inflated on a thread of its own while the XML parser reads it a
/// chunk at a time: a sheet of any size is never held whole, and no part unpacks past its cap,
/// whatever its header declares, so a zip bomb stops there.
final class PartStream: InputStream {
  typealias Outcome = Inflater.Outcome
  private let inflater: Inflater
  private var current = Data()
  private var offset = 0

  init(archive: Archive, entry: Entry, cap: Int) {
    inflater = Inflater(archive: archive, entry: entry, cap: cap)
    super.init(data: Data())
    let inflater = self.inflater
    Thread { inflater.run() }.start()
  }

  /// How the inflating ended; waits for it, after telling it to stop if the parser is done early.
  func finish() -> Outcome { inflater.finish() }

  /// Ends the stream at once: the parser reads no further.
  func stop() { inflater.stop() }

  override func open() {}
  override func close() {}
  override var hasBytesAvailable: Bool { true }

  override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength len: Int) -> Int {
    if offset == current.count {
      guard let next = inflater.next() else { return 0 }
      current = next
      offset = 0
    }
    let n = min(len, current.count - offset)
    current.withUnsafeBytes { raw in
      buffer.update(from: raw.baseAddress!.advanced(by: offset).assumingMemoryBound(to: UInt8.self), count: n)
    }
    offset += n
    return n
  }
}

/// The inflating thread and the chunks it hands over, a few ahead of the parser. Everything is
/// shared under `condition`; the archive is used by the thread alone until `finish` returns.
final class Inflater: @unchecked Sendable {
  enum Outcome: Equatable {
    case running, done, tooBig, broken
  }

  private let archive: Archive
  private let entry: Entry
  private let cap: Int
  private let condition = NSCondition()
  private var queue: [Data] = []
  private var outcome = Outcome.running
  private var stopped = false
  /// Chunks inflated ahead of the parser: enough to keep both busy, few enough to hold little.
  private static let ahead = 4

  init(archive: Archive, entry: Entry, cap: Int) {
    self.archive = archive
    self.entry = entry
    self.cap = cap
  }

  private struct TooBig: Error {}

  func run() {
    var count = 0
    var result = Outcome.done
    do {
      guard entry.uncompressedSize <= UInt64(cap) else { throw TooBig() }
      _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { data in
        count += data.count
        guard count <= cap else { throw TooBig() }
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.ahead && !stopped { condition.wait() }
        if stopped { throw CancellationError() }
        queue.append(data)
        condition.broadcast()
      }
    } catch is TooBig {
      result = .tooBig
    } catch is CancellationError {
      result = .done
    } catch {
      result = .broken
    }
    condition.lock()
    outcome = result
    condition.broadcast()
    condition.unlock()
  }

  /// The next chunk, waiting for it; nil at the end or once stopped.
  func next() -> Data? {
    condition.lock()
    defer { condition.unlock() }
    while queue.isEmpty && outcome == .running && !stopped { condition.wait() }
    guard !stopped, !queue.isEmpty else { return nil }
    condition.broadcast()
    return queue.removeFirst()
  }

  func stop() {
    condition.lock()
    stopped = true
    queue.removeAll()
    condition.broadcast()
    condition.unlock()
  }

  func finish() -> Outcome {
    stop()
    condition.lock()
    defer { condition.unlock() }
    while outcome == .running { condition.wait() }
    return outcome
  }
}

/// What every part's delegate shares: a way to stop the parse with a reason.
class PartReader: NSObject, XMLParserDelegate {
  private(set) var failure: ImportError?
  weak var parser: XMLParser?
  weak var stream: PartStream?

  func fail(_ e: ImportError) {
    guard failure == nil else { return }
    failure = e
    stream?.stop()
    parser?.abortParsing()
  }

  // Declared here so that the subclasses' overrides are what the parser calls.
  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {}
  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
  {}
  func parser(_ parser: XMLParser, foundCharacters string: String) {}
}

extension Archive {
  /// Parses the part at `path` through `reader`, streamed; false when the archive lacks it.
  /// A part past `cap` bytes, a broken one (unless `lenient`) or a limit the reader hit is thrown.
  func parse(_ path: String, cap: Int, with reader: PartReader, lenient: Bool = false) throws(ImportError)
    -> Bool
  {
    guard let entry = self[path] else { return false }
    let stream = PartStream(archive: self, entry: entry, cap: cap)
    let parser = XMLParser(stream: stream)
    parser.delegate = reader
    reader.parser = parser
    reader.stream = stream
    let parsed = parser.parse()
    let outcome = stream.finish()
    if let f = reader.failure { throw f }
    switch outcome {
    case .tooBig: throw .tooLarge(.part(path, megabytes: cap >> 20))
    case .broken: throw .badWorkbook(path)
    case .running, .done: break
    }
    guard parsed || lenient else { throw .badWorkbook(path) }
    return true
  }
}

/// The archive over a file with no name that lives in memory (Linux's memfd): ZIPFoundation's
/// own in-memory archive traps when a damaged archive points past its end, where reading a
/// real file past its end only reads nothing. Elsewhere, or without memfd, the in-memory one.
enum ArchiveFile {
  static func open(_ bytes: [UInt8]) throws(ImportError) -> Archive {
    #if os(Linux)
      typealias MemfdCreate = @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32
      if let symbol = dlsym(nil, "memfd_create") {
        let fd = unsafeBitCast(symbol, to: MemfdCreate.self)("liuliang-xlsx", 1)  // MFD_CLOEXEC
        if fd >= 0 {
          defer { close(fd) }
          var written = 0
          while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            guard n > 0 else { break }
            written += n
          }
          if written == bytes.count {
            do {
              return try Archive(url: URL(fileURLWithPath: "/proc/self/fd/\(fd)"), accessMode: .read)
            } catch {
              throw .badWorkbook("zip")
            }
          }
        }
      }
    #endif
    do {
      return try Archive(data: Data(bytes), accessMode: .read)
    } catch {
      throw .badWorkbook("zip")
    }
  }
}
