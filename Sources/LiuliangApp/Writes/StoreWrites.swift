import LiuliangModel
import LiuliangReport
import LiuliangStore

extension AppState {
  /// Carries out one store write of an effect. A refusal (a conflict, a read-only store) takes
  /// the change back; a failing disk or folder keeps it, with `later`, to be written again.
  /// False when the write failed. The dashboard's runner and the safety tests share this, so
  /// the tests exercise exactly what the owner runs.
  public mutating func write(_ effect: Effect, to store: any RecordStore, then later: [Effect]) -> Bool {
    do throws(StoreError) {
      switch effect {
      case .save(let ds): try store.save(ds, overwrite: false)
      case .overwrite(let ds): try store.save(ds, overwrite: true)
      case .appendVisit(let v, let extra): try store.appendVisit(v, extra: extra)
      case .removeLastVisit: try store.removeLastAppendedVisit()
      default: break
      }
      return true
    } catch {
      var why = wording.error(error)
      switch error {
      case .changedOnDisk:
        why += " " + text["msg.reload_hint"]
        _ = update(&self, .saveFailed(why, conflict: true))
      case .server(.failed(_, .changedElsewhere)):
        why += " " + text["msg.reload_hint"]
        _ = update(&self, .saveFailed(why, conflict: true))
      case .cannotWrite, .server(.failed(_, .connectionLost)), .server(.failed(_, .unreachable)):
        _ = update(&self, .writeFailed(why, [effect] + later))
      default: _ = update(&self, .saveFailed(why))
      }
      return false
    }
  }
}
