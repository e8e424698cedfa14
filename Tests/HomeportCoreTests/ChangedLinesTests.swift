// `--since`: the added and changed lines read from a `git diff`.

@testable import HomeportCore
import Testing

@Suite struct ChangedLinesTests {
    @Test func diffHunksGiveAddedLines() {
        let diff = """
            diff --git a/app.py b/app.py
            --- a/app.py
            +++ b/app.py
            @@ -0,0 +1 @@
            +import os
            @@ -3 +4,2 @@
            -x
            +y
            +z
            @@ -9,2 +10,0 @@
            diff --git a/old.py b/old.py
            --- a/old.py
            +++ /dev/null
            @@ -1 +0,0 @@
            diff --git "a/sp ace\\303\\251.py" "b/sp ace\\303\\251.py"
            --- "a/sp ace\\303\\251.py"
            +++ "b/sp ace\\303\\251.py"
            @@ -1 +1 @@
            """
        let ranges = ChangedLines.parseDiff(diff)
        #expect(ranges["app.py"] == [1...1, 4...5])
        #expect(ranges["old.py"] == nil)
        #expect(ranges["sp aceé.py"] == [1...1])
    }
}
