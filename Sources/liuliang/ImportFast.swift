import LiuliangImport
import LiuliangReport
import LiuliangStore

extension ImportCommand {
  /// A till's orders in the plain case go from the file's bytes to visits.csv without loading
  /// the store (see `TillFast`); false when the file or the store is not that case, and the
  /// general path runs instead. The report is the general path's, word for word.
  func importPlainTill(_ bytes: [UInt8], folder: String) throws -> Bool {
    guard kind == .visits, map.isEmpty, !addCustomers else { return false }
    let fast: TillFast?
    do {
      fast = try TillFast.read(bytes, encoding: encoding)
    } catch {
      throw CLIError(message(error))
    }
    guard let fast, let target = TillTarget.open(folder: folder, write: !dryRun) else { return false }
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
