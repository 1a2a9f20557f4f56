import Foundation
import PackagePlugin

/// Compiles a target's `.txt` files into the target itself, so that the installed program is
/// one file: a resource bundle would have to sit beside the binary, and the program would stop
/// at its first string when copied anywhere else.
@main
struct EmbedText: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = target.directoryURL
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedText.swift")
    var inputs: [URL] = []
    if let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
      for case let url as URL in walk where url.pathExtension == "txt" { inputs.append(url) }
    }
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) text files in \(target.name)",
        executable: try context.tool(named: "embed-text").url,
        arguments: [root.path, output.path] + inputs.map(\.path),
        inputFiles: inputs, outputFiles: [output])
    ]
  }
}
