import LiuliangModel
import LiuliangReport
import LiuliangStore

extension AppState {
  /// Carries out one store write of an effect on this thread and takes in its outcome. False
  /// when the write failed. The safety tests' runner uses this; the dashboard hands its writes
  /// to a `StoreWriter` and takes in their outcomes with `wrote`, the same answer either way.
  public mutating func write(_ effect: Effect, to store: any RecordStore, then later: [Effect]) -> Bool {
    do throws(StoreError) {
      try StoreWriter.perform(effect, on: store)
      return true
    } catch {
      wrote(effect, failed: error, later: later)
      return false
    }
  }

  /// A write that failed, and the writes behind it that were not tried. A refusal (a conflict,
  /// a read-only store) takes the change back; a failing disk or folder keeps it, with
  /// `later`, to be written again.
  public mutating func wrote(_ effect: Effect, failed error: StoreError, later: [Effect]) {
    var why = wording.error(error)
    switch error {
    case .changedOnDisk, .server(.failed(_, .changedElsewhere)):
      why += " " + text["msg.reload_hint"]
      _ = update(&self, .saveFailed(why, conflict: true))
      takeBackDropped(later)
    case .cannotWrite, .server(.failed(_, .connectionLost)), .server(.failed(_, .unreachable)):
      _ = update(&self, .writeFailed(why, [effect] + later))
    default:
      _ = update(&self, .saveFailed(why))
      takeBackDropped(later)
    }
    quitWhenSaved = false
  }

  /// Writes queued behind a refused one are not tried: each was made on top of the refused
  /// change, so their steps go back too and the screen shows what the files hold. (`:keep`
  /// still has the last of them, the refused change's `saveFailed` having kept it.)
  mutating func takeBackDropped(_ later: [Effect]) {
    for e in later where e.writes { takeBackLast() }
  }
}
