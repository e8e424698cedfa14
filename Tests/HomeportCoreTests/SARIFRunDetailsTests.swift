// SARIF run details and limits: repository URIs without credentials, categories, result counts.

@testable import HomeportCore
import Testing

@Suite struct SARIFRunDetailsTests {
    @Test func remoteURIsLoseCredentials() {
        #expect(SARIFRunDetails.repositoryURI(fromRemote: "git@github.com:acme/chat.git") == "https://github.com/acme/chat")
        #expect(SARIFRunDetails.repositoryURI(fromRemote: "https://x-access-token:abc@github.com/acme/chat.git")
                == "https://github.com/acme/chat")
        #expect(SARIFRunDetails.repositoryURI(fromRemote: "ssh://git@gitlab.example.com/group/chat.git")
                == "https://gitlab.example.com/group/chat")
        #expect(SARIFRunDetails.repositoryURI(fromRemote: "/srv/git/chat") == nil)
        #expect(SARIFRunDetails.automationID(category: "python") == "python/")
        #expect(SARIFRunDetails.automationID(category: "python/") == "python/")
    }

    @Test func resultCountPastGitHubsLimitWarns() {
        #expect(SARIFLimits.warnings(results: 25_000, rules: 7).isEmpty)
        #expect(SARIFLimits.warnings(results: 25_001, rules: 7).count == 1)
    }
}
