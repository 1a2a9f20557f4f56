// Foundation's types and the C library reach this module's files and the two programs' through
// `import LiuliangCLI`: which of FoundationEssentials or Foundation, and of Glibc or Darwin, a
// platform has is decided here once.
#if canImport(FoundationEssentials)
  @_exported import FoundationEssentials
#else
  @_exported import Foundation
#endif
#if canImport(Glibc)
  @_exported import Glibc
#elseif canImport(Darwin)
  @_exported import Darwin
#endif
