// The independent implementations the differential tests compare our readers with: PyYAML,
// Python's json and tomllib, run by Tests/Differential/reference.py (scripts/test.sh installs PyYAML).

import Foundation

/// What the reference read from one input: its canonical form (see reference.py), or why it refused.
public enum ReferenceResult: Equatable {
    case value([UInt8])
    case error(String)
}

public enum Reference {
    public enum Mode: String { case yaml, json, toml }

    /// Each input read by the reference, in order.
    public static func read(_ inputs: [[UInt8]], as mode: Mode) throws -> [ReferenceResult] {
        let folder = try Run.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = { (index: Int) in String(format: "%06d", index) }
        for (index, input) in inputs.enumerated() {
            try Data(input).write(to: folder.appendingPathComponent(name(index) + ".in"))
        }
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/Differential/reference.py")
        if mode == .yaml {
            let check = try Run.process(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import yaml"])
            guard check.status == 0 else {
                throw CommandFailed(description: "PyYAML is missing: run the tests with scripts/test.sh, which installs it (\(check.stderr))")
            }
        }
        if mode == .toml {
            let check = try Run.process(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import tomllib"])
            guard check.status == 0 else {
                throw CommandFailed(description: "Python's tomllib is missing: the TOML differential tests need Python 3.11 or later (\(check.stderr))")
            }
        }
        let run = try Run.process(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, mode.rawValue, folder.path])
        guard run.status == 0 else { throw CommandFailed(description: "reference.py failed: \(run.stderr)") }
        return try inputs.indices.map { index in
            let output = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name(index) + ".out")))
            if output.starts(with: Array("ok ".utf8)) { return .value(Array(output.dropFirst(3))) }
            return .error(String(decoding: output.dropFirst(6), as: UTF8.self))
        }
    }
}

/// A deterministic random number generator (SplitMix64), so a failing generated case comes back.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
