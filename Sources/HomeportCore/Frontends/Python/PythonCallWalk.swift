// Python calls read from the tokens with a few words per open bracket: the calls every finding-dense file pays for.

import Glibc

extension PythonFactExtractor {
    /// A bracket open at the current token: what `CallFrame` keeps for Python, in plain words. A
    /// `CallFrame` carries arrays, sets and strings that every push, pop and fact copied and released;
    /// here a call's arguments so far stand in one stack shared by the calls open at once (inner calls
    /// close before outer ones), and its labels are token indices, made Strings only in its fact.
    struct CallWalkFrame {
        /// The call's place in the result, or -1 for a bracket that is not a call.
        var place: Int
        var open: Int
        var fDepth: Int
        var callee: Span
        /// Where the call's arguments start in the walk's argument stack.
        var argumentBase: Int
        /// The current argument: its first byte (-1 before its first token), its last, how many tokens
        /// it has so far, and its keyword's token (-1 for none).
        var argumentStart = -1
        var argumentEnd = 0
        var tokens = 0
        var labelToken = -1
        /// Content parts seen inside, nested brackets included: bits of `ContentPart.kinds`.
        var contentParts: UInt64 = 0
        var argumentIsLiteral = false
        var argumentIsUnread = false
        var holdsUnread = false
        var unreadContent = false
        /// Some argument has a keyword; some argument could not be read; one of those has a keyword.
        var anyLabel = false
        var anyUnread = false
        var anyUnreadLabelled = false

        init(place: Int, open: Int, fDepth: Int, callee: Span, argumentBase: Int) {
            self.place = place
            self.open = open
            self.fDepth = fDepth
            self.callee = callee
            self.argumentBase = argumentBase
        }

        var isCall: Bool { place >= 0 }

        /// `CallFrame.atValueStart`.
        var atValueStart: Bool { tokens == 0 || (labelToken >= 0 && tokens == 2) }

        @inline(__always) mutating func note(_ start: Int, _ end: Int) {
            if argumentStart < 0 { argumentStart = start }
            argumentEnd = end
            tokens += 1
        }

        @inline(__always) mutating func noteLiteralStart() {
            if atValueStart { argumentIsLiteral = true }
        }

        /// `CallFrame.absorb` for a nested bracket that closed.
        @inline(__always) mutating func absorb(_ inner: CallWalkFrame) {
            contentParts |= inner.contentParts
            if inner.holdsUnread || inner.unreadContent {
                argumentIsUnread = true
                holdsUnread = true
            }
        }
    }

    /// A call's argument in the walk's stack.
    struct CallWalkArgument {
        var span: Span
        /// The keyword's token, or -1.
        var labelToken: Int
        var unread: Bool
    }

    /// Calls of dotted names with each argument's keyword and span, from one pass over the brackets:
    /// what `callsReference` finds (the tests compare the two), in its order, the order in which the
    /// calls open (each is numbered then); calls never closed by `)` are left out.
    func calls() -> [CallFact] {
        var output = CallWalkOutput()
        var frames: [CallWalkFrame] = []
        frames.reserveCapacity(16)
        var arguments: [CallWalkArgument] = []
        arguments.reserveCapacity(32)
        for index in 0..<tokens.count {
            let token = tokens[index]
            let top = frames.count - 1
            switch token.kind {
            case .newline:
                continue
            case .op:
                switch token.op {
                case ASCII.openParenthesis, ASCII.openBracket, ASCII.openBrace:
                    var number = -1
                    var callee = Span(start: 0, end: 0)
                    if let span = calleeSpan(openingAt: index) {
                        number = output.opened
                        output.opened += 1
                        callee = span
                    }
                    if top >= 0 {
                        frames[top].noteLiteralStart()
                        frames[top].note(token.start, token.end)
                    }
                    frames.append(CallWalkFrame(place: number, open: token.start, fDepth: token.fDepth, callee: callee,
                                                argumentBase: arguments.count))
                case ASCII.closeParenthesis, ASCII.closeBracket, ASCII.closeBrace:
                    guard top >= 0 else { continue }
                    var frame = frames.removeLast()
                    closeArgument(&frame, &arguments)
                    if frame.isCall {
                        if token.op == ASCII.closeParenthesis {
                            appendFact(frame, arguments, closeParen: token.start, &output)
                        }
                        arguments.removeSubrange(frame.argumentBase...)
                    }
                    if top >= 1 {
                        frames[top - 1].absorb(frame)
                        frames[top - 1].note(token.start, token.end)
                    }
                case ASCII.comma:
                    if top >= 0 { closeArgument(&frames[top], &arguments) }
                case ASCII.equalsSign:
                    guard top >= 0 else { continue }
                    // A keyword: the argument so far is one name.
                    if frames[top].tokens == 1, index > 0, tokens[index - 1].kind == .name {
                        frames[top].labelToken = index - 1
                    }
                    frames[top].note(token.start, token.end)
                default:
                    if top >= 0 { frames[top].note(token.start, token.end) }
                }
            case .string:
                guard top >= 0 else { continue }
                // What a call's content carries: `{"type": "image_url", …}` parts, and message content
                // given by name (`{"role": "user", "content": parts}`), which cannot be read here.
                if token.fDepth == frames[top].fDepth, token.piece >= 0 {
                    let piece = pieces[token.piece]
                    if piece.count == 9 || piece.count == 11 {
                        for (value, bit) in ContentPart.typeValueBits where pieceEquals(piece, value) {
                            frames[top].contentParts |= bit
                        }
                    } else if piece.count == 7, !frames[top].isCall, index + 2 < tokens.count,
                              tokens[index + 1].kind == .op, tokens[index + 1].op == ASCII.colon,
                              tokens[index + 2].kind == .name, pieceEquals(piece, PythonFactExtractor.contentKey) {
                        frames[top].holdsUnread = true
                    }
                    frames[top].noteLiteralStart()
                }
                frames[top].note(token.start, token.end)
            case .name, .number:
                if top >= 0 { frames[top].note(token.start, token.end) }
            }
        }
        return output.inOpeningOrder()
    }

    /// The facts of `calls()` as their calls close (inner ones first), each with its number in the
    /// order the calls open; moved into that order at the end, so no fact is copied or replaced on
    /// the way. They stand in chunks that never move (growing one buffer copied every fact so far).
    /// Also what `fact` reuses from call to call.
    struct CallWalkOutput: ~Copyable {
        private static let chunkShift = 8
        private var chunks: [UnsafeMutablePointer<CallFact>] = []
        private var numbers: [Int] = []
        /// How many calls opened so far (closed or not).
        var opened = 0
        /// Callee names longer than a small string (which needs no allocation), by a hash of their bytes:
        /// a file calls the same few methods again and again (`client.chat.completions.create`).
        var names = [String?](repeating: nil, count: 256)
        /// Sets of unread labels made so far, each under its labels' bytes (each followed by a 0).
        var unreadSets: [(key: [UInt8], set: Set<String>)] = []
        var key: [UInt8] = []

        init() {}

        deinit {
            for (index, chunk) in chunks.enumerated() {
                chunk.deinitialize(count: max(0, min(numbers.count - (index << Self.chunkShift), 1 << Self.chunkShift)))
                chunk.deallocate()
            }
        }

        private func slot(_ index: Int) -> UnsafeMutablePointer<CallFact> {
            chunks[index >> Self.chunkShift] + (index & ((1 << Self.chunkShift) - 1))
        }

        /// Where the next fact goes (`append` then counts it).
        @inline(__always) mutating func nextSlot() -> UnsafeMutablePointer<CallFact> {
            if numbers.count == chunks.count << Self.chunkShift {
                chunks.append(.allocate(capacity: 1 << Self.chunkShift))
            }
            return slot(numbers.count)
        }

        /// Counts the fact just put in `nextSlot()` as the call numbered `number`.
        @inline(__always) mutating func append(number: Int) {
            numbers.append(number)
        }

        /// The facts in the order their calls opened, those of calls never closed by `)` left out.
        consuming func inOpeningOrder() -> [CallFact] {
            let count = numbers.count
            var rank = numbers
            if count < opened {
                // Numbers of calls that were never closed are missing: rank those present.
                var present = [Int](repeating: -1, count: opened)
                for number in numbers { present[number] = 0 }
                var next = 0
                for number in 0..<opened where present[number] == 0 {
                    present[number] = next
                    next += 1
                }
                rank = numbers.map { present[$0] }
            }
            let result = [CallFact](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    (buffer.baseAddress! + rank[index]).moveInitialize(from: slot(index), count: 1)
                }
                initialized = count
            }
            numbers.removeAll()  // all moved out: `deinit` only frees the chunks
            return result
        }
    }

    private static let contentKey = Array("content".utf8)

    /// Whether a string piece's value is exactly `value`'s bytes.
    private func pieceEquals(_ piece: PythonPiece, _ value: [UInt8]) -> Bool {
        guard piece.count == value.count else { return false }
        if let range = piece.sourceRange {
            return bytes.withUnsafeBufferPointer { all in
                value.withUnsafeBufferPointer { expected in
                    for k in 0..<expected.count where all[range.lowerBound + k] != expected[k] { return false }
                    return true
                }
            }
        }
        guard piece.decoded >= 0 else { return value.isEmpty }
        return pieces.decoded[piece.decoded].bytes == value
    }

    /// `CallFrame.closeArgument`: a comma or the closing bracket ends the current argument.
    @inline(__always)
    private func closeArgument(_ frame: inout CallWalkFrame, _ arguments: inout [CallWalkArgument]) {
        if frame.argumentStart >= 0 {
            let unread = !frame.argumentIsLiteral || frame.argumentIsUnread
            let label = frame.labelToken
            if frame.isCall {
                arguments.append(CallWalkArgument(span: Span(start: frame.argumentStart,
                                                             end: max(frame.argumentStart, frame.argumentEnd)),
                                                  labelToken: label, unread: unread))
                if label >= 0 { frame.anyLabel = true }
                if unread {
                    frame.anyUnread = true
                    if label >= 0 { frame.anyUnreadLabelled = true }
                }
            }
            if unread, label < 0 || isContentLabel(tokens[label]) { frame.unreadContent = true }
        }
        frame.argumentStart = -1
        frame.labelToken = -1
        frame.tokens = 0
        frame.argumentIsLiteral = false
        frame.argumentIsUnread = false
    }

    /// `CallFrame.isContentLabel` for a keyword's token.
    private func isContentLabel(_ token: PythonToken) -> Bool {
        nameIs(token, "content") || nameIs(token, "messages") || nameIs(token, "input")
    }

    /// The finished call whose arguments are the top of `arguments`, from its frame's base, made in
    /// its place in `output`.
    private func appendFact(_ frame: CallWalkFrame, _ arguments: [CallWalkArgument], closeParen: Int,
                            _ output: inout CallWalkOutput) {
        let own = arguments[frame.argumentBase...]
        let labels = frame.anyLabel ? own.map { $0.labelToken >= 0 ? text(tokens[$0.labelToken]) : "" }
            : CallFrame.positionalLabels(own.count)
        var unread: Set<String> = []
        if frame.anyUnreadLabelled {
            unread = unreadSet(own, &output)
        } else if frame.anyUnread {
            unread = CallFrame.positionalUnread
        }
        let spans = own.map(\.span)
        let callee = calleeName(frame.callee, &output.names)
        output.nextSlot().initialize(to: CallFact(
            callee: callee, calleeSpan: frame.callee, openParen: frame.open, closeParen: closeParen, labels: labels,
            argumentSpans: spans, contentParts: frame.contentParts == 0 ? [] : ContentPart.kinds(in: frame.contentParts),
            unreadArguments: unread))
        output.append(number: frame.place)
    }

    /// The callee as one name (`withCalleeName`), shared with the calls before it of the same name.
    private func calleeName(_ span: Span, _ names: inout [String?]) -> String {
        withCalleeName(span) { name in
            guard name.count > 15 else { return String(decoding: name, as: UTF8.self) }
            // The slot by the length and a few bytes; the bytes compared decide.
            let count = name.count
            var hash = UInt32(truncatingIfNeeded: count) &* 16_777_619
            hash = (hash ^ UInt32(name[count - 1])) &* 16_777_619
            hash = (hash ^ UInt32(name[count / 2])) &* 16_777_619
            hash = (hash ^ UInt32(name[count - 5])) &* 16_777_619
            let slot = Int((hash ^ (hash >> 16)) & 255)
            if let known = names[slot], known.utf8.count == count,
               known.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, name.baseAddress!, count) == 0 }) == true {
                return known
            }
            let made = String(decoding: name, as: UTF8.self)
            names[slot] = made
            return made
        }
    }

    /// The labels of the unread arguments among `own` (positional ones as ""), as a set made once per
    /// distinct list of them.
    private func unreadSet(_ own: ArraySlice<CallWalkArgument>, _ output: inout CallWalkOutput) -> Set<String> {
        output.key.removeAll(keepingCapacity: true)
        for argument in own where argument.unread {
            if argument.labelToken >= 0 {
                let token = tokens[argument.labelToken]
                output.key.append(contentsOf: bytes[token.start..<token.end])
            }
            output.key.append(0)
        }
        for known in output.unreadSets where known.key == output.key { return known.set }
        var unread: Set<String> = []
        for argument in own where argument.unread {
            unread.insert(argument.labelToken >= 0 ? text(tokens[argument.labelToken]) : "")
        }
        if output.unreadSets.count < 16 { output.unreadSets.append((output.key, unread)) }
        return unread
    }
}
