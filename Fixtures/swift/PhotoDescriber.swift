//  PhotoDescriber.swift
//  Describes product photos with GPT-4o through MacPaw's OpenAI package.

import Foundation
import OpenAI

struct PhotoDescriber {
    let client: OpenAI

    /// One sentence about a photo: the query sends the image itself.
    func describe(_ url: String) async throws -> String? {
        let query = ChatQuery(messages: [
            .user(.init(content: .vision([
                .chatCompletionContentPartTextParam(.init(text: "Describe this product photo in one sentence.")),
                .chatCompletionContentPartImageParam(.init(imageUrl: .init(url: url, detail: .auto))),
            ]))),
        ], model: .gpt4_o)
        return try await client.chats(query: query).choices.first?.message.content?.string
    }

    /// Text only: a string message.
    func shorten(_ text: String) async throws -> String? {
        let query = ChatQuery(messages: [.user(.init(content: .string(text)))], model: .gpt4_o)
        return try await client.chats(query: query).choices.first?.message.content?.string
    }
}
