#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/Targets.swift with HomeportCore's sources and the LSP framing,
# under -sanitize=fuzzer,address) and runs them, seeded from Fixtures/, rules/ and catalog/.
#   scripts/fuzz.sh [TARGET|all] [SECONDS]    default: all targets, 20 seconds each
# Targets: python swift clang notebook config yaml toml json pattern glob lsp. Everything it writes is under .build/fuzz/:
# the binary, seeds, the corpus kept between runs, and crash or hang inputs (artifacts/TARGET/).
# Prints one summary line per target; exits 1 if a target crashed or hung, 2 on a usage error.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(python swift clang notebook config yaml toml json pattern glob lsp)
which=${1:-all}
seconds=${2:-20}
if [[ $which != all && " ${targets[*]} " != *" $which "* ]] || [[ ! $seconds =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/fuzz.sh [all|${targets[*]// /|}] [SECONDS]" >&2
    exit 2
fi
[[ $which == all ]] || targets=("$which")

out=.build/fuzz
binary=$out/homeport-fuzz
mkdir -p "$out"

# libclang's headers, as Package.swift finds them (Debian/Ubuntu: libclang-dev).
include=${HOMEPORT_LIBCLANG_INCLUDE:-}
if [[ -z $include ]]; then
    for tool in llvm-config $(compgen -c llvm-config- | sort -t- -k3 -n -r); do
        dir=$("$tool" --includedir 2>/dev/null) || continue
        [[ -f $dir/clang-c/Index.h ]] && { include=$dir; break; }
    done
fi
[[ -n $include ]] || include=$(dirname "$(ls -d /usr/lib/llvm-*/include/clang-c 2>/dev/null | sort -V | tail -1)")

sources=(Fuzz/Targets.swift Sources/HomeportLSP/Transport/MessageReader.swift)
while IFS= read -r file; do sources+=("$file"); done < <(find Sources/HomeportCore -name '*.swift' | sort)
# The prefilter's C target (CHomeportSIMD): compiled here with the same sanitizers, its header given a
# module map as SwiftPM gives it one.
simd_sources=(Sources/CHomeportSIMD/PairSearch.c Sources/CHomeportSIMD/include/HomeportSIMD.h)
# One build at a time: a second run started meanwhile waits for it and then finds the binary current.
exec 9>"$out/build.lock"
flock 9
if [[ ! -x $binary ]] || [[ -n $(find "${sources[@]}" "${simd_sources[@]}" -newer "$binary" 2>/dev/null) ]]; then
    echo "fuzz: building $binary" >&2
    mkdir -p "$out/CHomeportSIMD"
    printf 'module CHomeportSIMD {\n    header "%s"\n    export *\n}\n' \
        "$PWD/Sources/CHomeportSIMD/include/HomeportSIMD.h" > "$out/CHomeportSIMD/module.modulemap"
    clang -O2 -fsanitize=fuzzer-no-link,address -I Sources/CHomeportSIMD/include \
        -c Sources/CHomeportSIMD/PairSearch.c -o "$out/PairSearch.o" 2>"$out/build.log" \
        || { cat "$out/build.log" >&2; exit 1; }
    swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name HomeportFuzz \
        -I Sources/CClang -I "$out/CHomeportSIMD" -Xcc -I"$include" "${sources[@]}" "$out/PairSearch.o" \
        -o "$binary.tmp" 2>"$out/build.log" \
        || { cat "$out/build.log" >&2; exit 1; }
    mv "$binary.tmp" "$binary"
fi
flock -u 9

# Seeds: real files per target, and hand-written ones where the input is two parts split by NUL.
seed() {  # seed TARGET NAME CONTENT
    printf '%b' "$3" > "$out/seeds/$1/$2"
}
for target in "${targets[@]}"; do rm -rf "$out/seeds/$target"; mkdir -p "$out/seeds/$target" "$out/corpus/$target" "$out/artifacts/$target"; done
for target in "${targets[@]}"; do
    case $target in
        python) find Fixtures/python -type f -exec cp {} "$out/seeds/python/" \; ;;
        swift) find Fixtures/swift -type f -exec cp {} "$out/seeds/swift/" \; ;;
        clang) find Fixtures/c Fixtures/cpp Fixtures/objc -type f -exec cp {} "$out/seeds/clang/" \; ;;
        notebook) find Fixtures/notebook -name '*.ipynb' -exec cp {} "$out/seeds/notebook/" \; ;;
        config)
            # The first byte picks the kind (byte % 3: `0` dotenv, `1` YAML, `2` TOML), the rest is the file.
            index=0
            for kind in dotenv yaml toml; do
                while IFS= read -r -d '' file; do
                    { printf '%s' "$index"; cat "$file"; } > "$out/seeds/config/$kind-$(basename "$file")"
                done < <(find "Fixtures/$kind" -type f ! -name 'expected-*' -print0)
                index=$((index + 1))
            done ;;
        yaml)
            cp rules/*.yml catalog/*.yml "$out/seeds/yaml/"
            seed yaml flow '{a: [1, "two", '"'"'three'"'"'], b: {c: ~}}\n'
            seed yaml block 'key: |\n  literal\n  text\nother: >-\n  folded\n  text\nlist:\n  - &a x\n  - *a\n'
            seed yaml documents '---\na: 1\n...\n---\n- "\\u00e9\\x41"\n# comment\n' ;;
        toml)
            cp /dev/null "$out/seeds/toml/empty"
            seed toml tables '# head\r\n[a.b]\nx = 1\n[[c]]\nd.e = "\\u00e9"\n[[c]]\nf = { g = [1, 2.5e3, {h = 0x1F}], i = true }\n'
            seed toml strings 'a = """\nx \\\n  y"""\nb = '"'lit'"'\nc = '"'"'C:\\x'"'"'\n"q k".'"'"'l'"'"' = "\\U0001F600"\n'
            seed toml dates 'a = 1979-05-27T07:32:00.999999-07:00\nb = 1979-05-27 07:32:00Z\nc = 07:32:00\nd = 2000-02-29\ne = [inf, -nan, +0o17, 0b1_0]\n' ;;
        json)
            cp Tests/SARIFValidation/sarif-schema-2.1.0.json scripts/editors/vscode/settings.json "$out/seeds/json/"
            seed json numbers '[0, -0, 1e308, -1.5E-3, 9223372036854775807, -9223372036854775808, 1e400]'
            seed json strings '{"a": "\\ud83d\\ude00\\n\\u0000", "b": [true, false, null, {}]}' ;;
        pattern)
            n=0
            while IFS= read -r pattern; do
                n=$((n + 1)); printf '%s\0gpt-4o-mini-2024-07-18' "$pattern" > "$out/seeds/pattern/rule-$n"
            done < <(sed -n "s/^ *\(pattern\|regex\): *'\(.*\)'$/\2/p" rules/*.yml)
            seed pattern classes '[^:\\s"]{2,}(?:-\\d{4})?|x.+?y$\0::x:y'
            seed pattern escapes '\\u{1F600}\\x41\\u0042\\.*\0😀AB.' ;;
        glob)
            seed glob double '**/*.py\0src/pkg/a.py'
            seed glob classes 'src/[a-z]?/*_pb2.{py,pyi}\0src/b/x_pb2.py'
            seed glob plain 'vendor\0vendor/lib/x.c' ;;
        lsp)
            seed lsp one 'Content-Length: 52\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","x":1}'
            seed lsp two 'content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}Content-Length: 3\r\n\r\n[1]'
            seed lsp bad 'Content-Length: x\r\n\r\nContent-Length: 2\r\n\r\n{}' ;;
    esac
done

status=0
for target in "${targets[@]}"; do
    log=$out/$target.log
    start=$SECONDS
    # Leak checking is off: libclang keeps caches for the process's life; a growing heap still trips -rss_limit_mb.
    HOMEPORT_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0:symbolize=1 \
        "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
        -artifact_prefix="$out/artifacts/$target/" "$out/corpus/$target" "$out/seeds/$target" >"$log" 2>&1 </dev/null \
        && result=clean || { result="FAILED (see $log and $out/artifacts/$target/)"; status=1; }
    stats=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$stats")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$stats")
    corpus=$(ls "$out/corpus/$target" | wc -l)
    echo "fuzz $target: $((SECONDS - start)) s, ${execs:-?} executions, cov ${cov:-?}, ft ${ft:-?}, corpus $corpus: $result"
done
exit $status
