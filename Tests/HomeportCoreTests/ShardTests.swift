// `--shard K/N`: every path in exactly one shard, shards of similar size, bad specs refused.

@testable import HomeportCore
import Testing

@Suite struct ShardTests {
    @Test func shardsPartitionPaths() {
        let paths = (0..<500).map { "src/module\($0)/file.py" }
        let shards = (1...4).map { Shard("\($0)/4")! }
        for path in paths {
            #expect(shards.filter { $0.contains(path) }.count == 1)
        }
        #expect(shards.allSatisfy { shard in paths.filter(shard.contains).count > 80 })
        #expect(Shard("0/4") == nil && Shard("5/4") == nil && Shard("1/0") == nil && Shard("x") == nil)
    }
}
