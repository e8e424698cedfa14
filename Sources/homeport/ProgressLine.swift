// One progress line on standard error while a long scan runs: shown only on a terminal, only after
// a third of a second, redrawn in place at most ten times a second, and erased at the end.

import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import HomeportCore

final class ProgressLine: @unchecked Sendable {
    /// A scan shorter than this shows nothing: a flash of text is noise.
    static let delay = 1.0 / 3
    /// Between redraws: at most ten a second.
    static let interval = 0.1

    private let progress: ScanProgress
    private let language: MessageLanguage
    private let started = ProgressLine.now()
    private let stopped = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// Written only by the drawing thread; read by `stop` after that thread has finished.
    private var drawn = false

    /// Whether a progress line may be drawn: standard error is a terminal that can move the cursor
    /// back (`TERM=dumb` cannot), and the user did not ask for quiet.
    static func isWanted(quiet: Bool) -> Bool {
        !quiet && StandardStream.error.isTerminal && SystemInfo.environment("TERM") != "dumb"
    }

    /// Starts drawing `progress` on a background thread until `stop()`.
    init(_ progress: ScanProgress, language: MessageLanguage) {
        self.progress = progress
        self.language = language
        DispatchQueue.global().async { self.drawUntilStopped() }
    }

    /// Stops drawing and erases the line, so what follows starts on a clean line.
    func stop() {
        stopped.signal()
        finished.wait()
        if drawn { StandardStream.error.write("\r\u{1B}[K") }
    }

    private func drawUntilStopped() {
        defer { finished.signal() }
        if stopped.wait(timeout: .now() + .milliseconds(Int(Self.delay * 1000))) == .success { return }
        repeat {
            let reading = progress.snapshot
            let elapsed = ProgressLine.now() - started
            let text = CLIMessage.progress.format(language, [
                "done": String(reading.filesDone), "total": String(reading.filesTotal),
                "findings": String(reading.findings), "seconds": ProgressLine.tenths(elapsed),
            ])
            // Carriage return, the text, then clear what a longer previous line left behind.
            StandardStream.error.write("\r" + text + "\u{1B}[K")
            drawn = true
        } while stopped.wait(timeout: .now() + .milliseconds(Int(Self.interval * 1000))) == .timedOut
    }

    /// `2.3`: seconds with one decimal, without Foundation's formatting.
    static func tenths(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
