// The message table of the catalog's age, retired models and `providers --verify`, in English and
// Simplified Chinese. Data only; the command line prints it.

/// One entry of the table; a `switch` so a missing translation does not compile (see CoreMessage).
public enum CatalogMessage: String, CaseIterable, Sendable {
    case catalogStale, modelRetired, modelRetiredNoSuccessor, providerChecked, modelRetires
    case verifyChecking, verifyServed, verifyNotServed, verifyAllServed, verifyNoModelsEndpoint, verifyNoKey,
         verifyRefused, verifyHTTPStatus, verifyNotList, verifyTimeout, verifyNetwork, verifyTooLarge,
         verifyRedirect, verifyNotHTTPS, verifyUserInfo, verifySkippedConfiguration, verifyNoCatalogModels,
         curlNotFound, curlLacksSymbol, allowHostNeedsVerify

    public var text: LocalizedText {
        switch self {
        case .catalogStale:
            return .init(en: "note: the provider catalog is {days} days old ({date}); model line-ups change monthly: "
                            + "give a current one with `--catalog FILE`, or check an account with `homeport providers --verify`",
                         zh: "注意：服务商目录已有 {days} 天（{date}）；模型阵容每月都在变化："
                            + "请用 `--catalog FILE` 提供最新目录，或用 `homeport providers --verify` 核对账户")
        case .modelRetired:
            return .init(en: "{provider}: `{model}` ({class}) retired on {date}; suggesting its successor `{successor}`",
                         zh: "{provider}：`{model}`（{class}）已于 {date} 下线；改为建议其后继模型 `{successor}`")
        case .modelRetiredNoSuccessor:
            return .init(en: "{provider}: `{model}` ({class}) retired on {date} and names no successor; not suggested",
                         zh: "{provider}：`{model}`（{class}）已于 {date} 下线，且没有后继模型；不再建议")
        case .providerChecked: return .init(en: "checked", zh: "核对日期")
        case .modelRetires: return .init(en: "retires {date}, then {successor}", zh: "{date} 下线，之后用 {successor}")
        case .verifyChecking: return .init(en: "{provider} ({id}): GET {url}", zh: "{provider}（{id}）：GET {url}")
        case .verifyServed: return .init(en: "  {class}: served: {models}", zh: "  {class}：可用：{models}")
        case .verifyNotServed: return .init(en: "  {class}: NOT served: {models}", zh: "  {class}：不可用：{models}")
        case .verifyAllServed:
            return .init(en: "{id}: every catalog model is served ({count} models listed)",
                         zh: "{id}：目录中的模型全部可用（列出 {count} 个模型）")
        case .verifyNoModelsEndpoint:
            return .init(en: "{id}: the provider does not offer /models (HTTP {status}); nothing to compare",
                         zh: "{id}：该服务商不提供 /models（HTTP {status}）；无从比对")
        case .verifyNoKey:
            return .init(en: "{id}: cannot check: {variable} is not set", zh: "{id}：无法核对：未设置 {variable}")
        case .verifyRefused:
            return .init(en: "{id}: cannot check: the key in {variable} was refused (HTTP {status})",
                         zh: "{id}：无法核对：{variable} 中的密钥被拒绝（HTTP {status}）")
        case .verifyHTTPStatus:
            return .init(en: "{id}: cannot check: /models answered HTTP {status}", zh: "{id}：无法核对：/models 返回 HTTP {status}")
        case .verifyNotList:
            return .init(en: "{id}: cannot check: the answer is not an OpenAI model list ({\"data\": [{\"id\": …}]})",
                         zh: "{id}：无法核对：返回内容不是 OpenAI 模型列表（{\"data\": [{\"id\": …}]}）")
        case .verifyTimeout:
            return .init(en: "{id}: cannot check: no answer within {seconds} s", zh: "{id}：无法核对：{seconds} 秒内没有响应")
        case .verifyNetwork:
            return .init(en: "{id}: cannot check: {reason}", zh: "{id}：无法核对：{reason}")
        case .verifyTooLarge:
            return .init(en: "{id}: cannot check: the answer is larger than {size} MB", zh: "{id}：无法核对：返回内容超过 {size} MB")
        case .verifyRedirect:
            return .init(en: "{id}: cannot check: /models redirects to {host}, another host; the key is not sent there",
                         zh: "{id}：无法核对：/models 重定向到另一主机 {host}；密钥不会发往该处")
        case .verifyNotHTTPS:
            return .init(en: "{id}: skipped: {url} is not HTTPS; a key is sent only over HTTPS (or to 127.0.0.1/localhost)",
                         zh: "{id}：已跳过：{url} 不是 HTTPS；密钥只通过 HTTPS 发送（127.0.0.1/localhost 除外）")
        case .verifyUserInfo:
            return .init(en: "{id}: skipped: {url} has a user name or password in it; the key is not sent there",
                         zh: "{id}：已跳过：{url} 中含有用户名或密码；密钥不会发往该处")
        case .verifySkippedConfiguration:
            return .init(en: "{id}: skipped: {file} defines this provider, and a configuration file does not choose where a key goes; "
                            + "name that catalog with `--catalog FILE` or allow the host with `--allow-host {host}`",
                         zh: "{id}：已跳过：该服务商由 {file} 定义，而配置文件不能决定密钥的去向；"
                            + "请用 `--catalog FILE` 指定该目录，或用 `--allow-host {host}` 允许该主机")
        case .verifyNoCatalogModels:
            return .init(en: "{id}: the catalog lists no models for this provider; {count} served", zh: "{id}：目录中没有该服务商的模型；账户可用 {count} 个")
        case .curlNotFound:
            return .init(en: "cannot check: libcurl is not installed (tried {tried}); install it (Debian/Ubuntu: apt-get install libcurl4)",
                         zh: "无法核对：未安装 libcurl（已尝试 {tried}）；请安装（Debian/Ubuntu：apt-get install libcurl4）")
        case .curlLacksSymbol:
            return .init(en: "cannot check: {path} lacks {symbol}; install a current libcurl4",
                         zh: "无法核对：{path} 缺少 {symbol}；请安装较新的 libcurl4")
        case .allowHostNeedsVerify:
            return .init(en: "--allow-host only applies with --verify", zh: "--allow-host 只能与 --verify 一起使用")
        }
    }

    public func format(_ language: MessageLanguage, _ values: [String: String] = [:]) -> String {
        text.format(language, values)
    }

    public func filled(_ values: [String: String] = [:], localized: [String: LocalizedText] = [:]) -> LocalizedText {
        text.filled(values, localized: localized)
    }
}
