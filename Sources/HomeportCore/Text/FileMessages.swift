// The message table of files users hand Homeport: `.homeport.yml`, catalog files, baselines, SARIF
// files to merge, and the YAML, TOML and JSON readers' syntax errors, in English and Simplified Chinese.

/// One entry of the table; a `switch` so a missing translation does not compile (see CoreMessage).
/// The bundled rule files are read only by Homeport's own developers: their errors stay English.
public enum FileMessage: String, CaseIterable, Sendable {
    // What a message is about (the `{what}` of other entries)
    case theDocument, theConfiguration, aPerPathEntry, theCatalog, aCatalogFile, aProvider, anSDK, aModel, code
    // Typed reading of YAML documents
    case emptyFile, mustBeMapping, unknownKey, missingKey, mustBeBool, mustBeWholeNumber, mustBeList, mustBeText
    // YAML syntax
    case controlCharacter, tabIndentation, nestingTooDeep, oneAnchor, tagNotClosed, oneTag, aliasWithProperties,
         anchorName, aliasName, unknownAlias, aliasExpansion, mergeKeys, duplicateKey, scalarKeys, directiveNeedsMarker,
         textAfterDocumentEnd, multipleDocuments, badSequenceIndentation, badMappingIndentation, textAfterTopLevel,
         blockSequenceOnLine, complexKeys, nestedMappingOnLine, textAfterFlowCollection, textAfterQuoted,
         keyOnOneLine, expectedKeyFoundEntry, keyAfterProperties, colonAfterKey, expectedSequenceEntry,
         flowSequenceSeparator, flowMappingSeparator, unexpectedFlowEnd, unclosedFlowSequence, unclosedFlowMapping,
         blockEntryInFlow, keyBeforeColon, blockScalarInFlow, plainCannotStart, expectedValue, unexpected, endOfFile,
         endOfLine, colonInMultilinePlain, unterminatedSingleQuoted, unterminatedDoubleQuoted, hexDigits,
         unknownEscape, escapeNotCharacter, indentationIndicator, blankLineTooWide, textAfterBlockIndicator
    // `.homeport.yml`
    case cannotReadConfiguration, configurationNotUTF8, extendsNeedsFile, extendsCycle, extendsNoSuchFile,
         targetNeedsProvider, perPathNeedsPaths, perPathNeedsRules, invalidFailOn, baselineNeedsFile,
         catalogProvidersList, catalogProviderMapping, mustBeGlobList, unknownRule, invalidRuleLevel
    // Globs
    case emptyGlob, globMatchesNothing, emptyGlobComponent, globLoneBackslash, globBadRange, globUnclosedBracket
    // Catalogs
    case catalogMissing, catalogNeedsSections, mustBeModelList, baseURLScheme, providerTwice,
         defaultTargetUnknown, mappingUnknownProvider, mustBeDate, modelFactsDiffer, needsProvenance, successorUnknown
    // Baselines
    case cannotReadBaseline, notABaseline, baselineVersion, baselineEntryWithoutKey
    // TOML syntax (the YAML entries `controlCharacter`, `nestingTooDeep`, `expectedValue`, `hexDigits`,
    // `unknownEscape` and `escapeNotCharacter` serve TOML too)
    case tomlInvalidUTF8, tomlBareCarriageReturn, tomlExpectedKey, tomlExpectedEquals, tomlTextAfterStatement,
         tomlMultilineKey, tomlUnclosedHeader, tomlUnclosedArrayHeader, tomlUnterminatedString, tomlStringNewline,
         tomlBackslashNotAtLineEnd, tomlInvalidNumber, tomlLeadingZero, tomlIntegerRange, tomlInvalidDateTime,
         tomlArraySeparator, tomlInlineSeparator, tomlInlineNewline, tomlInlineTrailingComma, tomlDuplicateKey,
         tomlTableRedefined, tomlNotTable, tomlNotArrayOfTables, tomlDottedIntoDefined
    // JSON (SARIF files to merge)
    case invalidJSON, jsonInvalidUTF8, jsonExpected, jsonUnexpectedEnd, jsonTooDeep, jsonArraySeparator,
         jsonObjectSeparator, jsonTrailing, jsonUnknownLiteral, jsonExpectedValue, jsonLeadingZero, jsonDigitAfterPoint,
         jsonDigitInExponent, jsonExpectedString, jsonUnterminatedString, jsonControlCharacter, jsonUnterminatedEscape,
         jsonUnknownEscape, jsonBadUnicodeEscape

    public var text: LocalizedText {
        switch self {
        case .theDocument: return .init(en: "the document", zh: "文档")
        case .theConfiguration: return .init(en: "the configuration", zh: "配置")
        case .aPerPathEntry: return .init(en: "a `per-path` entry", zh: "`per-path` 条目")
        case .theCatalog: return .init(en: "the catalog", zh: "目录")
        case .aCatalogFile: return .init(en: "a catalog file", zh: "目录文件")
        case .aProvider: return .init(en: "a provider", zh: "服务商条目")
        case .anSDK: return .init(en: "an SDK", zh: "SDK 条目")
        case .aModel: return .init(en: "a model", zh: "模型条目")
        // A key as written, as the `{what}` of a message; Chinese puts a space between it and the text after it.
        case .code: return .init(en: "`{name}`", zh: "`{name}` ")
        case .emptyFile: return .init(en: "the file is empty", zh: "文件是空的")
        case .mustBeMapping: return .init(en: "{what} must be a mapping (key: value)", zh: "{what}必须是映射（键: 值）")
        case .unknownKey:
            return .init(en: "unknown key `{key}` in {what}; valid keys: {valid}", zh: "{what}中有未知的键 `{key}`；可用的键：{valid}")
        case .missingKey: return .init(en: "missing required key `{key}`", zh: "缺少必需的键 `{key}`")
        case .mustBeBool: return .init(en: "`{key}` must be true or false", zh: "`{key}` 必须是 true 或 false")
        case .mustBeWholeNumber: return .init(en: "`{key}` must be a whole number", zh: "`{key}` 必须是整数")
        case .mustBeList: return .init(en: "`{key}` must be a list", zh: "`{key}` 必须是列表")
        case .mustBeText: return .init(en: "`{key}` must be a text value", zh: "`{key}` 必须是文本值")
        case .controlCharacter:
            return .init(en: "control character U+{code} is not allowed", zh: "不允许使用控制字符 U+{code}")
        case .tabIndentation: return .init(en: "tabs are not allowed for indentation", zh: "缩进中不允许使用制表符")
        case .nestingTooDeep: return .init(en: "nesting is deeper than {limit} levels", zh: "嵌套超过了 {limit} 层")
        case .oneAnchor: return .init(en: "a node can have only one anchor", zh: "一个节点只能有一个锚点")
        case .tagNotClosed: return .init(en: "expected '>' to end the tag", zh: "标签缺少结尾的 '>'")
        case .oneTag: return .init(en: "a node can have only one tag", zh: "一个节点只能有一个标签")
        case .aliasWithProperties: return .init(en: "an alias cannot have an anchor or tag", zh: "别名不能带锚点或标签")
        case .anchorName:
            return .init(en: "an anchor name is letters, digits, '-' and '_'", zh: "锚点名只能由字母、数字、'-' 和 '_' 组成")
        case .aliasName:
            return .init(en: "an alias name is letters, digits, '-' and '_'", zh: "别名只能由字母、数字、'-' 和 '_' 组成")
        case .unknownAlias:
            return .init(en: "unknown alias `*{name}`: no `&{name}` before it", zh: "未知的别名 `*{name}`：前面没有 `&{name}`")
        case .aliasExpansion:
            return .init(en: "aliases expand to more than {limit} nodes", zh: "别名展开后超过了 {limit} 个节点")
        case .mergeKeys:
            return .init(en: "merge keys ('<<') are not supported; write the entries out", zh: "不支持合并键（'<<'）；请把条目逐一写出")
        case .duplicateKey:
            return .init(en: "duplicate key `{key}`: first on line {first}, again on line {line}",
                         zh: "重复的键 `{key}`：第 {first} 行已有，第 {line} 行又出现")
        case .scalarKeys: return .init(en: "only scalars can be mapping keys", zh: "只有标量才能作为映射的键")
        case .directiveNeedsMarker: return .init(en: "expected '---' after a directive", zh: "指令之后应有 '---'")
        case .textAfterDocumentEnd: return .init(en: "unexpected text after '...'", zh: "'...' 之后有多余的文本")
        case .multipleDocuments: return .init(en: "multiple documents are not supported", zh: "不支持多个文档")
        case .badSequenceIndentation: return .init(en: "bad indentation of a sequence entry", zh: "序列条目的缩进不正确")
        case .badMappingIndentation: return .init(en: "bad indentation of a mapping entry", zh: "映射条目的缩进不正确")
        case .textAfterTopLevel:
            return .init(en: "unexpected text after the document's top-level value", zh: "文档的顶层值之后有多余的文本")
        case .blockSequenceOnLine:
            return .init(en: "a block sequence cannot start on this line; start it on a new line", zh: "块序列不能从这一行开始；请另起一行")
        case .complexKeys: return .init(en: "complex mapping keys ('? ') are not supported", zh: "不支持复杂映射键（'? '）")
        case .nestedMappingOnLine:
            return .init(en: "unexpected ':'; a nested mapping must start on a new line", zh: "意外的 ':'；嵌套的映射必须另起一行")
        case .textAfterFlowCollection: return .init(en: "unexpected text after a flow collection", zh: "流式集合之后有多余的文本")
        case .textAfterQuoted:
            return .init(en: "unexpected text after a quoted scalar or alias", zh: "带引号的标量或别名之后有多余的文本")
        case .keyOnOneLine: return .init(en: "a mapping key must be on a single line", zh: "映射的键必须写在一行内")
        case .expectedKeyFoundEntry:
            return .init(en: "expected a mapping key, found a sequence entry ('- ')", zh: "此处应为映射的键，却是序列条目（'- '）")
        case .keyAfterProperties:
            return .init(en: "expected a mapping key after the anchor or tag", zh: "锚点或标签之后应有映射的键")
        case .colonAfterKey: return .init(en: "expected ':' after a mapping key", zh: "映射的键之后应有 ':'")
        case .expectedSequenceEntry:
            return .init(en: "expected a sequence entry ('- ') at this indentation", zh: "此缩进处应为序列条目（'- '）")
        case .flowSequenceSeparator:
            return .init(en: "expected ',' or ']' in a flow sequence, found {found}", zh: "流式序列中应为 ',' 或 ']'，却是{found}")
        case .flowMappingSeparator:
            return .init(en: "expected ',' or '}' in a flow mapping, found {found}", zh: "流式映射中应为 ',' 或 '}'，却是{found}")
        case .unexpectedFlowEnd: return .init(en: "unexpected end of a flow collection", zh: "流式集合意外结束")
        case .unclosedFlowSequence:
            return .init(en: "expected ']' to close the flow sequence that starts at line {line}, column {column}",
                         zh: "缺少 ']' 来结束从第 {line} 行第 {column} 列开始的流式序列")
        case .unclosedFlowMapping:
            return .init(en: "expected '}' to close the flow mapping that starts at line {line}, column {column}",
                         zh: "缺少 '}' 来结束从第 {line} 行第 {column} 列开始的流式映射")
        case .blockEntryInFlow:
            return .init(en: "a block sequence entry ('- ') cannot appear inside a flow collection", zh: "流式集合中不能出现块序列条目（'- '）")
        case .keyBeforeColon: return .init(en: "expected a mapping key before ':'", zh: "':' 之前应有映射的键")
        case .blockScalarInFlow:
            return .init(en: "a block scalar ('{indicator}') cannot appear inside a flow collection",
                         zh: "流式集合中不能出现块标量（'{indicator}'）")
        case .plainCannotStart:
            return .init(en: "a plain scalar cannot start with '{character}'; quote the value",
                         zh: "普通标量不能以 '{character}' 开头；请给值加上引号")
        case .expectedValue: return .init(en: "expected a value, found {found}", zh: "此处应有值，却是{found}")
        case .unexpected: return .init(en: "unexpected {found}", zh: "意外的{found}")
        case .endOfFile: return .init(en: "the end of the file", zh: "文件结尾")
        case .endOfLine: return .init(en: "the end of the line", zh: "行尾")
        case .colonInMultilinePlain:
            return .init(en: "': ' cannot appear in a plain scalar that spans lines; quote the text or fix the indentation",
                         zh: "跨行的普通标量中不能出现 ': '；请给文本加上引号或修正缩进")
        case .unterminatedSingleQuoted: return .init(en: "unterminated single-quoted string", zh: "单引号字符串没有结束")
        case .unterminatedDoubleQuoted: return .init(en: "unterminated double-quoted string", zh: "双引号字符串没有结束")
        case .hexDigits:
            return .init(en: "expected {count} hexadecimal digits after '\\{escape}'", zh: "'\\{escape}' 之后应有 {count} 位十六进制数字")
        case .unknownEscape: return .init(en: "unknown escape sequence '\\{escape}'", zh: "未知的转义序列 '\\{escape}'")
        case .escapeNotCharacter:
            return .init(en: "escape sequence '{escape}' is not a Unicode character", zh: "转义序列 '{escape}' 不是 Unicode 字符")
        case .indentationIndicator:
            return .init(en: "the indentation indicator of a block scalar must be 1 to 9", zh: "块标量的缩进指示符必须是 1 到 9")
        case .blankLineTooWide:
            return .init(en: "a blank line before a block scalar's first line has more spaces than that line",
                         zh: "块标量第一行之前的空行比该行的空格更多")
        case .textAfterBlockIndicator:
            return .init(en: "unexpected text after the block scalar indicator; the text starts on the next line",
                         zh: "块标量指示符之后有多余的文本；文本应从下一行开始")
        case .cannotReadConfiguration: return .init(en: "cannot read configuration: {reason}", zh: "无法读取配置：{reason}")
        case .configurationNotUTF8:
            return .init(en: "cannot read configuration: not UTF-8 text", zh: "无法读取配置：不是 UTF-8 文本")
        case .extendsNeedsFile: return .init(en: "`extends` must name a file", zh: "`extends` 必须指定一个文件")
        case .extendsCycle: return .init(en: "`extends` makes a cycle: {chain}", zh: "`extends` 形成了循环：{chain}")
        case .extendsNoSuchFile: return .init(en: "`extends`: no such file {path}", zh: "`extends`：文件 {path} 不存在")
        case .targetNeedsProvider:
            return .init(en: "`target` must be a provider id, e.g. zhipu", zh: "`target` 必须是服务商 ID，例如 zhipu")
        case .perPathNeedsPaths:
            return .init(en: "a `per-path` entry needs `paths` (a list of globs)", zh: "`per-path` 条目需要 `paths`（glob 列表）")
        case .perPathNeedsRules:
            return .init(en: "a `per-path` entry needs `rules` (rule id: off|note|warning|error)",
                         zh: "`per-path` 条目需要 `rules`（规则 ID: off|note|warning|error）")
        case .invalidFailOn:
            return .init(en: "`fail-on` must be error, warning, note or never, not `{value}`",
                         zh: "`fail-on` 必须是 error、warning、note 或 never，而不是 `{value}`")
        case .baselineNeedsFile: return .init(en: "`baseline` must name a file", zh: "`baseline` 必须指定一个文件")
        case .catalogProvidersList:
            return .init(en: "`catalog.providers` must be a list of providers", zh: "`catalog.providers` 必须是服务商列表")
        case .catalogProviderMapping:
            return .init(en: "each entry of `catalog.providers` must be a mapping (id: …, name: …)",
                         zh: "`catalog.providers` 的每个条目都必须是映射（id: …, name: …）")
        case .mustBeGlobList: return .init(en: "`{key}` must be a list of globs", zh: "`{key}` 必须是 glob 列表")
        case .unknownRule: return .init(en: "unknown rule `{rule}`; known rules: {known}", zh: "未知规则 `{rule}`；已知规则：{known}")
        case .invalidRuleLevel:
            return .init(en: "rule `{rule}` must be off, note, warning or error, not `{value}`",
                         zh: "规则 `{rule}` 必须是 off、note、warning 或 error，而不是 `{value}`")
        case .emptyGlob: return .init(en: "empty glob", zh: "glob 是空的")
        case .globMatchesNothing: return .init(en: "glob `{glob}` matches nothing", zh: "glob `{glob}` 匹配不到任何路径")
        case .emptyGlobComponent:
            return .init(en: "empty path component in glob `{glob}`", zh: "glob `{glob}` 中有空的路径部分")
        case .globLoneBackslash: return .init(en: "glob `{glob}` ends with a lone `\\`", zh: "glob `{glob}` 以单独的 `\\` 结尾")
        case .globBadRange: return .init(en: "bad range `{range}` in glob `{glob}`", zh: "glob `{glob}` 中的范围 `{range}` 无效")
        case .globUnclosedBracket: return .init(en: "unclosed `[` in glob `{glob}`", zh: "glob `{glob}` 中的 `[` 没有闭合")
        case .catalogMissing: return .init(en: "the catalog is missing from this build", zh: "此构建中缺少目录")
        case .catalogNeedsSections:
            return .init(en: "the catalog needs `catalog`, `openai`, `mapping` and `providers`",
                         zh: "目录需要 `catalog`、`openai`、`mapping` 和 `providers`")
        case .mustBeModelList: return .init(en: "`{key}` must be a list of model IDs", zh: "`{key}` 必须是模型 ID 列表")
        case .mustBeDate: return .init(en: "`{key}` must be a date (YYYY-MM-DD)", zh: "`{key}` 必须是日期（YYYY-MM-DD）")
        case .modelFactsDiffer:
            return .init(en: "model `{id}` is described twice, differently", zh: "模型 `{id}` 被描述了两次，且内容不同")
        case .needsProvenance:
            return .init(en: "`{id}` needs `source` and `checked` (where the fact comes from and the day it was checked)",
                         zh: "`{id}` 需要 `source` 和 `checked`（事实的出处和核对日期）")
        case .successorUnknown:
            return .init(en: "`{id}` names successor `{successor}`, which the provider does not describe",
                         zh: "`{id}` 指定的后继模型 `{successor}` 在该服务商中没有描述")
        case .baseURLScheme:
            return .init(en: "`base-url` must start with https:// or http://", zh: "`base-url` 必须以 https:// 或 http:// 开头")
        case .providerTwice: return .init(en: "provider `{id}` is defined twice", zh: "服务商 `{id}` 定义了两次")
        case .defaultTargetUnknown:
            return .init(en: "default-target `{id}` is not a provider", zh: "default-target `{id}` 不是已定义的服务商")
        case .mappingUnknownProvider:
            return .init(en: "mapping `{class}` names unknown provider `{id}`", zh: "映射 `{class}` 指定了未知的服务商 `{id}`")
        case .cannotReadBaseline:
            return .init(en: "cannot read baseline (create it with `homeport baseline`)", zh: "无法读取基线（用 `homeport baseline` 创建）")
        case .notABaseline:
            return .init(en: "not a Homeport baseline (expected a JSON object with `findings`)",
                         zh: "不是 Homeport 基线（应为带 `findings` 的 JSON 对象）")
        case .baselineVersion:
            return .init(en: "unsupported baseline version; expected {version}", zh: "不支持的基线版本；应为 {version}")
        case .baselineEntryWithoutKey:
            return .init(en: "finding {index} has no `key`", zh: "第 {index} 个问题没有 `key`")
        case .tomlInvalidUTF8: return .init(en: "invalid UTF-8", zh: "不是有效的 UTF-8")
        case .tomlBareCarriageReturn:
            return .init(en: "a carriage return must be followed by a line feed", zh: "回车符之后必须是换行符")
        case .tomlExpectedKey: return .init(en: "expected a key, found {found}", zh: "此处应为键，却是{found}")
        case .tomlExpectedEquals: return .init(en: "expected '=' after a key, found {found}", zh: "键之后应为 '='，却是{found}")
        case .tomlTextAfterStatement:
            return .init(en: "expected a comment or the end of the line, found {found}", zh: "此处应为注释或行尾，却是{found}")
        case .tomlMultilineKey: return .init(en: "a key cannot be a multi-line string", zh: "键不能是多行字符串")
        case .tomlUnclosedHeader:
            return .init(en: "expected ']' to end the table header, found {found}", zh: "表头应以 ']' 结束，却是{found}")
        case .tomlUnclosedArrayHeader:
            return .init(en: "expected ']]' to end the array-of-tables header, found {found}", zh: "表数组的表头应以 ']]' 结束，却是{found}")
        case .tomlUnterminatedString: return .init(en: "unterminated string", zh: "字符串没有结束")
        case .tomlStringNewline:
            return .init(en: "a single-line string cannot span lines; use \"\"\" or ''' for a multi-line string",
                         zh: "单行字符串不能跨行；多行字符串请用 \"\"\" 或 '''")
        case .tomlBackslashNotAtLineEnd:
            return .init(en: "a '\\' followed by spaces must end the line", zh: "后面跟着空格的 '\\' 必须位于行尾")
        case .tomlInvalidNumber: return .init(en: "invalid number `{text}`", zh: "无效的数字 `{text}`")
        case .tomlLeadingZero:
            return .init(en: "`{text}`: a decimal number cannot have leading zeros", zh: "`{text}`：十进制数不能有前导零")
        case .tomlIntegerRange:
            return .init(en: "integer `{text}` does not fit in 64 bits", zh: "整数 `{text}` 超出了 64 位的范围")
        case .tomlInvalidDateTime: return .init(en: "invalid date or time `{text}`", zh: "无效的日期或时间 `{text}`")
        case .tomlArraySeparator: return .init(en: "expected ',' or ']' in an array, found {found}", zh: "数组中应为 ',' 或 ']'，却是{found}")
        case .tomlInlineSeparator:
            return .init(en: "expected ',' or '}' in an inline table, found {found}", zh: "内联表中应为 ',' 或 '}'，却是{found}")
        case .tomlInlineNewline: return .init(en: "an inline table must be on one line", zh: "内联表必须写在一行内")
        case .tomlInlineTrailingComma:
            return .init(en: "an inline table cannot end with ','", zh: "内联表不能以 ',' 结尾")
        case .tomlDuplicateKey:
            return .init(en: "duplicate key `{key}`: first on line {first}", zh: "重复的键 `{key}`：第 {first} 行已有")
        case .tomlTableRedefined:
            return .init(en: "table `{key}` is already defined (line {first})", zh: "表 `{key}` 已经定义过（第 {first} 行）")
        case .tomlNotTable:
            return .init(en: "`{key}` is a value (line {first}); it cannot be extended as a table",
                         zh: "`{key}` 是一个值（第 {first} 行）；不能作为表来扩展")
        case .tomlNotArrayOfTables:
            return .init(en: "`{key}` is already defined (line {first}), not as an array of tables",
                         zh: "`{key}` 已经定义过（第 {first} 行），但不是表数组")
        case .tomlDottedIntoDefined:
            return .init(en: "`{key}` is a table defined on line {first}; dotted keys cannot add to it here",
                         zh: "`{key}` 是第 {first} 行定义的表；此处不能用点分键向它添加内容")
        case .invalidJSON: return .init(en: "invalid JSON at byte {offset}: {message}", zh: "JSON 无效（第 {offset} 字节）：{message}")
        case .jsonInvalidUTF8: return .init(en: "invalid UTF-8", zh: "不是有效的 UTF-8")
        case .jsonExpected: return .init(en: "expected `{character}`", zh: "此处应为 `{character}`")
        case .jsonUnexpectedEnd: return .init(en: "unexpected end", zh: "意外结束")
        case .jsonTooDeep: return .init(en: "nested deeper than {limit} levels", zh: "嵌套超过了 {limit} 层")
        case .jsonArraySeparator: return .init(en: "expected `,` or `]`", zh: "此处应为 `,` 或 `]`")
        case .jsonObjectSeparator: return .init(en: "expected `,` or `}`", zh: "此处应为 `,` 或 `}`")
        case .jsonTrailing: return .init(en: "trailing characters", zh: "末尾有多余的字符")
        case .jsonUnknownLiteral: return .init(en: "unknown literal", zh: "未知的字面量")
        case .jsonExpectedValue: return .init(en: "expected a value", zh: "此处应有值")
        case .jsonLeadingZero: return .init(en: "leading zero", zh: "数字有前导零")
        case .jsonDigitAfterPoint: return .init(en: "expected a digit after `.`", zh: "`.` 之后应有数字")
        case .jsonDigitInExponent: return .init(en: "expected a digit in the exponent", zh: "指数中应有数字")
        case .jsonExpectedString: return .init(en: "expected a string", zh: "此处应为字符串")
        case .jsonUnterminatedString: return .init(en: "unterminated string", zh: "字符串没有结束")
        case .jsonControlCharacter:
            return .init(en: "control character in a string (write it as an escape)", zh: "字符串中有控制字符（请写成转义序列）")
        case .jsonUnterminatedEscape: return .init(en: "unterminated escape", zh: "转义序列没有结束")
        case .jsonUnknownEscape: return .init(en: "unknown escape", zh: "未知的转义序列")
        case .jsonBadUnicodeEscape: return .init(en: "bad \\u escape", zh: "无效的 \\u 转义")
        }
    }

    public func format(_ language: MessageLanguage, _ values: [String: String] = [:]) -> String {
        text.format(language, values)
    }

    /// The text in both languages with its placeholders filled (see `LocalizedText.filled`).
    public func filled(_ values: [String: String] = [:], localized: [String: LocalizedText] = [:]) -> LocalizedText {
        text.filled(values, localized: localized)
    }
}
