import LiuliangApp
import LiuliangPostgres

extension Dashboard {
  /// Another counter's write, as the chain's server tells of it: offered, not read at once, since
  /// reading a big chain again takes seconds and `r` keeps any change not yet saved.
  mutating func offerChangesElsewhere() {
    guard let chain = store as? PostgresStore else { return }
    let tables = chain.changedElsewhere()
    guard !tables.isEmpty else { return }
    let names = tables.map { state.text["chain.table." + $0] }.joined(
      separator: state.text["chain.table.sep"])
    state.flash(state.text("chain.changed_elsewhere", names))
  }
}
