import LiuliangModel

extension Wording {
  /// One sentence for a chain's database that can't be opened or written: it names the store
  /// as `user@host/database` (never with a password) and says what became of the change.
  public func server(_ p: ServerProblem) -> String {
    switch p {
    case .noSchema(let s): return text("chain.err.no_schema", s)
    case .schemaVersion(let s, let found, let wanted):
      return text("chain.err.schema_version", s, found, wanted)
    case .noShop(let s, let shop): return text("chain.err.no_shop", s, shop)
    case .shopExists(let s, let shop): return text("chain.err.shop_exists", s, shop)
    case .failed(let s, let f):
      switch f {
      case .unreachable: return text("chain.err.unreachable", s)
      case .authentication: return text("chain.err.authentication", s)
      case .tls: return text("chain.err.tls", s)
      case .connectionLost: return text("chain.err.connection_lost", s)
      case .refused: return text("chain.err.refused", s)
      case .changedElsewhere: return text("chain.err.changed_elsewhere", s)
      case .other(let state): return text("chain.err.other", s, state)
      }
    }
  }
}
