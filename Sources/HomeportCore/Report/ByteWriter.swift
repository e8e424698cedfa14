// A growable byte buffer written through a pointer, for reports that make many small writes per finding.

/// An array's `append` checks uniqueness and capacity and takes a call on every write, ~150
/// instructions; a report block makes about 15 of them per finding. The writer checks its capacity
/// inline and grows rarely. It owns memory: call `finish()` (or `discard()`) exactly once, last.
struct ByteWriter {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    /// Room for `extra` more bytes.
    @inline(__always) mutating func reserve(_ extra: Int) {
        if extra > capacity &- count { grow(count + extra) }
    }

    @inline(never) private mutating func grow(_ needed: Int) {
        precondition(capacity > 0, "ByteWriter written after finish()")
        let newCapacity = max(needed, capacity * 2)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.moveInitialize(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    @inline(__always) mutating func byte(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// `count` copies of `byte`.
    @inline(__always) mutating func byte(_ byte: UInt8, count repeats: Int) {
        guard repeats > 0 else { return }
        reserve(repeats)
        (base + count).initialize(repeating: byte, count: repeats)
        count += repeats
    }

    mutating func bytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).initialize(from: start, count: bytes.count)
        count += bytes.count
    }

    /// `count` bytes that `fill` writes at the pointer it is given, in place.
    @inline(__always) mutating func write(count written: Int, _ fill: (UnsafeMutablePointer<UInt8>) -> Void) {
        guard written > 0 else { return }
        reserve(written)
        fill(base + count)
        count += written
    }

    /// A string's UTF-8 bytes.
    mutating func string(_ text: String) {
        // Read in place (`withUTF8` needs a mutable copy, retained and released at every write).
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { self.bytes($0) }
        if copied == nil {
            var text = text
            text.withUTF8 { self.bytes($0) }
        }
    }

    /// An integer's decimal digits, as `String(number)` writes them.
    mutating func int(_ number: Int) {
        reserve(21)
        if number < 0 {
            base[count] = UInt8(ascii: "-")
            count += 1
        }
        var rest = number.magnitude
        var digits = 1
        var limit: UInt = 10
        while rest >= limit, digits < 19 {
            digits += 1
            limit &*= 10
        }
        if rest >= limit { digits += 1 }
        var at = count + digits - 1
        repeat {
            base[at] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            at -= 1
        } while rest > 0
        count += digits
    }

    /// The last scalar written (the bytes written are valid UTF-8 and not empty).
    var lastScalar: Unicode.Scalar {
        var start = count - 1
        while start > 0 && base[start] & 0xC0 == 0x80 { start -= 1 }
        var iterator = UnsafeBufferPointer(start: base + start, count: count - start).makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return "\u{FFFD}" }
        return scalar
    }

    /// The bytes written, as a string; frees the buffer.
    mutating func finish() -> String {
        let text = String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
        discard()
        return text
    }

    /// The bytes written, as an array; frees the buffer.
    mutating func finishBytes() -> [UInt8] {
        let bytes = [UInt8](UnsafeBufferPointer(start: base, count: count))
        discard()
        return bytes
    }

    /// Frees the buffer; the writer is not used after it.
    mutating func discard() {
        base.deallocate()
        count = 0
        capacity = 0
    }
}
