/// What a one-line field and a many-line area do alike: a key that types or deletes a
/// character, or moves the cursor one character, edits either the same way.
protocol CharacterEditing {
  mutating func insert(_ c: Character)
  mutating func backspace()
  mutating func deleteForward()
  mutating func left()
  mutating func right()
}

extension CharacterEditing {
  /// Applies a key that edits by one character; false for any other key.
  mutating func handleCharacterKey(_ key: Key) -> Bool {
    switch key {
    case .char(let c): insert(c)
    case .backspace: backspace()
    case .delete: deleteForward()
    case .left: left()
    case .right: right()
    default: return false
    }
    return true
  }
}
