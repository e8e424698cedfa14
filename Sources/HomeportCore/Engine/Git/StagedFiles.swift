// `scan --staged`: the files a commit would add or change, with their content read from the git
// index (not the work tree), and the index as the place configuration and baseline files come from.

#if canImport(Glibc)
import Glibc
#endif

/// A failure to read the index: not inside a git work tree, or git itself failed.
public struct StagedFilesError: BilingualError {
    /// What went wrong, in both languages (git's own messages exist only in English).
    public var text: LocalizedText

    public init(_ text: LocalizedText) { self.text = text }

    public func description(in language: MessageLanguage) -> String { text.text(in: language) }
}

/// One file a commit adds or changes, as the index holds it.
public struct StagedFile: Sendable {
    /// Relative to the repository's top folder, `/`-separated, bytes as git stores them.
    public var path: String
    /// The staged bytes, or why they could not be read (a blob over `TreeScan.maxFileSize`).
    public var content: Result<[UInt8], FileReadError>
}

public struct StagedFiles: Sendable {
    /// The top folder of the work tree (`git rev-parse --show-toplevel`).
    public let repositoryRoot: String
    /// Files added, copied, modified, renamed (under the new name) or changed in type that are
    /// regular files of a kind `scan` reads (`FileDiscovery.candidate`); deletions, symbolic links
    /// and submodules (gitlinks) have no content to scan.
    public let files: [StagedFile]
    /// The `.homeport.yml` of every folder above a file in `files` (repository path -> staged
    /// content, nil when the index has none there), read in the same git call as the files.
    let configurationFiles: [String: [UInt8]?]

    /// The staged changes of the repository around `directory`: three git calls whatever their number.
    public static func read(in directory: String) throws -> StagedFiles {
        guard let top = try? ProcessRunner.git(["rev-parse", "--show-toplevel"], in: directory),
              case let root = String(decoding: top, as: UTF8.self).trimmingTrailingNewlines(), !root.isEmpty else {
            throw StagedFilesError(CoreMessage.stagedNeedsWorkTree.filled(["path": directory]))
        }
        // Raw output names each side's mode and blob id, so one call says what to read; -z keeps
        // paths as bytes (no quoting), and without rename detection a rename is a deletion plus an
        // addition under the new name, whatever diff.renames says. Against HEAD, or the empty tree
        // before the first commit.
        let raw = try git(["diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames", "--no-ext-diff",
                           "--no-textconv", "--ignore-submodules=all"], in: root)
        let changed = parseRawDiff(raw).filter { FileDiscovery.candidate($0.path) != nil }
        var folders = Set<String>()
        for entry in changed {
            var folder = Path.parent(of: entry.path)
            while folders.insert(folder).inserted && !folder.isEmpty { folder = Path.parent(of: folder) }
        }
        // `:path` names the index's stage-0 entry; cat-file reads one name per line.
        let configurationPaths = folders.sorted().map { $0.isEmpty ? ConfigLoader.fileName : $0 + "/" + ConfigLoader.fileName }
            .filter { !$0.contains("\n") }
        let contents = try blobs(changed.map(\.objectID) + configurationPaths.map { ":" + $0 }, in: root)
        let files = zip(changed, contents).map { entry, content in
            StagedFile(path: entry.path, content: content ?? .failure(.unreadable(CoreMessage.notInObjectDatabase.text)))
        }
        var configurationFiles: [String: [UInt8]?] = [:]
        for (path, content) in zip(configurationPaths, contents.dropFirst(changed.count)) {
            // updateValue, not a subscript assignment: assigning nil would remove the key, and
            // "no configuration here" would be asked of git again for every file.
            configurationFiles.updateValue(try content?.get(), forKey: path)
        }
        return StagedFiles(repositoryRoot: root, files: files, configurationFiles: configurationFiles)
    }

    /// The new side of each entry of `git diff --raw -z --no-renames` output that has content to scan.
    static func parseRawDiff(_ output: [UInt8]) -> [(path: String, objectID: String)] {
        var files: [(path: String, objectID: String)] = []
        let fields = output.split(separator: 0, omittingEmptySubsequences: false)
        var index = 0
        while index + 1 < fields.count {
            // `:oldmode newmode oldid newid status` then the path.
            let header = fields[index].split(separator: UInt8(ascii: " "))
            let path = Path.fromFileSystem(fields[index + 1])
            index += 2
            guard header.count == 5, let status = header[4].first else { continue }
            let newMode = String(decoding: header[1], as: UTF8.self)
            // 100644 and 100755 are regular files; 120000 is a symbolic link, 160000 a submodule.
            guard status != UInt8(ascii: "D"), newMode.hasPrefix("100") else { continue }
            files.append((path, String(decoding: header[3], as: UTF8.self)))
        }
        return files
    }

    /// The absolute work-tree path of a repository path (what configuration globs are matched on).
    public func absolutePath(of path: String) -> String {
        repositoryRoot + "/" + path
    }

    /// `absolutePath` relative to the repository root, when it lies inside.
    func repositoryPath(_ absolutePath: String) -> String? {
        let prefix = repositoryRoot == "/" ? "/" : repositoryRoot + "/"
        return absolutePath.hasPrefix(prefix) ? String(absolutePath.dropFirst(prefix.count)) : nil
    }

    /// The staged content of the file at `path` (a repository path), nil when the index has no such file.
    public func indexedFile(_ path: String) throws -> [UInt8]? {
        if let known = configurationFiles[path] { return known }
        guard !path.contains("\n"), let first = try StagedFiles.blobs([":" + path], in: repositoryRoot).first,
              let result = first else { return nil }
        return try result.get()
    }

    /// Where configuration and baseline files come from for a staged scan: the index for paths in
    /// the work tree, so a change to them counts only once it is staged; the file system outside it.
    public var fileSource: FileSource {
        let staged = self
        return FileSource(
            isFile: { path in
                guard let inRepository = staged.repositoryPath(path) else { return FileSource.fileSystem.isFile(path) }
                return (try? staged.indexedFile(inRepository)) != nil
            },
            read: { path in
                guard let inRepository = staged.repositoryPath(path) else { return try FileSource.fileSystem.read(path) }
                guard let bytes = try staged.indexedFile(inRepository) else {
                    throw FileReadError.unreadable(CoreMessage.notInIndex.text)
                }
                return bytes
            })
    }

    /// Each named object's content (nil when git has no such object), from one `git cat-file --batch`.
    private static func blobs(_ names: [String], in repositoryRoot: String) throws -> [Result<[UInt8], FileReadError>?] {
        guard !names.isEmpty else { return [] }
        let output = try git(["cat-file", "--batch"], in: repositoryRoot,
                             input: Array(names.joined(separator: "\n").utf8) + [0x0A])
        var results: [Result<[UInt8], FileReadError>?] = []
        var position = 0
        for _ in names {
            // `<id> <type> <size>\n<content>\n`, or `<name> missing\n`.
            guard let newline = output[position...].firstIndex(of: 0x0A) else { break }
            let header = output[position..<newline].split(separator: UInt8(ascii: " "))
            position = newline + 1
            guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self)),
                  position + size <= output.count else {
                results.append(nil)
                continue
            }
            if size > TreeScan.maxFileSize {
                results.append(.failure(.tooLarge(size)))
            } else {
                results.append(.success(Array(output[position..<(position + size)])))
            }
            position += size + 1
        }
        return results
    }

    private static func git(_ arguments: [String], in directory: String, input: [UInt8]? = nil) throws -> [UInt8] {
        do {
            return try ProcessRunner.git(arguments, in: directory, input: input)
        } catch let error as GitError {
            throw StagedFilesError(error.text)
        }
    }
}

/// Where configuration and baseline files are read from: the file system, or, for `scan --staged`,
/// the git index.
public struct FileSource: Sendable {
    /// Whether `path` (absolute) names a file that can be read.
    public var isFile: @Sendable (String) -> Bool
    /// The bytes of the file at `path` (absolute).
    public var read: @Sendable (String) throws -> [UInt8]

    public init(isFile: @escaping @Sendable (String) -> Bool, read: @escaping @Sendable (String) throws -> [UInt8]) {
        self.isFile = isFile
        self.read = read
    }

    public static let fileSystem = FileSource(
        isFile: { path in
            let kind = Path.kind(of: path)
            return kind.exists && !kind.isDirectory
        },
        read: { try TreeScan.readFile($0) })
}
