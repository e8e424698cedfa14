// `--shard K/N`: a stable partition of the files by path hash, so CI runners can split a tree.

public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              count >= 1, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether this shard scans the file shown as `path`. Every path is in exactly one shard of N.
    public func contains(_ path: String) -> Bool {
        Int(Fingerprints.fnv1a64(path) % UInt64(count)) == index - 1
    }
}
