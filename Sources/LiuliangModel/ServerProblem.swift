/// A PostgreSQL store that can't be opened or written, in cases the program words itself
/// (Resources): each names the store as `user@host/database`, never with its password.
public enum ServerProblem: Error, Sendable, Equatable {
  case failed(store: String, ServerFailure)
  /// The database has no liuliang tables (`liuliang migrate` makes them).
  case noSchema(store: String)
  /// The tables are of another version of liuliang.
  case schemaVersion(store: String, found: Int, wanted: Int)
  /// `--shop ID` names no shop of the chain.
  case noShop(store: String, shop: String)
  /// `migrate` into a shop id the chain already has.
  case shopExists(store: String, shop: String)
}

/// Why the server said no, kept apart from its words: messages are the program's own sentences
/// (Resources), which name the store as `user@host/database` and never hold a password.
public enum ServerFailure: Error, Sendable, Equatable {
  /// No server answered at the address (down, wrong host or port, a firewall).
  case unreachable
  /// The server answered but would not let this role in (password, pg_hba, no such role).
  case authentication
  /// TLS was asked for and could not be had (no TLS on the server, a certificate that does not
  /// match its root or its host name).
  case tls
  /// The connection dropped while talking (the server stopped, a network cut).
  case connectionLost
  /// A policy or missing grant refused the statement (SQLSTATE 42501 and row-level security).
  case refused
  /// A row another writer changed since it was read (or added under the same id).
  case changedElsewhere
  /// Anything else, with the server's SQLSTATE.
  case other(sqlstate: String)
}
