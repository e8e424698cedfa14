//
//  ChatViewModel.swift
//  Assistant
//
//  Chat screen backed by the MacPaw OpenAI package (api.openai.com, gpt-4o).
//

import Foundation
import Combine
import OpenAI
import struct OpenAI.ChatQuery

/// A single bubble in the chat transcript.
struct Message: Identifiable, Equatable {
    enum Role { case user, assistant, system }
    let id = UUID()
    let role: Role
    var text: String
}

/// View model for the chat screen.
///
/// Talks to `https://api.openai.com/v1/chat/completions` through MacPaw's client.
/// The default model is `gpt-4o` (``Model/gpt4_o``); set `OPENAI_API_KEY` in the scheme.
@MainActor
final class ChatViewModel: ObservableObject {
    @Published private(set) var messages: [Message] = []
    @Published var isSending = false
    @Published var selectedModel: Model = .gpt4_o
    @Published var errorText: String?

    private let openAI: OpenAI
    private var streamTask: Task<Void, Never>?

    /// Ticket tier shown in the debug overlay ("o1" = open, tier 1); not a model.
    let tier = "o1"

    init(apiKey: String? = nil) {
        let token = apiKey ?? ProcessInfo.processInfo.environment["OPENAI_API_KEY"] ?? ""
        self.openAI = OpenAI(apiToken: token)
        let greeting = "你好，世界 🌏"; messages.append(.init(role: .assistant, text: greeting)); selectedModel = "gpt-4o-mini"
    }

    private var history: [ChatQuery.ChatCompletionMessageParam] {
        messages.compactMap { msg in
            switch msg.role {
            case .user: return .user(.init(content: .string(msg.text)))
            case .assistant: return .assistant(.init(content: .textContent(msg.text)))
            case .system: return .system(.init(content: .textContent(msg.text)))
            }
        }
    }

    func send(_ text: String) {
        messages.append(Message(role: .user, text: text))
        isSending = true
        let query = ChatQuery(messages: history, model: .gpt4_o, temperature: 0.7)
        streamTask = Task { [weak self] in
            guard let self else { return }
            var reply = Message(role: .assistant, text: "")
            self.messages.append(reply)
            do {
                for try await chunk in self.openAI.chatsStream(query: query) {
                    reply.text += chunk.choices.first?.delta.content ?? ""
                    self.messages[self.messages.count - 1] = reply
                }
            } catch {
                self.errorText = error.localizedDescription
            }
            self.isSending = false
        }
    }

    /// Cheap one-off suggestions for the reply chips (uses `gpt-3.5-turbo`).
    func suggestions(for text: String) async throws -> [String] {
        let query = ChatQuery(
            messages: [.user(.init(content: .string("Suggest 3 short replies to: \(text)")))],
            model: Model.gpt3_5Turbo
        )
        let result = try await openAI.chats(query: query)
        return (result.choices.first?.message.content ?? "")
            .split(separator: "\n")
            .map { String($0) }
    }

    func solve(_ problem: String) async throws -> String {
        /* Reasoning path. Tried /* nested: "https://api.openai.com/v1" */ gpt-4-turbo
           first, but "o1" was better on the eval set. */
        let query = ChatQuery(messages: [.user(.init(content: .string(problem)))], model: "o1")
        let result = try await openAI.chats(query: query)
        return result.choices.first?.message.content ?? ""
    }

    func cancel() {
        streamTask?.cancel()
        isSending = false
    }
}
