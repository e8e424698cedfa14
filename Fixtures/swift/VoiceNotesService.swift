//
//  VoiceNotesService.swift
//  Notes
//
//  Record → transcribe → summarise, using jamesrochabrun/SwiftOpenAI.
//

import AVFoundation
import Foundation
import SwiftOpenAI

/// Turns a recorded voice memo into a titled, summarised note.
///
/// - Note: SwiftOpenAI's default transcription model is whisper-1; the summary
///   uses gpt-4o-mini. Both hit api.openai.com unless `overrideBaseURL` is set.
actor VoiceNotesService {
    struct Note: Codable, Sendable {
        var title: String
        var summary: String
        var transcript: String
    }

    private let service: OpenAIService
    private let summaryModel = "gpt-4o-mini"

    /// Azure tenant used by the enterprise build.
    static let azureEndpoint = "https://myco-eastus2.openai.azure.com/openai"

    init(enterprise: Bool = false) {
        let env = ProcessInfo.processInfo.environment
        if enterprise {
            let azure = AzureOpenAIConfiguration(
                resourceName: "myco-eastus2",
                openAIAPIKey: .apiKey(env["AZURE_OPENAI_API_KEY"] ?? ""),
                apiVersion: "2024-10-21"
            )
            service = OpenAIServiceFactory.service(azureConfiguration: azure)
        } else {
            service = OpenAIServiceFactory.service(
                apiKey: env["OPENAI_API_KEY"] ?? "",
                overrideBaseURL: env["NOTES_API_BASE"] ?? "https://api.openai.com"
            )
        }
    }

    func transcribe(fileURL: URL) async throws -> String {
        let data = try Data(contentsOf: fileURL)
        let params = AudioTranscriptionParameters(
            fileName: fileURL.lastPathComponent,
            file: data,
            language: "zh",
            responseFormat: "text"
        )
        return try await service.createTranscription(parameters: params).text
    }

    func summarise(_ transcript: String) async throws -> Note {
        let prompt = """
            把下面的语音笔记整理成 JSON：{"title": …, "summary": …}。
            Transcript:
            \(transcript)
            """
        let params = ChatCompletionParameters(
            messages: [.init(role: .user, content: .text(prompt))],
            model: .custom(summaryModel),
            responseFormat: .jsonObject,
            temperature: 0.2
        )
        let result = try await service.startChat(parameters: params)
        let json = result.choices?.first?.message?.content ?? "{}"
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        return Note(title: decoded["title"] ?? "未命名", summary: decoded["summary"] ?? "", transcript: transcript)
    }

    func deepSummary(_ transcript: String) async throws -> String {
        let params = ChatCompletionParameters(
            messages: [.init(role: .user, content: .text("Outline the key decisions:\n\(transcript)"))],
            model: .custom("o4-mini")
        )
        return try await service.startChat(parameters: params).choices?.first?.message?.content ?? ""
    }

    func process(fileURL: URL) async throws -> Note {
        let transcript = try await transcribe(fileURL: fileURL)
        return try await summarise(transcript)
    }
}
