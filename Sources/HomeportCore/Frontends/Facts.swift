// What a frontend saw in a file, language-neutral: the only input the rule matchers get.

/// Everything a frontend extracted from one file. Comments and docstrings never appear as strings.
public struct Facts: Sendable {
    public var imports: [ImportFact] = []
    public var strings: [StringLiteralFact] = []
    public var comments: [CommentFact] = []
    public var symbols: [SymbolFact] = []
    /// Environment variables read by a declaration that does not spell their names in a string:
    /// the fields of a pydantic-settings class.
    public var environmentReads: [EnvironmentReadFact] = []
    /// Calls whose callee is a (dotted) name: `OpenAI(api_key=k)`, `openai.OpenAI()`. Frontends
    /// that cannot see calls leave this empty. A frontend may leave them to be read when first asked
    /// for (`deferCalls`): most files have no finding that needs them.
    public var calls: [CallFact] {
        get { deferredCalls?.value ?? readCalls }
        set {
            readCalls = newValue
            deferredCalls = nil
        }
        // In place, so that `facts.calls.append(…)` does not copy the array each time.
        _modify {
            if let deferredCalls {
                readCalls = deferredCalls.value
                self.deferredCalls = nil
            }
            yield &readCalls
        }
    }
    private var readCalls: [CallFact] = []
    private var deferredCalls: DeferredCalls?
    /// Problems the tokenizer met (e.g. an unterminated string); the scan goes on past them.
    public var notices: [FrontendNotice] = []
    /// Set when the code stands inside another file's strings (a notebook's cells): how its
    /// offsets, lines and edits relate to the file's bytes.
    public var embedded: EmbeddedCode? = nil
    /// Set when the file is data rather than configuration or code (a recorded HTTP exchange, an
    /// API description): its findings are not reported unless the configuration asks for them.
    public var dataKind: DataKind? = nil

    public init() {}

    /// `calls` are what `read` returns, read the first time they are asked for (once, whichever
    /// thread asks first): a frontend's way to spend nothing on calls no rule looks at.
    public mutating func deferCalls(_ read: @escaping @Sendable () -> [CallFact]) {
        readCalls = []
        deferredCalls = DeferredCalls(read)
    }
}

/// Calls read on first use, shared by the copies of one `Facts`.
private final class DeferredCalls: @unchecked Sendable {  // `made` is guarded by `lock`
    private let read: @Sendable () -> [CallFact]
    private let lock = Lock()
    private var made: [CallFact]?

    init(_ read: @escaping @Sendable () -> [CallFact]) {
        self.read = read
    }

    var value: [CallFact] {
        lock.withLock {
            if let made { return made }
            let calls = read()
            made = calls
            return calls
        }
    }
}

/// Files that hold OpenAI's hosts and names as data, not as configuration that calls OpenAI.
public enum DataKind: String, Sendable {
    /// Recorded HTTP traffic: a VCR / pytest-recording cassette (`interactions:` with `request:`/`uri:`).
    case recordedTraffic = "recorded-traffic"
    /// An API description: an OpenAPI or Swagger document.
    case apiDescription = "api-description"
}

/// An import of a module: Python `import a.b`, `from a.b import c`, `__import__("a")`; Swift `import A`.
public struct ImportFact: Hashable, Sendable {
    /// The dotted module path as written (`openai.types`, `OpenAI`), without `as` aliases.
    public var module: String
    /// Where the module path is written (for `__import__("x")`, the string literal).
    public var span: Span

    public init(module: String, span: Span) {
        self.module = module
        self.span = span
    }
}

/// An environment variable a declaration reads by its own name: pydantic-settings reads the field
/// `api_key` of a class with `env_prefix="OPENAI_"` from `OPENAI_API_KEY`.
public struct EnvironmentReadFact: Hashable, Sendable {
    /// The variable's name as the declaration reads it (`OPENAI_API_KEY`).
    public var name: String
    /// Where the declaration is written (the field's name).
    public var span: Span

    public init(name: String, span: Span) {
        self.name = name
        self.span = span
    }
}

/// A run of a decoded string value whose bytes stand verbatim in the source.
public struct VerbatimRun: Hashable, Sendable {
    /// Offset into the value's UTF-8 bytes.
    public var valueOffset: Int
    /// Offset into the file's bytes.
    public var sourceOffset: Int
    public var length: Int

    public init(valueOffset: Int, sourceOffset: Int, length: Int) {
        self.valueOffset = valueOffset
        self.sourceOffset = sourceOffset
        self.length = length
    }
}

/// A string literal in code, decoded: escapes resolved, implicitly concatenated pieces joined,
/// interpolated expressions replaced by U+FFFC (so no token runs across them).
public struct StringLiteralFact: Hashable, Sendable {
    public static let interpolationPlaceholder: Character = "\u{FFFC}"

    public var value: String
    /// From the first byte of the first piece (its prefix) to the last byte of the last piece.
    public var span: Span
    /// Where the value's bytes are copied unchanged from the source, in value order.
    public var runs: [VerbatimRun]
    /// The name the literal is bound to, when the code says so: a keyword argument (`model="…"`),
    /// an argument label (`model: "…"`), a dictionary or JSON key (`"model": "…"`), an assignment
    /// target (`MODEL = "…"`, `let model = "…"`).
    public var label: String?
    /// The name the collection holding the literal (as an element, a dictionary key or value) is
    /// bound to: `MODEL_TO_ENCODING` for both strings of `MODEL_TO_ENCODING = {"davinci": "r50k_base"}`.
    public var collectionLabel: String?
    /// Prose for people, not configuration: a Swift `@available(…, message:)` or `#warning("…")`, a
    /// command-line option's help text, an unlabelled argument of `print`, a logger, `warnings.warn`,
    /// an exception or `fatalError` (`ProseCallee`). Secrets in it still count; model names and URLs do not.
    public var isDocumentation: Bool

    public init(value: String, span: Span, runs: [VerbatimRun], label: String? = nil, collectionLabel: String? = nil,
                isDocumentation: Bool = false) {
        self.value = value
        self.span = span
        self.runs = runs
        self.label = label
        self.collectionLabel = collectionLabel
        self.isDocumentation = isDocumentation
    }

    /// The source bytes that spell `valueRange` (UTF-8 offsets into `value`), when they stand
    /// verbatim in one run; nil when an escape or a piece boundary falls inside the range.
    public func sourceSpan(ofValueRange valueRange: Range<Int>) -> Span? {
        for run in runs where run.valueOffset <= valueRange.lowerBound
            && valueRange.upperBound <= run.valueOffset + run.length {
            let start = run.sourceOffset + (valueRange.lowerBound - run.valueOffset)
            return Span(start: start, end: start + valueRange.count)
        }
        return nil
    }
}

extension StringLiteralFact {
    /// Whether each run holds exactly the value's bytes at its place in `bytes`: what `fix`, which
    /// rewrites through runs, relies on.
    public func runsStandVerbatim(in bytes: [UInt8]) -> Bool {
        let value = Array(self.value.utf8)
        return runs.allSatisfy { run in
            run.valueOffset >= 0 && run.sourceOffset >= 0
                && run.valueOffset + run.length <= value.count && run.sourceOffset + run.length <= bytes.count
                && value[run.valueOffset..<(run.valueOffset + run.length)]
                    .elementsEqual(bytes[run.sourceOffset..<(run.sourceOffset + run.length)])
        }
    }
}

/// A comment token (`#`, `//`, `/* */`, doc comments). Only comments carry suppressions.
public struct CommentFact: Hashable, Sendable {
    /// The comment's text including its delimiters.
    public var text: String
    public var span: Span
    /// True when only whitespace precedes the comment on its line.
    public var standsAlone: Bool

    public init(text: String, span: Span, standsAlone: Bool) {
        self.text = text
        self.span = span
        self.standsAlone = standsAlone
    }
}

/// A call of a named callee, with where its arguments stand, so a fix can add or rewrite arguments.
public struct CallFact: Hashable, Sendable {
    /// The callee as written, dots included (`OpenAI`, `openai.AsyncOpenAI`).
    public var callee: String
    public var calleeSpan: Span
    /// Offsets of the opening and closing parenthesis.
    public var openParen: Int
    public var closeParen: Int
    /// Each argument's keyword or label (`api_key`), or "" for a positional argument.
    public var labels: [String]
    /// Each argument's source text, without surrounding commas.
    public var argumentSpans: [Span]
    /// Kinds of content parts written anywhere in the call's arguments, as the API spells their type:
    /// `image` for `{"type": "image_url", …}` or `{"type": "input_image", …}` in Python and the
    /// Swift SDKs' image parts (`.imageUrl(…)`, `.vision(…)`). The advisor reads what the call needs
    /// from them; the frontend decides nothing.
    public var contentParts: Set<String> = []
    /// Labels of arguments whose content the frontend could not read: a value that is not a literal
    /// list, dictionary or string (`messages=history`), or a literal whose message `content` is a name
    /// (`{"role": "user", "content": parts}`). Positional arguments are recorded as "".
    public var unreadArguments: Set<String> = []

    public init(callee: String, calleeSpan: Span, openParen: Int, closeParen: Int, labels: [String],
                argumentSpans: [Span]) {
        self.init(callee: callee, calleeSpan: calleeSpan, openParen: openParen, closeParen: closeParen, labels: labels,
                  argumentSpans: argumentSpans, contentParts: [], unreadArguments: [])
    }

    /// Every member at once: a call made whole is not copied to set its sets afterwards.
    @inline(__always) init(callee: String, calleeSpan: Span, openParen: Int, closeParen: Int, labels: [String],
         argumentSpans: [Span], contentParts: Set<String>, unreadArguments: Set<String>) {
        self.callee = callee
        self.calleeSpan = calleeSpan
        self.openParen = openParen
        self.closeParen = closeParen
        self.labels = labels
        self.argumentSpans = argumentSpans
        self.contentParts = contentParts
        self.unreadArguments = unreadArguments
    }
}

/// An identifier used as a member (`.gpt4_o`, `Model.gpt3_5Turbo`): how Swift SDKs name models.
public struct SymbolFact: Hashable, Sendable {
    public var name: String
    /// The identifier alone, without the dot.
    public var span: Span
    /// What the member is looked up on: the dotted names before the dot as far as the frontend saw them
    /// (`Model`, `Model.GPT4`, `OpenAIModelType.Chat`), "" for another expression (`f().x`, `a[0].x`),
    /// nil for an implicit member (`.gpt4_o`, whose type only the compiler knows).
    public var receiver: String?
    /// For an implicit member, the name it is bound to, as for string literals: `model: .gpt4_o`,
    /// `let model: Model = .gpt4_o`.
    public var label: String?
    /// For an implicit member that is the payload of an implicit enum case, the case: `chat` for
    /// `.chat(.chatgpt)`.
    public var payloadOf: String?
    /// Followed by `(`: a method, or an enum case with a payload (`.gpt4(.gpt4_32k)`), never a constant.
    public var isCalled: Bool

    public init(name: String, span: Span, receiver: String? = nil, label: String? = nil, payloadOf: String? = nil,
                isCalled: Bool = false) {
        self.name = name
        self.span = span
        self.receiver = receiver
        self.label = label
        self.payloadOf = payloadOf
        self.isCalled = isCalled
    }
}

/// Something a tokenizer could not read as the language intends; reported, never fatal.
public struct FrontendNotice: Hashable, Sendable {
    /// What the frontend noticed, in both languages.
    public var text: LocalizedText
    public var offset: Int

    /// The English message (what tests and logs compare).
    public var message: String { text.english }

    public init(message: String, offset: Int) {
        self.init(text: LocalizedText(untranslated: message), offset: offset)
    }

    public init(_ message: CoreMessage, offset: Int, _ values: [String: String] = [:],
                localized: [String: LocalizedText] = [:]) {
        self.init(text: message.filled(values, localized: localized), offset: offset)
    }

    init(text: LocalizedText, offset: Int) {
        self.text = text
        self.offset = offset
    }

    /// Equal when the message and position are: how a notice was made does not matter.
    public static func == (lhs: FrontendNotice, rhs: FrontendNotice) -> Bool {
        lhs.message == rhs.message && lhs.offset == rhs.offset
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(message)
        hasher.combine(offset)
    }
}

/// Turns a source file into facts. Implementations are iterative (no recursion on input nesting),
/// linear in the input and accept bytes that are not valid UTF-8.
public protocol Frontend: Sendable {
    func facts(in file: SourceFile) -> Facts
}
