// `shutdown` and `exit`: stop serving; the exit code says whether the client shut us down first.

import HomeportCore

extension LanguageServer {
    func shutdown() -> JSONValue {
        phase = .shutDown
        return .null
    }

    func exit() {
        exitCode = phase == .shutDown ? 0 : 1
    }
}
