// Loading a shared library at run time with dlopen (libclang, libcurl): the library is not linked,
// so `homeport` starts where it is not installed and only the work that needs it says so.

#if canImport(Glibc)
import Glibc
#endif

/// An opened library's symbols, for the initializer of the type that wraps it.
public struct DynamicLibrary {
    /// A symbol the library lacks (too old a version, or another library under the same name).
    public struct MissingSymbol: Error {
        public var name: String
    }

    /// Why no candidate could be used: the paths tried, and the symbol the last one lacked.
    public struct Failure: Error {
        public var tried: [String]
        public var missingSymbol: String?
    }

    let handle: UnsafeMutableRawPointer

    /// The function `name`, as the C function type `type`.
    public func symbol<T>(_ name: String, as type: T.Type) throws(MissingSymbol) -> T {
        guard let pointer = dlsym(handle, name) else { throw MissingSymbol(name: name) }
        return unsafeBitCast(pointer, to: type)
    }

    /// `override` alone when it is set and not empty (`HOMEPORT_LIBCLANG`, `HOMEPORT_LIBCURL`), else
    /// the usual names in the order they are tried.
    public static func candidates(override: String?, defaults: [String]) -> [String] {
        if let override, !override.isEmpty { return [override] }
        return defaults
    }

    /// The first of `candidates` that dlopen opens, wrapped by `make`. A library that lacks a symbol
    /// ends the search: it is what the system calls by that name, and a later candidate would hide it.
    public static func load<Library>(_ candidates: [String],
                                     _ make: (DynamicLibrary) throws(MissingSymbol) -> Library) -> Result<Library, Failure> {
        var tried: [String] = []
        for path in candidates {
            tried.append(path)
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else { continue }
            do {
                return .success(try make(DynamicLibrary(handle: handle)))
            } catch {
                dlclose(handle)
                return .failure(Failure(tried: tried, missingSymbol: error.name))
            }
        }
        return .failure(Failure(tried: tried))
    }
}
