//
//  QuickAskIntent.swift
//  Siri shortcut: "Ask Assistant".
//

import AppIntents
import ChatGPTSwift

/// App Intent that forwards a question to ChatGPT via alfianlosari/ChatGPTSwift.
struct QuickAskIntent: AppIntent {
    static var title: LocalizedStringResource = "Ask Assistant"
    static var description = IntentDescription("Ask a quick question and hear the answer.")

    @Parameter(title: "Question")
    var question: String

    @Parameter(title: "Use the better model", default: false)
    var precise: Bool

    private static var apiKey: String {
        ProcessInfo.processInfo.environment["OPENAI_API_KEY"]
            ?? Bundle.main.object(forInfoDictionaryKey: "OpenAIKey") as? String
            ?? ""
    }

    func perform() async throws -> some IntentResult & ProvidesDialog {
        let api = ChatGPTAPI(apiKey: Self.apiKey)
        let model = precise ? "gpt-4o" : "gpt-4o-mini"
        let answer = try await api.sendMessage(
            text: question,
            model: model,
            systemText: "Answer in at most two sentences. 用户说中文时用中文回答。",
            temperature: 0.5
        )
        api.deleteHistoryList()
        return .result(dialog: IntentDialog(stringLiteral: answer))
    }
}

/// Exposes the intent to Shortcuts / Siri.
struct AssistantShortcuts: AppShortcutsProvider {
    static var appShortcuts: [AppShortcut] {
        AppShortcut(
            intent: QuickAskIntent(),
            phrases: ["Ask \(.applicationName)", "问问 \(.applicationName)"],
            shortTitle: "Ask",
            systemImageName: "sparkles"
        )
    }
}
