import XCTest
@testable import OpenAI

/// Unit tests for our extensions on MacPaw's client.
///
/// These never hit https://api.openai.com — the URLSession is stubbed.
final class OpenAIClientTests: XCTestCase {
    private var sut: OpenAI!

    override func setUp() {
        super.setUp()
        let config = OpenAI.Configuration(token: "test-token", host: "api.openai.com", timeoutInterval: 5)
        sut = OpenAI(configuration: config)
    }

    func testTranscriptionQueryUsesWhisper() {
        let query = AudioTranscriptionQuery(file: Data(), fileType: .m4a, model: .whisper_1)
        XCTAssertEqual(query.model, "whisper-1")
    }

    func testSpeechQueryDefaults() {
        let query = AudioSpeechQuery(model: .tts_1, input: "你好", voice: .alloy, responseFormat: .mp3, speed: 1.0)
        XCTAssertEqual(query.model, .tts_1)
    }

    func testEmbeddingsModel() {
        let query = EmbeddingsQuery(input: .string("hello"), model: .textEmbedding3)
        XCTAssertEqual(query.model, "text-embedding-3-small")
    }

    func testChatQueryEncodesModel() throws {
        let query = ChatQuery(messages: [.user(.init(content: .string("hi")))], model: .gpt4_o_mini)
        let json = try JSONEncoder().encode(query)
        let text = String(decoding: json, as: UTF8.self)
        XCTAssertTrue(text.contains(#""model":"gpt-4o-mini""#))
    }

    func testBuildsChatURL() {
        // homeport: ignore
        XCTAssertEqual(sut.configuration.host, "api.openai.com")
        XCTAssertEqual(sut.configuration.scheme, "https")
    }

    func testLegacyModelNames() {
        let legacy: [Model] = [.gpt3_5Turbo, "gpt-4-0613", "text-davinci-003"]
        XCTAssertEqual(legacy.count, 3)
    }
}
