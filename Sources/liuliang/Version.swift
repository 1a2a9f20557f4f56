/// The program's version: `liuliang --version` prints it, and scripts/package names the .deb
/// after it (by asking the built binary), so this line is the only place it is written.
let liuliangVersion = "0.1.0"
