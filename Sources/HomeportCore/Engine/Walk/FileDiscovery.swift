// Which files a scan reads: explicit files always, directories by extension/shebang, honouring git.

import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// A file chosen for scanning.
public struct ScanTarget: Hashable, Sendable {
    /// The path as shown to users: relative to the working directory when inside it.
    public var path: String
    /// The path to open.
    public var fileSystemPath: String
    /// Known from the extension; nil means "look at the shebang".
    public var language: Language?
    /// Named on the command line (scanned whatever its extension says, and problems are errors).
    public var isExplicit: Bool
    /// The bytes to scan when they do not come from `fileSystemPath`: a blob from the git index.
    public var content: [UInt8]? = nil
    /// Found in a folder as a regular file (by `lstat` or the directory entry's type, links not
    /// followed): reading it need not ask again before opening it (`fstat` after `open` still checks).
    public var wasFoundRegular = false

    public init(path: String, fileSystemPath: String, language: Language?, isExplicit: Bool, content: [UInt8]? = nil) {
        self.path = path
        self.fileSystemPath = fileSystemPath
        self.language = language
        self.isExplicit = isExplicit
        self.content = content
    }
}

/// A file that could not be scanned fully, or a path that does not exist.
public struct ScanProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The scan is incomplete because of it.
        case error
        /// Worth telling, but nothing the user asked for was lost.
        case warning
    }

    public var kind: Kind
    public var path: String
    public var location: SourceLocation?
    /// What went wrong, in both languages; reporters pick one.
    public var text: LocalizedText
    /// The English message (machine formats that do not follow `--lang` use it).
    public var message: String { text.english }

    /// A problem whose message exists only in English (e.g. an error text from the system).
    public init(kind: Kind, path: String, location: SourceLocation? = nil, message: String) {
        self.init(kind: kind, path: path, location: location, text: LocalizedText(untranslated: message))
    }

    public init(kind: Kind, path: String, location: SourceLocation? = nil, text: LocalizedText) {
        self.kind = kind
        self.path = path
        self.location = location
        self.text = text
    }

    /// A message of the core's table with its placeholders filled, in both languages.
    public init(kind: Kind, path: String, location: SourceLocation? = nil, _ message: CoreMessage,
                _ values: [String: String] = [:]) {
        self.init(kind: kind, path: path, location: location, text: message.filled(values))
    }

    public var description: String { description(in: .english) }

    /// `path:line:column: error: message`, the kind and message in `language` (`路径: 错误：消息`: the
    /// position keeps the colon editors parse, the Chinese kind word takes a full-width one).
    public func description(in language: MessageLanguage) -> String {
        let position = location.map { ":\($0.line):\($0.column)" } ?? ""
        let kindWord = (kind == .error ? CoreMessage.problemError : .problemWarning).format(language)
        let colon = language == .simplifiedChinese ? "：" : ": "
        return "\(Path.shown(path))\(position): \(kindWord)\(colon)\(text.text(in: language))"
    }
}

public enum FileDiscovery {
    /// Directory names never descended into: VCS data, build output, dependencies, virtualenvs.
    public static let skippedDirectories: Set<String> = [
        ".git", ".hg", ".svn", ".build", "node_modules", ".venv", "venv", ".tox", ".nox",
        "__pycache__", ".mypy_cache", ".pytest_cache", "site-packages", ".swiftpm", "DerivedData",
    ]

    /// The files to scan under `paths` (default: the working directory), sorted by path.
    /// With `followLinks`, symbolic links found in folders are followed too (to files and folders,
    /// inside the tree or out of it), each folder entered once.
    ///
    /// `speculate`, when given, is handed targets while the listing is still being made: every file
    /// that a walk of a folder finds while git lists it. Most of them will be targets (all but those
    /// git ignores), so a scan can start on them at once; the targets returned are the truth.
    public static func targets(for paths: [String], workingDirectory: String = Path.currentDirectory,
                               followLinks: Bool = false, speculate: ((ScanTarget) -> Void)? = nil)
        -> (targets: [ScanTarget], problems: [ScanProblem]) {
        var targets: [ScanTarget] = []
        var problems: [ScanProblem] = []
        var seen = Set<String>()
        let base = Path.standardize(workingDirectory)
        for argument in paths.isEmpty ? ["."] : paths {
            let absolute = Path.absolute(argument, in: workingDirectory)
            let kind = Path.kind(of: absolute)
            guard kind.exists else {
                var info = stat()
                let loop = Path.withFileSystemPath(absolute, { stat($0, &info) }) != 0 && errno == ELOOP
                problems.append(ScanProblem(kind: .error, path: argument, loop ? .symbolicLinkLoop : .noSuchPath))
                continue
            }
            if !kind.isDirectory {
                if seen.insert(absolute).inserted {
                    targets.append(ScanTarget(path: displayPath(absolute, base: base),
                                              fileSystemPath: absolute, language: Language.forPath(absolute),
                                              isExplicit: true))
                }
                continue
            }
            // Found in a folder, problems come in path order, not the order the folder lists them.
            var found: [ScanProblem] = []
            let relativePaths: [String]
            if let speculate, !followLinks, let git = try? ProcessRunner.startGit(gitListingArguments, in: absolute) {
                relativePaths = overlappedListing(of: absolute, git: git, problems: &found, base: base) { relative in
                    if let target = folderTarget(relative, in: absolute, base: base, followLinks: false) { speculate(target) }
                }
            } else {
                relativePaths = gitListing(of: absolute, problems: &found, base: base, followLinks: followLinks)
                    ?? walk(absolute, problems: &found, base: base, followLinks: followLinks)
            }
            problems += found.sorted { $0.path < $1.path }
            for relative in relativePaths {
                guard let target = folderTarget(relative, in: absolute, base: base, followLinks: followLinks),
                      seen.insert(target.fileSystemPath).inserted else { continue }
                targets.append(target)
            }
        }
        targets.sort { $0.path < $1.path }
        return (targets, problems)
    }

    /// The target for a file that a listing of the folder `absolute` found at `relative`, if it is one to scan.
    static func folderTarget(_ relative: String, in absolute: String, base: String, followLinks: Bool) -> ScanTarget? {
        guard let candidate = candidate(relative) else { return nil }
        let full = absolute == "/" ? "/" + relative : absolute + "/" + relative
        var target = ScanTarget(path: displayPath(full, base: base),
                                fileSystemPath: full, language: candidate.language, isExplicit: false)
        // Without following links, both listings keep only regular files.
        target.wasFoundRegular = !followLinks
        return target
    }

    /// A file found under a folder (or staged) that is one to scan.
    public struct Candidate {
        /// From the extension; nil for a file without one, whose shebang decides.
        public var language: Language?
    }

    /// Whether a file found under a folder (or staged) at `relative` is one to scan: outside the
    /// skipped folders, with a supported extension or none.
    public static func candidate(_ relative: String) -> Candidate? {
        var relative = relative
        // The folders on the way (every non-empty component but the last), read as bytes in place:
        // this runs twice for each file of a tree, and a `Substring` and a `String` per folder
        // cost more than the rest of finding the file.
        let passes = relative.withUTF8 { bytes -> Bool? in
            var componentStart = 0
            var previous: Range<Int>?
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                if componentStart < index {
                    if let folder = previous, isSkippedDirectory(UnsafeBufferPointer(rebasing: bytes[folder])) {
                        return nil
                    }
                    previous = componentStart..<index
                }
                componentStart = index + 1
            }
            // Whether the last component (the file's name) has a dot: without a known extension, such
            // a file (`notes.txt`) is not looked at.
            return previous.map { bytes[$0].contains(UInt8(ascii: ".")) } ?? false
        }
        guard let nameHasDot = passes else { return nil }
        let language = Language.forPath(relative)
        if language == nil && nameHasDot { return nil }
        return Candidate(language: language)
    }

    /// `skippedDirectories` as bytes, by length: a folder name is compared only with those of its length.
    private static let skippedDirectoriesByLength: [[[UInt8]]] = {
        var byLength = [[[UInt8]]](repeating: [], count: (skippedDirectories.map(\.utf8.count).max() ?? 0) + 1)
        for name in skippedDirectories { byLength[name.utf8.count].append(Array(name.utf8)) }
        return byLength
    }()

    /// Whether a folder's name (its bytes) is one of `skippedDirectories`.
    static func isSkippedDirectory(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count < skippedDirectoriesByLength.count else { return false }
        return skippedDirectoriesByLength[name.count].contains { $0.elementsEqual(name) }
    }

    /// `absolute` relative to `base` (a standardized directory path) when inside it.
    static func displayPath(_ absolute: String, base: String) -> String {
        if absolute == base { return "." }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// Tracked and untracked-but-not-ignored files under `directory`, as `git ls-files -co
    /// --exclude-standard` lists them; nil outside a git work tree or without git.
    static func gitListing(of directory: String, problems: inout [ScanProblem], base: String,
                           followLinks: Bool = false) -> [String]? {
        guard let data = try? ProcessRunner.git(gitListingArguments, in: directory) else { return nil }
        return gitFiles(data, of: directory, problems: &problems, base: base, followLinks: followLinks)
    }

    static let gitListingArguments = ["ls-files", "-co", "--exclude-standard", "-z", "--", "."]

    /// `gitListing` and `walk` at once: git lists `directory` in its own process while a thread
    /// walks it, handing each regular file to `found` as it comes. The result is git's listing (or,
    /// when git fails, the walk's, with its problems), as the two made one after the other give;
    /// a listed file the walk found regular is not asked again. Once git has answered, the walk
    /// stops where it is: a folder git ignores (build output, data) is not walked to its end.
    /// Links are not followed.
    static func overlappedListing(of directory: String, git: consuming ProcessRunner.RunningProcess,
                                  problems: inout [ScanProblem], base: String, found: @escaping (String) -> Void) -> [String] {
        let walk = OverlappedWalk(directory: directory, base: base, found: found)
        let done = DispatchGroup()
        // A queue of its own gets a thread of its own, whatever the scan's workers are doing.
        DispatchQueue(label: "homeport.walk").async(group: done) { walk.run() }
        let output = try? ProcessRunner.gitOutput(git.wait(), gitListingArguments)
        if output != nil { walk.stop() }
        done.wait()
        guard let data = output else {
            problems += walk.problems
            return walk.files
        }
        return gitFiles(data, of: directory, problems: &problems, base: base, followLinks: false,
                        knownRegular: Set(walk.files))
    }

    /// The files to scan of git's NUL-separated listing of `directory`. `knownRegular`: names already
    /// seen to be regular files (by a walk), which need no `lstat`.
    static func gitFiles(_ data: [UInt8], of directory: String, problems: inout [ScanProblem], base: String,
                         followLinks: Bool, knownRegular: Set<String> = []) -> [String] {
        // Deleted-but-tracked files are listed too; they are not there to scan. Nor are tracked
        // symbolic links, as when walking: one could lead out of the tree (and `fix` through it).
        var files: [String] = []
        var entered = Set<[UInt64]>()
        _ = enterOnce(directory, &entered)
        for raw in data.split(separator: 0) {
            let name = Path.fromFileSystem(raw)
            let full = directory + "/" + name
            if knownRegular.contains(name) || Path.isRegularFile(full) {
                files.append(name)
            } else if followLinks {
                let kind = Path.kind(of: full)
                if kind.isDirectory {
                    guard enterOnce(full, &entered) else { continue }
                    files += walk(full, problems: &problems, base: base, followLinks: true, entered: &entered)
                        .map { name + "/" + $0 }
                } else if kind.exists {
                    files.append(name)
                }
            }
        }
        return files
    }

    /// A walk on another thread for `overlappedListing`, which can be told to stop.
    private final class OverlappedWalk: @unchecked Sendable {
        let directory: String
        let base: String
        let found: (String) -> Void
        private let lock = Lock()
        private var stopped = false
        /// Read once `run` has returned.
        private(set) var files: [String] = []
        private(set) var problems: [ScanProblem] = []

        init(directory: String, base: String, found: @escaping (String) -> Void) {
            self.directory = directory
            self.base = base
            self.found = found
        }

        func run() {
            files = FileDiscovery.walk(directory, problems: &problems, base: base, found: found) { [self] in
                lock.withLock { stopped }
            }
        }

        func stop() { lock.withLock { stopped = true } }
    }

    /// Every regular file under `root` (relative paths), not following symbolic links unless
    /// `followLinks`; then each folder (by device and inode) is entered once, so loops end.
    /// `found` is told each file as it is found; once `stop` says so, the walk ends early (with part of the files).
    static func walk(_ root: String, problems: inout [ScanProblem], base: String, followLinks: Bool = false,
                     found: ((String) -> Void)? = nil, stop: (() -> Bool)? = nil) -> [String] {
        var entered = Set<[UInt64]>()
        if followLinks { _ = enterOnce(root, &entered) }
        return walk(root, problems: &problems, base: base, followLinks: followLinks, entered: &entered, found: found,
                    stop: stop)
    }

    /// Whether the folder at `path` (by device and inode) is entered for the first time.
    static func enterOnce(_ path: String, _ entered: inout Set<[UInt64]>) -> Bool {
        var info = stat()
        guard Path.withFileSystemPath(path, { stat($0, &info) }) == 0 else { return false }
        return entered.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted
    }

    /// The name that makes a folder a virtualenv, as a folder listing gives it.
    private static let virtualenvMarker = Array("pyvenv.cfg".utf8)

    static func walk(_ root: String, problems: inout [ScanProblem], base: String, followLinks: Bool,
                     entered: inout Set<[UInt64]>, found: ((String) -> Void)? = nil,
                     stop: (() -> Bool)? = nil) -> [String] {
        var files: [String] = []
        var pending = [""]
        func firstVisit(_ path: String) -> Bool { enterOnce(path, &entered) }
        while let relative = pending.popLast() {
            if stop?() == true { break }
            let directory = relative.isEmpty ? root : root + "/" + relative
            guard let handle = Path.withFileSystemPath(directory, { opendir($0) }) else {
                problems.append(ScanProblem(kind: .error, path: displayPath(directory, base: base),
                                            .cannotReadDirectory, ["reason": String(cString: strerror(errno))]))
                continue
            }
            defer { closedir(handle) }
            // A virtualenv (a folder with a `pyvenv.cfg`) is left out whole. Its entries are read
            // anyway, so the name is looked for among them (no `stat` per folder); what the folder
            // holds is kept aside until the listing has ended without one.
            var folderFiles: [String] = []
            var folderPending: [String] = []
            var folderProblems: [ScanProblem] = []
            var isVirtualenv = false
            while let entry = readdir(handle) {
                if stop?() == true { break }
                let raw = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                if raw == [0x2E] || raw == [0x2E, 0x2E] { continue }
                if raw == FileDiscovery.virtualenvMarker && Path.kind(of: directory + "/pyvenv.cfg").exists {
                    isVirtualenv = true
                    break
                }
                let name = Path.fromFileSystem(raw)
                let child = relative.isEmpty ? name : relative + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) {
                    var info = stat()
                    guard Path.withFileSystemPath(root + "/" + child, { lstat($0, &info) }) == 0 else { continue }
                    type = Int32((info.st_mode & S_IFMT) >> 12)  // IFTODT: a dirent type is the mode's type bits
                }
                if type == Int32(DT_LNK) && followLinks {
                    let kind = Path.kind(of: root + "/" + child)
                    type = !kind.exists ? Int32(DT_LNK) : kind.isDirectory ? Int32(DT_DIR) : Int32(DT_REG)
                }
                if type == Int32(DT_DIR) {
                    if !skippedDirectories.contains(name) {
                        folderPending.append(child)
                    }
                } else if type == Int32(DT_REG) {
                    folderFiles.append(child)
                } else if type != Int32(DT_LNK), Language.forPath(name) != nil,
                          let kind = TreeScan.specialFileKind(mode: mode_t(type) << 12), candidate(child) != nil {
                    // A FIFO, socket or device with a source file's name is never opened (a FIFO
                    // would block, a device may act), but it is not left out without a word.
                    folderProblems.append(ScanProblem(kind: .warning, path: displayPath(root + "/" + child, base: base),
                                                      text: CoreMessage.notRegularFile.filled(localized: ["kind": kind.text])))
                }
            }
            if isVirtualenv { continue }
            // Links to folders are entered once each, in the order listed (as when entered at once).
            pending += followLinks ? folderPending.filter { firstVisit(root + "/" + $0) } : folderPending
            problems += folderProblems
            for file in folderFiles {
                if stop?() == true { break }
                files.append(file)
                found?(file)
            }
        }
        return files
    }
}
