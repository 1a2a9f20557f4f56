/// One file of the store begun or finished while loading, with its size: the dashboard's
/// loading screen shows a bar per file from these.
public struct LoadStep: Sendable, Equatable {
  public var file: String
  public var bytes: Int64
  public var done: Bool

  public init(file: String, bytes: Int64, done: Bool) {
    self.file = file
    self.bytes = bytes
    self.done = done
  }
}

public typealias LoadProgress = @Sendable (LoadStep) -> Void

extension Store {
  func tell(_ file: String, done: Bool) {
    progress?(LoadStep(file: file, bytes: max(0, signatures[file]?.size ?? 0), done: done))
  }
}
