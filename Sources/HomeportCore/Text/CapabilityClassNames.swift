// Names a person reads for the catalog's machine ids: capability classes and SDK descriptions, in
// both languages. One table, read by findings, suggestions, plans, `providers` and `explain`.

/// A model capability class (`chat-flagship` …) as a person reads it. The id stays in JSON, SARIF and
/// configuration; text output shows `name(in:)`. A class this table does not know (a user's own
/// catalog) shows as its id.
public enum CapabilityClass {
    static let chinese: [String: String] = [
        "chat-flagship": "对话旗舰",
        "chat-small": "对话小模型",
        "reasoning": "推理",
        "vision": "视觉",
        "legacy-completion": "旧版补全",
        "embedding": "嵌入",
        "image-gen": "图像生成",
        "speech-to-text": "语音识别",
        "text-to-speech": "语音合成",
        "realtime": "实时音频",
        "moderation": "内容审核",
        "fine-tune": "微调",
        "video-gen": "视频生成",
        "unknown": "未知用途",
    ]

    /// Every class id the table names, for tests and documentation.
    public static var knownIDs: [String] { chinese.keys.sorted() }

    public static func name(_ id: String, in language: MessageLanguage) -> String {
        language == .simplifiedChinese ? chinese[id] ?? id : id
    }

    /// A comma-separated list of class ids (`chat-small, embedding`) in `language`, joined with `separator`.
    public static func names(_ ids: [String], in language: MessageLanguage, separator: String) -> String {
        ids.map { name($0, in: language) }.joined(separator: separator)
    }
}

/// The description of an OpenAI SDK as `openai-import` reports it (`{package}`): a package name stays
/// as written; a description (`an OpenAI C client (openai.h)`) is said in the reader's language.
public enum SDKDescription {
    /// English description forms and their Chinese; `(x)` at the end is kept as the package's name.
    static let forms: [(english: String, chinese: String)] = [
        ("an OpenAI C/C++ client", "OpenAI 的 C/C++ 客户端"),
        ("an OpenAI C++ client", "OpenAI 的 C++ 客户端"),
        ("an OpenAI C client", "OpenAI 的 C 客户端"),
        ("an OpenAI client header", "OpenAI 客户端头文件"),
        ("an OpenAI framework", "OpenAI 框架"),
        ("an OpenAI module", "OpenAI 模块"),
        ("a Swift OpenAI client", "Swift 版 OpenAI 客户端"),
        ("an OpenAI integration", "OpenAI 集成"),
        ("tiktoken, OpenAI's tokenizer", "tiktoken，OpenAI 的分词器"),
    ]

    public static func text(_ description: String, in language: MessageLanguage) -> String {
        guard language == .simplifiedChinese else { return description }
        for form in forms where description.hasPrefix(form.english) {
            // `an OpenAI C client (openai.h)` → `OpenAI 的 C 客户端 openai.h`: no parentheses inside the
            // message's own.
            var rest = description.dropFirst(form.english.count).trimmingLeadingSpaces()
            if rest.hasPrefix("("), rest.hasSuffix(")") { rest = rest.dropFirst().dropLast() }
            return rest.isEmpty ? form.chinese : form.chinese + " " + rest
        }
        return chineseParentheses(Substring(description))
    }

    /// `(x)` → `（x）` where it closes the text (`me-no-dev/OpenAI-ESP32 (Arduino)`): a note in Chinese text.
    private static func chineseParentheses(_ text: Substring) -> String {
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return String(text) }
        var head = text[..<open]
        while head.last == " " { head.removeLast() }
        return head + "（" + text[text.index(after: open)..<text.index(before: text.endIndex)] + "）"
    }
}

extension Substring {
    fileprivate func trimmingLeadingSpaces() -> Substring { drop { $0 == " " } }
}
