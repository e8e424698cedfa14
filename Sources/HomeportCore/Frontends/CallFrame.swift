// Reading call arguments while walking tokens: shared by the tokenizers that report CallFacts.

/// A bracket being read: a call's parentheses (with its arguments so far), or any other bracket,
/// whose commas then belong to it and not to an enclosing call.
struct CallFrame {
    var isCall = false
    /// Strings anywhere inside are documentation (`@available(…)`, `#warning(…)`).
    var isDocumentation = false
    /// The bracket of an attribute's arguments (`@Option(help: …)`).
    var isAttribute = false
    /// A call whose unlabelled string arguments are text for people (`print`, a logger, an error's
    /// message): only strings standing directly in its arguments, not inside nested calls.
    var printsProse = false
    /// Python: how many f-strings enclose the bracket (a string in an f-string's field is deeper).
    var fDepth = 0
    /// For a bracket that is not a call: the name the collection is bound to (`models = [`), which
    /// its elements share.
    var collectionLabel: String?
    var callee = Span(start: 0, end: 0)
    /// The callee is an implicit member (`.chat(`): an enum case with a payload, or a static method.
    var calleeIsImplicitMember = false
    var open = 0
    /// A call's arguments so far (other brackets keep none: only what they hold matters). Labels are
    /// kept from the first keyword on: most calls have none and share one stored array of `""`s.
    private var labels: [String] = []
    var spans: [Span] = []
    /// How many arguments have ended so far, whether `closeArgument` recorded them or `skipArgument` did not.
    var endedArguments = 0
    /// The current argument: its first and last byte and how many tokens it has so far.
    var argumentStart: Int?
    var argumentEnd = 0
    var label = ""
    var tokens = 0
    /// Content parts seen inside the bracket so far, nested brackets included (see `CallFact.contentParts`).
    var contentParts: Set<String> = []
    /// The current argument's value starts with a literal (`[`, `{`, `(` or a string).
    var argumentIsLiteral = false
    /// Something inside the current argument could not be read (a message `content` given by name).
    var argumentIsUnread = false
    /// For a bracket that is not a call: something inside it could not be read.
    var holdsUnread = false
    /// Labels of the call's arguments that could not be read.
    var unreadLabels: Set<String> = []
    /// An argument that could not be read could hold message content (`isContentLabel`).
    var unreadContent = false
    /// The bracket builds text content whatever its arguments are (Swift's `.string(…)` message
    /// content): a name inside it is text, not parts that could carry images.
    var buildsText = false

    init(open: Int) {
        self.open = open
    }

    /// Whether the next token starts the current argument's value (only its label, if any, before it).
    var atValueStart: Bool { tokens == 0 || (!label.isEmpty && tokens == 2) }

    /// A token that begins a literal (an opening bracket or a string) is about to be noted.
    mutating func noteLiteralStart() {
        if atValueStart { argumentIsLiteral = true }
    }

    static let positionalUnread: Set<String> = [""]
    private static let sharedPositionalLabels: [[String]] = (0...8).map { Array(repeating: "", count: $0) }

    /// `count` labels `""`, stored once for the usual counts.
    static func positionalLabels(_ count: Int) -> [String] {
        count < sharedPositionalLabels.count ? sharedPositionalLabels[count] : Array(repeating: "", count: count)
    }

    /// Argument labels whose value is message content (`""`: an element, or an unlabelled payload).
    static func isContentLabel(_ label: String) -> Bool {
        label.isEmpty || label == "content" || label == "messages" || label == "input"
    }

    /// A bracket nested in this one closed: what it held belongs to this one and its current argument.
    mutating func absorb(_ inner: CallFrame) {
        if !inner.contentParts.isEmpty { contentParts.formUnion(inner.contentParts) }
        // Only what could hold message content counts: an element or payload (`.user(parts)`), a
        // `content`, `messages` or `input` argument; `url: url` inside an image part is just its URL.
        if !inner.buildsText, inner.holdsUnread || inner.unreadContent {
            argumentIsUnread = true
            holdsUnread = true
        }
    }

    /// A token of the current argument, from `start` to `end`.
    mutating func note(_ start: Int, _ end: Int) {
        if argumentStart == nil { argumentStart = start }
        argumentEnd = end
        tokens += 1
    }

    /// A comma or the closing parenthesis ends the current argument.
    mutating func closeArgument() {
        if let start = argumentStart {
            endedArguments += 1
            if isCall {
                if spans.isEmpty { spans.reserveCapacity(4) }  // one allocation for most calls
                spans.append(Span(start: start, end: max(start, argumentEnd)))
                if !label.isEmpty || !labels.isEmpty {
                    if labels.isEmpty {
                        labels.reserveCapacity(max(4, spans.count))
                        labels.append(contentsOf: repeatElement("", count: spans.count - 1))
                    }
                    labels.append(label)
                }
            }
            if !argumentIsLiteral || argumentIsUnread {
                if isCall {
                    // A positional argument that could not be read is the common case: its set is shared.
                    if unreadLabels.isEmpty && label.isEmpty {
                        unreadLabels = CallFrame.positionalUnread
                    } else {
                        unreadLabels.insert(label)
                    }
                }
                if CallFrame.isContentLabel(label) { unreadContent = true }
            }
        }
        argumentStart = nil
        label = ""
        tokens = 0
        argumentIsLiteral = false
        argumentIsUnread = false
    }

    /// Ends the current argument without recording it: for a pass that needs the brackets (what a
    /// literal is bound to, whether a call prints it) but leaves the calls' facts to be read later.
    mutating func skipArgument() {
        if argumentStart != nil { endedArguments += 1 }
        argumentStart = nil
        label = ""
        tokens = 0
        argumentIsLiteral = false
        argumentIsUnread = false
    }

    /// The finished call, closed by the parenthesis at `closeParen`.
    mutating func fact(callee name: String, closeParen: Int) -> CallFact {
        closeArgument()
        var fact = CallFact(callee: name, calleeSpan: callee, openParen: open, closeParen: closeParen,
                            labels: labels.isEmpty ? CallFrame.positionalLabels(spans.count) : labels,
                            argumentSpans: spans)
        fact.contentParts = contentParts
        fact.unreadArguments = unreadLabels
        return fact
    }
}

/// How the OpenAI API and the Swift SDKs spell content parts, so frontends can record which kinds a
/// call's arguments carry (`CallFact.contentParts`).
enum ContentPart {
    /// A part's `type` value in the OpenAI API (Chat Completions, Responses) -> the kind recorded.
    /// (Frontends decode only values of these keys' lengths, 9 and 11 bytes: keep them in step.)
    static let typeValues: [String: String] = ["image_url": "image", "input_image": "image"]
    /// The kinds `typeValues` records, in order: a walk that keeps content parts as bits uses these.
    static let kinds: [String] = Set(typeValues.values).sorted()
    /// Each key of `typeValues` as bytes, with its kind's bit (`1 << index` in `kinds`).
    static let typeValueBits: [(value: [UInt8], bit: UInt64)] = typeValues.map { key, kind in
        (Array(key.utf8), 1 << UInt64(kinds.firstIndex(of: kind)!))
    }

    /// The kinds whose bits `mask` holds.
    static func kinds(in mask: UInt64) -> Set<String> {
        var parts: Set<String> = []
        for (index, kind) in kinds.enumerated() where mask & (1 << UInt64(index)) != 0 { parts.insert(kind) }
        return parts
    }
    /// Swift SDK names of image parts: MacPaw's `.imageUrl(…)`, `.vision(…)`,
    /// `chatCompletionContentPartImageParam`; SwiftOpenAI's `.imageUrl(…)`; `imageURL`.
    static let swiftNames: [String: String] = [
        "imageUrl": "image", "imageURL": "image", "image_url": "image", "vision": "image",
        "chatCompletionContentPartImageParam": "image", "inputImage": "image",
    ]
}

/// Callees whose unlabelled string arguments are output for people, not configuration: a model ID
/// or URL in `print("gpt-4o detected")`, `logger.warning(…)`, `warnings.warn(…)`, `raise
/// ValueError(…)` or `fatalError(…)` is a sentence about the program, as `help=` text is.
enum ProseCallee {
    /// Printing and exiting with a message, by the callee's last name (`print`, `console.print`, `click.echo`).
    static let printing: [StaticString] = ["print", "pprint", "echo", "secho", "debugPrint", "NSLog", "os_log",
                                           "fatalError", "preconditionFailure", "assertionFailure"]
    /// Logging methods, on a receiver whose name says it logs (`logging`, `logger`, `self.log`, `Logger(…)`).
    static let logging: [StaticString] = ["debug", "info", "warning", "warn", "error", "exception", "critical",
                                          "fatal", "log", "notice", "trace", "fault"]

    /// For each ASCII first byte, a bit per length of the `printing` and `logging` words starting with
    /// it: most callees' last names (`get`, `append`, `join`) are rejected on these two facts alone.
    private static let wordShapes: [UInt64] = {
        var shapes = [UInt64](repeating: 0, count: 128)
        for word in printing + logging {
            shapes[Int(word.utf8Start[0])] |= 1 << UInt64(word.utf8CodeUnitCount)
        }
        return shapes
    }()

    static func printsProse(_ callee: String) -> Bool {
        var callee = callee
        return callee.withUTF8 { printsProse(utf8: $0) }
    }

    /// The decision on the callee's UTF-8 bytes (dots, no spaces), made without building a String: it is
    /// asked for every call. Names that are not ASCII take the Unicode-aware path.
    static func printsProse(utf8 callee: UnsafeBufferPointer<UInt8>) -> Bool {
        var dot = -1
        var ascii = true
        for i in 0..<callee.count {
            let b = callee[i]
            if b == ASCII.period { dot = i } else if b >= ASCII.firstNonASCII { ascii = false }
        }
        guard ascii else { return printsProse(unicode: String(decoding: callee, as: UTF8.self)) }
        let last = UnsafeBufferPointer(rebasing: callee[(dot + 1)...])
        guard let first = last.first else { return false }
        let mayBeWord = last.count < 64 && wordShapes[Int(first)] & (1 << UInt64(last.count)) != 0
        if mayBeWord && last.isOneOf(printing) { return true }
        // `ValueError(…)`, `OpenAIError(…)`, `RuntimeWarning(…)`: an exception's message.
        if first >= ASCII.upperA, first <= ASCII.upperZ,
           last.hasSuffix("Error") || last.hasSuffix("Exception") || last.hasSuffix("Warning") { return true }
        guard dot >= 0, mayBeWord, last.isOneOf(logging) else { return false }
        let head = callee[..<dot]
        let receiver = UnsafeBufferPointer(rebasing: callee[((head.lastIndex(of: ASCII.period) ?? -1) + 1)..<dot])
        return receiver.containsIgnoringCase("log")
            || (last.elementsEqual("warn") && receiver.count == 8 && receiver.containsIgnoringCase("warnings"))
    }

    /// `printsProse` by Characters, for callees that are not ASCII.
    private static func printsProse(unicode callee: String) -> Bool {
        let dot = callee.lastIndex(of: ".")
        let last = dot.map { callee[callee.index(after: $0)...] } ?? callee[...]
        if printing.contains(where: { last == $0.description }) { return true }
        if last.first?.isUppercase == true,
           last.hasSuffix("Error") || last.hasSuffix("Exception") || last.hasSuffix("Warning") { return true }
        guard let dot, logging.contains(where: { last == $0.description }) else { return false }
        let head = callee[..<dot]
        let receiver = (head.lastIndex(of: ".").map { head[head.index(after: $0)...] } ?? head).lowercased()
        return receiver.contains("log") || (last == "warn" && receiver == "warnings")
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes are exactly one of `words`.
    func isOneOf(_ words: [StaticString]) -> Bool {
        for word in words where word.utf8CodeUnitCount == count && hasSuffix(word) { return true }
        return false
    }

    /// Whether the bytes are exactly `word`'s.
    func elementsEqual(_ word: StaticString) -> Bool {
        count == word.utf8CodeUnitCount && hasSuffix(word)
    }

    func hasSuffix(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard count >= n else { return false }
        let w = word.utf8Start
        let offset = count - n
        for k in 0..<n where self[offset + k] != w[k] { return false }
        return true
    }

    /// Whether `word` (lower-case ASCII) occurs in the bytes in any ASCII case.
    func containsIgnoringCase(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard count >= n else { return false }
        let w = word.utf8Start
        for i in 0...(count - n) {
            var k = 0
            while k < n, ASCII.lower(self[i + k]) == w[k] { k += 1 }
            if k == n { return true }
        }
        return false
    }
}
