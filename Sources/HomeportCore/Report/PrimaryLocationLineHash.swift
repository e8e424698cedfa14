// GitHub code scanning's `primaryLocationLineHash`, computed as github/codeql-action's upload step does.

/// The per-line rolling hash GitHub's upload action (`src/fingerprints.ts` in github/codeql-action)
/// adds to results that lack one. Reports that carry the identical value keep their alerts' identity
/// from run to run, and the action neither recomputes nor warns about a mismatch.
///
/// The algorithm, restated: the file is decoded as UTF-8 and read as UTF-16 code units; spaces and
/// tabs are skipped, `\r\n` and a lone `\r` become `\n`, and a code unit 65535 marks the end of the
/// file. A polynomial hash (base 37, wrapping 64-bit arithmetic) rolls over a window of the last 100
/// kept code units; a line's hash is the value once the window has moved 100 code units past the
/// line's first kept one (padded with zeros at the end of the file). Each value is printed as
/// unpadded lowercase hex with `:n`, where `n` counts earlier lines of the file with the same hash.
public enum PrimaryLocationLineHash {
    static let windowSize = 100
    static let base: UInt64 = 37
    static let endOfFile: UInt16 = 65535
    /// base^windowSize, what the code unit leaving the window contributed.
    static let leavingFactor: UInt64 = (0..<windowSize).reduce(1) { value, _ in value &* base }

    /// One hash per line of `bytes`, `result[0]` for line 1. There is one more entry than lines
    /// when the file ends with a line break (the empty last line), as GitHub's action computes it.
    public static func hashes(of bytes: [UInt8]) -> [String] {
        var state = RollingState()
        for unit in String(decoding: bytes, as: UTF8.self).utf16 {
            state.take(unit)
        }
        state.take(endOfFile)
        for _ in 0..<windowSize {
            state.flushOne()
        }
        return state.output
    }

    /// Sets `lineHash` on every finding, all of which must come from `bytes`.
    public static func annotate(_ findings: inout [Finding], bytes: [UInt8]) {
        guard !findings.isEmpty else { return }
        let lines = hashes(of: bytes)
        for index in findings.indices {
            let line = findings[index].start.line
            if line >= 1 && line <= lines.count { findings[index].lineHash = lines[line - 1] }
        }
    }

    private struct RollingState {
        var window = [UInt64](repeating: 0, count: windowSize)
        /// The line number whose first kept code unit sits at each window slot, or 0.
        var lineAt = [Int](repeating: 0, count: windowSize)
        var hash: UInt64 = 0
        var slot = 0
        var lineNumber = 0
        var atLineStart = true
        var afterCR = false
        var seen: [UInt64: Int] = [:]
        var output: [String] = []

        mutating func take(_ unit: UInt16) {
            var unit = unit
            if unit == 0x20 || unit == 0x09 || (afterCR && unit == 0x0A) {
                afterCR = false
                return
            }
            afterCR = unit == 0x0D
            if afterCR { unit = 0x0A }
            if lineAt[slot] != 0 { emit() }
            if atLineStart {
                atLineStart = false
                lineNumber += 1
                lineAt[slot] = lineNumber
            }
            if unit == 0x0A { atLineStart = true }
            roll(UInt64(unit))
        }

        mutating func flushOne() {
            if lineAt[slot] != 0 { emit() }
            roll(0)
        }

        mutating func roll(_ value: UInt64) {
            let leaving = window[slot]
            window[slot] = value
            hash = (base &* hash) &+ value &- (leavingFactor &* leaving)
            slot = (slot + 1) % windowSize
        }

        mutating func emit() {
            let count = seen[hash, default: 0] + 1
            seen[hash] = count
            let line = lineAt[slot]
            // Lines complete in order, so the output index is the line number.
            if output.count < line {
                output.append(contentsOf: repeatElement("", count: line - output.count))
            }
            output[line - 1] = String(hash, radix: 16) + ":" + String(count)
            lineAt[slot] = 0
        }
    }
}
