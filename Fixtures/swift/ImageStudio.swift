//
//  ImageStudio.swift
//  海报工作室 (poster studio) — created on a Windows build agent, CRLF endings.
//

import SwiftUI
import OpenAI

/// Generates campaign posters with DALL·E 3 through MacPaw's `OpenAI` client.
struct ImageStudio: View {
    @State private var prompt = "春节海报，红色灯笼，简约风格"
    @State private var image: UIImage?
    @State private var busy = false

    private let client = OpenAI(apiToken: ProcessInfo.processInfo.environment["OPENAI_API_KEY"] ?? "")

    var body: some View {
        VStack(spacing: 16) {
            TextField("描述你的海报", text: $prompt, axis: .vertical)
                .textFieldStyle(.roundedBorder)
            if let image {
                Image(uiImage: image).resizable().scaledToFit()
            }
            Button(busy ? "生成中…" : "生成") { Task { await generate() } }
                .disabled(busy)
            Text("模型：dall-e-3 · 尺寸 1024×1792").font(.footnote)
        }
        .padding()
    }

    private func generate() async {
        busy = true
        defer { busy = false }
        let query = ImagesQuery(
            prompt: prompt,
            model: .dall_e_3,
            n: 1,
            quality: .hd,
            responseFormat: .b64_json,
            size: ._1024
        )
        do {
            let result = try await client.images(query: query)
            if let b64 = result.data.first?.b64Json, let data = Data(base64Encoded: b64) {
                image = UIImage(data: data)
            }
        } catch {
            print("生成失败：\(error)")
        }
    }

    /// Smaller previews use the cheaper model.
    private func preview() async throws -> URL? {
        let query = ImagesQuery(prompt: prompt, model: .dall_e_2, n: 1, size: ._256)
        let result = try await client.images(query: query)
        return result.data.first?.url.flatMap(URL.init(string:))
    }
}
