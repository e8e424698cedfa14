// `file:` URIs and paths, both ways.

@testable import HomeportCore
import Testing

@Suite struct FileURITests {
    @Test func fileURIsAndPathsBothWays() {
        #expect(FileURI.uri(forPath: "/tmp/我的 app/a#1.py") == "file:///tmp/%E6%88%91%E7%9A%84%20app/a%231.py")
        #expect(FileURI.path(of: "file:///tmp/%E6%88%91%E7%9A%84%20app/a%231.py") == "/tmp/我的 app/a#1.py")
        #expect(FileURI.path(of: "file://localhost/etc/x.py") == "/etc/x.py")
        #expect(FileURI.path(of: "FILE:///a.py?query#frag") == "/a.py")
        #expect(FileURI.path(of: "file://server/share/a.py") == nil)
        #expect(FileURI.path(of: "untitled:Untitled-1") == nil)
        #expect(FileURI.path(of: "file:relative.py") == nil)
    }
}
