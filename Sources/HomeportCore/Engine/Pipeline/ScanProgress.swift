// How far a scan has come, counted by the workers and read by whoever shows it (the core never draws).

/// Files done of the total and findings so far; updated by every worker, readable at any time.
public final class ScanProgress: @unchecked Sendable {
    private let lock = Lock()
    private var total = 0
    private var done = 0
    private var findings = 0

    public init() {}

    /// A consistent reading of the counters.
    public var snapshot: (filesDone: Int, filesTotal: Int, findings: Int) {
        lock.withLock { (done, total, findings) }
    }

    func start(total: Int) {
        lock.withLock { self.total = total }
    }

    func fileDone(findings count: Int) {
        lock.withLock {
            done += 1
            findings += count
        }
    }
}
