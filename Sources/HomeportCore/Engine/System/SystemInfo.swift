// What the process needs to know about its machine and environment, from libc.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum SystemInfo {
    /// The value of environment variable `name`.
    public static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The processors this process may run on: its CPU affinity mask (what `taskset` or a
    /// container's cpuset allows), else the online processors; at least 1.
    public static var activeProcessorCount: Int {
        #if os(Linux)
        if let getAffinity = schedGetaffinity {
            var mask = [UInt8](repeating: 0, count: 128)  // glibc's cpu_set_t: 1,024 processors
            if getAffinity(0, mask.count, &mask) == 0 {
                let count = mask.reduce(0) { $0 + $1.nonzeroBitCount }
                if count > 0 { return count }
            }
        }
        #endif
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }

    #if os(Linux)
    /// `sched_getaffinity`, which the Glibc module does not export (it needs _GNU_SOURCE).
    private typealias SchedGetaffinity = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
    private static let schedGetaffinity = libcFunction("sched_getaffinity", as: SchedGetaffinity.self)
    #endif

    /// A libc function the Glibc module does not export (GNU extensions need _GNU_SOURCE), looked
    /// up by name; nil on a libc without it. `Function` must be its `@convention(c)` type.
    static func libcFunction<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }
}
