// The tree the TOML reader produces: every key and every value with the byte span it has in the file.

/// A key as written: one part of a dotted key or header, with the bytes it covers (quotes included).
public struct TOMLKey: Sendable, Equatable {
    public var name: String
    public var span: Range<Int>

    public init(name: String, span: Range<Int>) {
        self.name = name
        self.span = span
    }
}

public struct TOMLDate: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
}

public struct TOMLTime: Sendable, Equatable {
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// The fraction of the second; digits beyond the ninth are dropped.
    public var nanosecond: Int
}

/// A table: its entries in the order their keys first appear in the file.
public struct TOMLTable: Sendable {
    public var entries: [(key: TOMLKey, value: TOMLValue)]

    public subscript(name: String) -> TOMLValue? {
        entries.first { $0.key.name == name }?.value
    }
}

/// A value and where it is. `span` is the value's bytes: a string's quotes included, an array's or
/// inline table's brackets included. A table made by a header spans the header (`[a.b]`), one made
/// implicitly or by a dotted key spans the key part that first named it; an array of tables spans
/// its first `[[…]]` header. The document's root spans the whole file.
public struct TOMLValue: Sendable {
    public enum StringStyle: Sendable, Equatable {
        case basic, literal, multilineBasic, multilineLiteral
    }

    public enum Kind: Sendable {
        case string(String, style: StringStyle)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        /// The offset is in minutes east of UTC (`Z` is 0).
        case offsetDateTime(TOMLDate, TOMLTime, offsetMinutes: Int)
        case localDateTime(TOMLDate, TOMLTime)
        case localDate(TOMLDate)
        case localTime(TOMLTime)
        case array([TOMLValue])
        /// `[[…]]`: an array whose items are tables, each spanning its own header.
        case arrayOfTables([TOMLValue])
        case table(TOMLTable)
    }

    public var kind: Kind
    public var span: Range<Int>

    public var string: String? {
        if case .string(let text, _) = kind { return text }
        return nil
    }

    public var table: TOMLTable? {
        if case .table(let table) = kind { return table }
        return nil
    }

    /// The items of an array or of an array of tables.
    public var items: [TOMLValue]? {
        switch kind {
        case .array(let items), .arrayOfTables(let items): return items
        default: return nil
        }
    }

    /// The value at `name` when this is a table.
    public subscript(name: String) -> TOMLValue? {
        table?[name]
    }
}
