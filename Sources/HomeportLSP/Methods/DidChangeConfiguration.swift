// `workspace/didChangeConfiguration`: new editor settings, then every open document is scanned again.

import HomeportCore

extension LanguageServer {
    func didChangeConfiguration(_ params: JSONValue) {
        // Clients that expect the server to pull settings send `null`: nothing changed here.
        guard let settings = params.member("settings"), !settings.isNull else { return }
        // `{}` or only other servers' sections: the settings from `initializationOptions` (or the
        // last change) stay.
        guard ClientSettings.addressesHomeport(settings) else {
            ServerLog.write("settings: workspace/didChangeConfiguration has no Homeport settings; keeping the current ones")
            return
        }
        for problem in workspace.update(settings: settings) { report(settingsProblem: problem) }
        scheduleScanOfAllDocuments()
    }
}
