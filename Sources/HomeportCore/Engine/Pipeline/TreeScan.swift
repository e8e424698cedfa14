// Scans many files on all cores: read, classify (binary, encoding, shebang), scan, collect problems.

import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Everything a scan of a set of files produced, in deterministic order.
public struct ScanReport: Sendable {
    public var findings: [Finding] = []
    public var problems: [ScanProblem] = []
    public var filesScanned = 0
    public var bytesScanned = 0
    public var filesSkippedByPrefilter = 0
    /// With `TreeScan.findingsRenderer`: what it made of each file's findings (sorted), for the files
    /// that have some, in report order; nil when whatever changed the findings since did not keep them.
    public var findingsFragments: [[UInt8]]?

    /// True when some file that should have been scanned was not (exit code 3).
    public var isIncomplete: Bool { problems.contains { $0.kind == .error } }
}

public enum FileReadError: BilingualError {
    /// Why, in both languages (the system's reason, `strerror`, exists only in English).
    case unreadable(LocalizedText)
    case tooLarge(Int)
    /// Over a limit the user set (`--max-file-size`), below the built-in one.
    case overLimit(size: Int, limit: Int)
    /// A FIFO, socket or device: what kind; it was not opened.
    case notRegular(CoreMessage)

    /// A reason from the system (`strerror`).
    static func unreadable(_ systemReason: String) -> FileReadError { .unreadable(LocalizedText(untranslated: systemReason)) }

    public func description(in language: MessageLanguage) -> String { text.text(in: language) }

    /// The message in both languages.
    public var text: LocalizedText {
        switch self {
        case .unreadable(let reason): return CoreMessage.cannotReadFile.filled(localized: ["reason": reason])
        case .tooLarge(let size):
            return CoreMessage.fileTooLarge.filled(["size": String(size / 1_048_576),
                                                    "limit": String(TreeScan.maxFileSize / 1_048_576)])
        case .overLimit(let size, let limit): return CoreMessage.fileOverLimit.filled(["size": String(size), "limit": String(limit)])
        case .notRegular(let kind): return CoreMessage.notRegularFile.filled(localized: ["kind": kind.text])
        }
    }
}

public struct TreeScan: Sendable {
    /// Larger files are reported and skipped: source files this size are generated data. It is
    /// also the most `--max-file-size` may be (libclang offsets are kept in 32 bits).
    public static let maxFileSize = 64 * 1_048_576

    /// A NUL byte in the first 8 KiB makes a file binary (as git decides): it is never scanned,
    /// whether it comes from disk, the git index or an editor buffer.
    public static func isBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(8192).contains(0)
    }

    /// Files over this many bytes are reported and skipped (`--max-file-size`).
    public var maxFileSize = TreeScan.maxFileSize

    public let scanner: Scanner
    public var threads: Int
    /// Give findings GitHub's `primaryLocationLineHash` (for SARIF), hashing the files that have any.
    public var computesLineHashes = false
    /// Counted as files finish, for a progress display.
    public var progress: ScanProgress?
    /// Writes a file's findings (sorted) for the report, in the worker that scanned the file, so the
    /// report of many findings is not written on one core after the scan (`findingsFragments`).
    public var findingsRenderer: (@Sendable ([Finding]) -> [UInt8])?

    public init(scanner: Scanner, threads: Int = SystemInfo.activeProcessorCount) {
        self.scanner = scanner
        self.threads = max(1, threads)
    }

    public func scan(_ targets: [ScanTarget]) -> ScanReport {
        progress?.start(total: targets.count)
        var results = [TargetResult?](repeating: nil, count: targets.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            let workers = min(threads, max(1, targets.count))
            guard workers > 1 else {
                // One file (pre-commit, an editor) or --jobs 1: no thread pool to start.
                let buffer = ReadBuffer()
                for index in targets.indices { slots[index] = scanCounted(targets[index], buffer: buffer) }
                return
            }
            let next = AtomicCounter()
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                // Each worker reads every file into its own buffer, reused from file to file.
                let buffer = ReadBuffer()
                while true {
                    let index = next.increment()
                    guard index < targets.count else { return }
                    slots[index] = scanCounted(targets[index], buffer: buffer)
                }
            }
        }
        return report(of: results)
    }

    /// Scans the files `discover` finds while it finds them: workers start on the files it offers
    /// (`speculate`) and, once it returns the targets, scan those not offered and drop the offered
    /// ones that are not targets. The report is the one `scan(targets)` gives for the same targets.
    /// No progress is counted.
    public func scan(discovering discover: (_ speculate: @escaping (ScanTarget) -> Void) -> [ScanTarget]) -> ScanReport {
        let queue = SpeculativeQueue()
        let workers = threads
        let group = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                let buffer = ReadBuffer()
                while let (slot, target) = queue.next() {
                    queue.store(scanTarget(target, buffer: buffer), slot: slot)
                }
            }
        }
        let targets = discover { queue.offer($0) }
        queue.close(wanting: targets, workers: workers)
        group.wait()
        return report(of: queue.targetResults())
    }

    private func report(of results: [TargetResult?]) -> ScanReport {
        var report = ScanReport()
        if findingsRenderer != nil { report.findingsFragments = [] }
        var lastFragmentPath: String?
        var unscanned: (first: String, count: Int, reason: ClangUnavailable)?
        for result in results {
            guard let result else { continue }
            if let reason = result.frontendUnavailable {
                unscanned = (unscanned?.first ?? result.path, (unscanned?.count ?? 0) + 1, reason)
            }
            // The first file's findings are taken whole: appending copies each finding.
            if report.findings.isEmpty { report.findings = result.findings } else { report.findings += result.findings }
            report.problems += result.problems
            if let fragment = result.findingsFragment {
                // Report order is path order: two files under one path would interleave their findings.
                if let last = lastFragmentPath, !(last < result.path) { report.findingsFragments = nil }
                report.findingsFragments?.append(fragment)
                lastFragmentPath = result.path
            }
            if result.scanned {
                report.filesScanned += 1
                report.bytesScanned += result.bytes
            }
            if result.skippedByPrefilter { report.filesSkippedByPrefilter += 1 }
        }
        if let unscanned {
            // One line for the run, not one per file: the cause and the cure are the same for all.
            report.problems.append(ScanProblem(
                kind: .error, path: unscanned.first,
                text: (unscanned.count == 1 ? CoreMessage.clangMissingOne : .clangMissingMany).filled(
                    ["count": String(unscanned.count), "others": String(unscanned.count - 1)],
                    localized: ["reason": unscanned.reason.text])))
        }
        return report
    }

    fileprivate struct TargetResult {
        var findings: [Finding] = []
        var problems: [ScanProblem] = []
        var scanned = false
        var skippedByPrefilter = false
        var bytes = 0
        var path = ""
        var frontendUnavailable: ClangUnavailable?
        var findingsFragment: [UInt8]?
    }

    private func scanCounted(_ target: ScanTarget, buffer: ReadBuffer) -> TargetResult {
        let result = scanTarget(target, buffer: buffer)
        progress?.fileDone(findings: result.findings.count)
        return result
    }

    private func scanTarget(_ target: ScanTarget, buffer: ReadBuffer) -> TargetResult {
        var result = TargetResult(path: target.path)
        let count: Int
        do {
            if let content = target.content {
                // Staged bytes are held already, but the limit is the user's all the same.
                try TreeScan.checkSize(content.count, limit: maxFileSize)
                return scanBytes(content, of: target, into: &result)
            }
            count = try TreeScan.readFile(target.fileSystemPath, limit: maxFileSize, into: buffer,
                                          foundRegular: target.wasFoundRegular)
        } catch {
            let text = (error as? FileReadError)?.text ?? LocalizedText(untranslated: "\(error)")
            result.problems.append(ScanProblem(kind: .error, path: target.path, text: text))
            return result
        }
        let held = UnsafeBufferPointer(start: buffer.base, count: count)
        // The file's bytes are copied out of the buffer only when it may have findings: a file the
        // prefilter rejects costs no allocation. (Without a language or with a NUL, `scanBytes` says why.)
        let checked = target.language != nil && memchr(buffer.base, 0, min(count, 8192)) == nil && scanner.options.usePrefilter
        if checked && !scanner.prefilter.mayMatch(held) {
            result.scanned = true
            result.bytes = count
            result.skippedByPrefilter = true
            return result
        }
        return scanBytes(Array(held), of: target, into: &result, prefilterPassed: checked)
    }

    /// Scans bytes read from a file or from the git index. `prefilterPassed`: the prefilter let
    /// these bytes through already (it is not run twice).
    private func scanBytes(_ bytes: [UInt8], of target: ScanTarget, into result: inout TargetResult,
                           prefilterPassed: Bool = false) -> TargetResult {
        guard let language = target.language ?? Language.forShebang(bytes) else {
            if target.isExplicit {
                result.problems.append(ScanProblem(
                    kind: .error, path: target.path,
                    text: CoreMessage.notASourceFile.filled(localized: ["kinds": Language.kindList])))
            }
            return result
        }
        if TreeScan.isBinary(bytes) {
            result.problems.append(ScanProblem(
                kind: target.isExplicit ? .error : .warning, path: target.path, .binaryFile))
            return result
        }
        let file = SourceFile(path: target.path, bytes: bytes, language: language)
        let scan = scanner.scan(file, prefilterPassed: prefilterPassed)
        if let reason = scan.frontendUnavailable {
            result.frontendUnavailable = reason
            return result
        }
        result.scanned = true
        result.bytes = bytes.count
        result.skippedByPrefilter = scan.skippedByPrefilter
        result.findings = scan.findings
        if computesLineHashes { PrimaryLocationLineHash.annotate(&result.findings, bytes: bytes) }
        if let findingsRenderer, !result.findings.isEmpty {
            if !Finding.inReportOrder(result.findings) { result.findings.sort() }
            result.findingsFragment = findingsRenderer(result.findings)
        }
        if !scan.skippedByPrefilter {
            if let invalid = file.firstInvalidUTF8Offset() {
                result.problems.append(ScanProblem(
                    kind: .warning, path: target.path, location: file.location(of: invalid), .invalidUTF8))
            }
            for notice in scan.notices {
                result.problems.append(ScanProblem(kind: .warning, path: target.path,
                                                   location: notice.location, text: notice.text))
            }
        }
        return result
    }

    /// The bytes of a regular file, read in one go. Anything else is refused before it is opened: a
    /// FIFO with no writer would block `open` for ever, and opening a device can act on it.
    public static func readFile(_ path: String, limit: Int = TreeScan.maxFileSize) throws -> [UInt8] {
        let buffer = ReadBuffer()
        let count = try readFile(path, limit: limit, into: buffer)
        return Array(UnsafeBufferPointer(start: buffer.base, count: count))
    }

    /// Reads a regular file into `buffer` (grown as needed) and returns its length: `stat`, `open`,
    /// `fstat` and one `read` of the whole file (a regular file's read that returns less than asked
    /// has found its end: no second one to see it). A file `foundRegular` (by
    /// the folder listing that chose it) is not asked first: a device named on the command line is
    /// refused before it is opened (opening one may act), one found in a folder is never listed.
    static func readFile(_ path: String, limit: Int, into buffer: ReadBuffer, foundRegular: Bool = false) throws -> Int {
        var info = stat()
        if !foundRegular {
            guard Path.withFileSystemPath(path, { stat($0, &info) }) == 0 else {
                throw FileReadError.unreadable(String(cString: strerror(errno)))
            }
            try requireRegular(info)
        }
        // O_NONBLOCK: should a FIFO replace the file between the two calls, `open` still returns.
        // O_NOATIME, where the user may (owns the file): reading leaves no access time to write back.
        let flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY
        var descriptor = Path.withFileSystemPath(path) { open($0, flags | (buffer.triesNoAccessTime ? noAccessTime : 0)) }
        if descriptor < 0 && errno == EPERM && buffer.triesNoAccessTime {
            buffer.triesNoAccessTime = false
            descriptor = Path.withFileSystemPath(path) { open($0, flags) }
        }
        guard descriptor >= 0 else { throw FileReadError.unreadable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0 else { throw FileReadError.unreadable(String(cString: strerror(errno))) }
        try requireRegular(info)
        let size = Int(info.st_size)
        try checkSize(size, limit: limit)
        // One byte more than the size, so the read that finds the end needs no second buffer.
        buffer.prepare(capacity: max(4096, size + 1))
        var total = 0
        while true {
            if total == buffer.capacity {
                // The file grew (or is a pipe-like file reporting size 0): keep reading.
                buffer.grow(keeping: total)
            }
            let count = read(descriptor, buffer.base + total, buffer.capacity - total)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError.unreadable(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            total += count
            try checkSize(total, limit: limit)
            // All the size `fstat` gave, and less than asked for: the end (a file reporting no size,
            // as /proc's do, or one that grew, is read on until a read returns nothing).
            if total == size && size > 0 && total < buffer.capacity { break }
        }
        return total
    }

    #if os(Linux)
    /// `O_NOATIME` (Glibc declares it only for `_GNU_SOURCE`).
    private static let noAccessTime: Int32 = 0o1000000
    #else
    private static let noAccessTime: Int32 = 0
    #endif

    private static func requireRegular(_ info: stat) throws {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw FileReadError.unreadable(CoreMessage.isADirectory.text)
        default: throw FileReadError.notRegular(specialFileKind(mode: info.st_mode) ?? .notAFile)
        }
    }

    /// What a FIFO, socket or device is called in messages; nil for any other kind of file.
    static func specialFileKind(mode: mode_t) -> CoreMessage? {
        switch mode & S_IFMT {
        case S_IFIFO: return .aFIFO
        case S_IFSOCK: return .aSocket
        case S_IFCHR: return .aCharacterDevice
        case S_IFBLK: return .aBlockDevice
        default: return nil
        }
    }

    /// Refuses `size` bytes over the built-in limit or the user's `limit` (`--max-file-size`).
    static func checkSize(_ size: Int, limit: Int) throws {
        if size > maxFileSize { throw FileReadError.tooLarge(size) }
        if size > limit { throw FileReadError.overLimit(size: size, limit: limit) }
    }
}

/// Memory a worker reads files into, kept from one file to the next.
final class ReadBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Kept between files up to this size; a larger buffer is given back after its file.
    private static let keptCapacity = 4 * 1_048_576
    /// Whether files are opened with `O_NOATIME`: until the system refuses it once (a file of
    /// another user), then never again for this buffer's files.
    var triesNoAccessTime = true

    init() {
        capacity = 65_536
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `capacity` bytes; the contents are not kept.
    func prepare(capacity wanted: Int) {
        guard wanted > capacity || (capacity > ReadBuffer.keptCapacity && wanted <= ReadBuffer.keptCapacity) else {
            return
        }
        base.deallocate()
        capacity = max(wanted, 65_536)
        base = .allocate(capacity: capacity)
    }

    /// Doubles the room, keeping the first `count` bytes.
    func grow(keeping count: Int) {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}

/// The files for the workers of `TreeScan.scan(discovering:)`: offered ones first, in the order
/// offered, then the targets not offered; each in a slot that keeps its result. Paths are hashed
/// once per file offered and once per target: the bookkeeping is not to cost what it saves.
private final class SpeculativeQueue: @unchecked Sendable {
    private let lock = Lock()
    /// Counts the files waiting, plus one per worker once closed.
    private let waiting = DispatchSemaphore(value: 0)
    /// Every file queued, offered or wanted, by slot.
    private var queued: [ScanTarget] = []
    private var results: [TreeScan.TargetResult?] = []
    private var nextSlot = 0
    /// Offered files by path (`fileSystemPath`).
    private var slotByPath: [String: Int] = [:]
    /// Once closed, by slot: the file is a target (one offered that is not is not scanned).
    private var wanted: [Bool]?
    /// Once closed: the slots of the targets, in their order.
    private var targetSlots: [Int] = []

    func offer(_ target: ScanTarget) {
        let added = lock.withLock {
            guard wanted == nil, slotByPath[target.fileSystemPath] == nil else { return false }
            slotByPath[target.fileSystemPath] = queued.count
            queued.append(target)
            results.append(nil)
            return true
        }
        if added { waiting.signal() }
    }

    /// No more offers: `targets` (distinct paths) are what is scanned, `workers` are told when all is taken.
    func close(wanting targets: [ScanTarget], workers: Int) {
        let added = lock.withLock {
            var wanted = [Bool](repeating: false, count: queued.count)
            var added = 0
            targetSlots.reserveCapacity(targets.count)
            for target in targets {
                if let slot = slotByPath[target.fileSystemPath], queued[slot] == target {
                    wanted[slot] = true
                    targetSlots.append(slot)
                } else {
                    targetSlots.append(queued.count)
                    queued.append(target)
                    results.append(nil)
                    wanted.append(true)
                    added += 1
                }
            }
            self.wanted = wanted
            return added
        }
        for _ in 0..<(added + workers) { waiting.signal() }
    }

    /// The next file to scan and its slot, nil when there is none and none will come.
    func next() -> (slot: Int, target: ScanTarget)? {
        while true {
            waiting.wait()
            var done = false
            let taken: (slot: Int, target: ScanTarget)? = lock.withLock {
                guard nextSlot < queued.count else { done = true; return nil }
                let slot = nextSlot
                nextSlot += 1
                return wanted.map { $0[slot] } ?? true ? (slot, queued[slot]) : nil
            }
            if done { return nil }
            if let taken { return taken }
        }
    }

    func store(_ result: TreeScan.TargetResult, slot: Int) {
        lock.withLock { results[slot] = result }
    }

    /// The targets' results, in their order (once every worker is done).
    func targetResults() -> [TreeScan.TargetResult?] {
        lock.withLock { targetSlots.map { results[$0] } }
    }
}

/// A counter shared by worker threads.
final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = Lock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        let current = value
        value += 1
        return current
    }
}
