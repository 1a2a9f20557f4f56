import Dispatch
import LiuliangCLI
import LiuliangImport
import LiuliangReport
import LiuliangStore
import LiuliangText

extension ImportCommand {
  /// A till's orders in the plain case go from the file's bytes to visits.csv without loading
  /// the store (see `TillFast`); false when the file or the store is not that case, and the
  /// general path runs instead. The report is the general path's, word for word. The file and
  /// the store are read at once: most of the time is reading.
  func importPlainTill(_ bytes: [UInt8], folder: String) throws -> Bool {
    guard kind == .visits, map.isEmpty, !addCustomers, !bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
      return false
    }
    let both = Both()
    let (encoding, write) = (self.encoding, !dryRun)
    DispatchQueue.concurrentPerform(iterations: 2) { k in
      if k == 0 {
        both.fast = Result { () throws(ImportError) in try TillFast.read(bytes, encoding: encoding) }
      } else {
        // A till's row is some 60 bytes: room for that many orders is made as the log's are read.
        both.target = TillTarget.open(folder: folder, write: write, expectedOrders: bytes.count / 64)
      }
    }
    let fast: TillFast?
    switch both.fast {
    case .success(let f): fast = f
    case .failure(let e): throw CLIError(message(e))
    }
    guard let fast, let target = both.target else { return false }
    adoptShopLanguage(target.shop)
    let (result, rows) = fast.plan(into: target)
    if !dryRun {
      do {
        try target.append(rows)
      } catch {
        let wording = Wording(cliText)
        throw CLIError(wording.error(error))
      }
    }
    let report = ImportReport(
      result: result, file: file, folder: target.folder, dryRun: dryRun,
      rejectsPath: RejectsFile.freeName(Self.rejectsPath(file)))
    switch format {
    case .text: emit(report.text())
    case .json: emitExact(report.json().serialized() + "\n")
    }
    return true
  }
}

/// What the two readers of `importPlainTill` found, each writing its own field.
private final class Both: @unchecked Sendable {
  var fast: Result<TillFast?, ImportError> = .success(nil)
  var target: TillTarget?
}
