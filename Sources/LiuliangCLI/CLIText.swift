import LiuliangModel
import LiuliangText

/// The interface language (`Text.choose`). Help text is made before any store is open, so it
/// speaks the language of `--lang`, `$LIULIANG_LANG` or the locale; a command that opens a
/// store calls `adoptShopLanguage` before it says anything else. Set on the main thread only,
/// before any work is spread over cores.
nonisolated(unsafe) public var cliText = Text(
  language: Text.choose(
    flag: CommandLine.arguments.languageFlag, environment: ProcessInfo.processInfo.environment, shop: nil))

/// Switches to shop.toml's `language` where neither `--lang` nor `$LIULIANG_LANG` names one.
public func adoptShopLanguage(_ shop: Shop) {
  let lang = Text.choose(
    flag: CommandLine.arguments.languageFlag, environment: ProcessInfo.processInfo.environment,
    shop: shop.language)
  if lang != cliText.language { cliText = Text(language: lang) }
}

extension Array where Element == String {
  /// `--lang X` or `--lang=X`, read before argument parsing so help text is localized too.
  public var languageFlag: String? {
    for (i, a) in enumerated() {
      if a == "--lang", i + 1 < count { return self[i + 1] }
      if a.hasPrefix("--lang=") { return String(a.dropFirst(7)) }
    }
    return nil
  }
}
