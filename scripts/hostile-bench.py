#!/usr/bin/env python3
"""hostile-bench.py — linear time and bounded memory on inputs built to break them.

Usage: scripts/hostile-bench.py HOMEPORT_BINARY

Each case is generated at a size N and at 4N in a scratch folder and scanned once each
(`scan --format json --jobs 1`) under /usr/bin/time. Time is CPU time (user + system), which a
busy machine disturbs less than wall time. For a linear scan the 4N run takes about 4× the time and the memory above the process's floor grows at most 4×; the targets are ≤ 5× for both
(a quadratic scan would show 16×). Printed per case: CPU seconds and peak RSS at both sizes, the time
and memory ratios, and findings (which must be as generated: the scan is checked, not only timed).
Called by scripts/bench.sh (step 8, or alone with --hostile-only).
"""
import json
import os
import subprocess
import sys
import tempfile

TIME_TARGET = 5.0
MEMORY_TARGET = 5.0


def one_long_line(size):
    """A Python file that is one line of `size` bytes with one model ID at its end."""
    return "wide.py", "x = '" + "a" * size + "'; m = 'gpt-4o'\n", 1


def many_lines(language, lines):
    """`lines` lines of ordinary code, a model ID on every 1,000th."""
    forms = {
        "py": ("value_{i} = compute({i}, 'text')  # note\n", "m{i} = 'gpt-4o'\n"),
        "swift": ("let value{i} = compute({i}, \"text\") // note\n", "let m{i} = \"gpt-4o\"\n"),
        "c": ("int value_{i} = compute({i}, \"text\"); /* note */\n", "const char *m{i} = \"gpt-4o\";\n"),
    }[language]
    text = "".join(forms[1 if i % 1000 == 999 else 0].format(i=i) for i in range(lines))
    return "tall." + language, text, lines // 1000


def findings_on_one_line(count):
    """One line listing `count` short model IDs under a model name: a finding each."""
    return "list.py", "models = [" + ", ".join(['"o1"'] * count) + "]\n", count


def suppressed_lines(lines):
    """A model ID on every line, every other one silenced by a directive on its line."""
    text = "".join(
        f"m{i} = 'gpt-4o'  # homeport: ignore[openai-model]\n" if i % 2 else f"m{i} = 'gpt-4o'\n"
        for i in range(lines))
    return "suppressed.py", text, (lines + 1) // 2


CASES = [
    ("one line, one finding", "MB", 12_500_000, one_long_line),
    ("Python, a finding per 1,000 lines", "lines", 125_000, lambda n: many_lines("py", n)),
    ("Swift, a finding per 1,000 lines", "lines", 125_000, lambda n: many_lines("swift", n)),
    ("C, a finding per 1,000 lines", "lines", 125_000, lambda n: many_lines("c", n)),
    ("findings on one line", "findings", 60_000, findings_on_one_line),
    ("suppressions on every other line", "lines", 125_000, suppressed_lines),
]


def run(binary, folder, name):
    out = os.path.join(folder, "report.json")
    timing = subprocess.run(
        ["/usr/bin/time", "-f", "%U %S %M", binary, "scan", "--format", "json", "--jobs", "1",
         "--output", out, "--", name],
        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if timing.returncode not in (0, 1):
        sys.exit(f"hostile-bench: {name}: homeport exited {timing.returncode}: {timing.stderr.strip()}")
    user, system, kilobytes = timing.stderr.strip().splitlines()[-1].split()
    seconds = float(user) + float(system)
    with open(out) as fh:
        findings = len(json.load(fh)["findings"])
    return seconds, int(kilobytes), findings


def floor_kilobytes(binary, folder):
    """The peak RSS of scanning a one-line file: what every run pays before its input."""
    path = os.path.join(folder, "floor.py")
    with open(path, "w") as fh:
        fh.write("m = 'gpt-4o'\n")
    return run(binary, folder, "floor.py")[1]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip().splitlines()[2])
    binary = os.path.abspath(sys.argv[1])
    failed = False
    with tempfile.TemporaryDirectory(prefix="homeport-hostile.") as folder:
        floor = floor_kilobytes(binary, folder)
        print(f"\nHostile inputs (--jobs 1; each case at N and 4N; floor RSS {floor / 1024:.1f} MB)")
        print(f"{'case':36s} {'N':>11s} {'cpu s':>7s} {'4N s':>7s} {'time×':>6s} "
              f"{'MB':>7s} {'4N MB':>7s} {'mem×':>6s} {'findings 4N':>11s}")
        for title, unit, size, make in CASES:
            measured = []
            for n in (size, 4 * size):
                name, text, expected = make(n)
                with open(os.path.join(folder, name), "w") as fh:
                    fh.write(text)
                del text
                seconds, kilobytes, findings = run(binary, folder, name)
                os.remove(os.path.join(folder, name))
                if findings != expected:
                    print(f"hostile-bench: {title} at {n}: {findings} findings, expected {expected}", file=sys.stderr)
                    failed = True
                measured.append((n, seconds, kilobytes, findings))
            (n1, s1, k1, _), (n4, s4, k4, f4) = measured
            time_ratio = s4 / max(s1, 0.01)
            memory_ratio = max(k4 - floor, 1) / max(k1 - floor, 1)
            shown = f"{n1 / 1e6:.1f} MB" if unit == "MB" else f"{n1:,} {unit}"
            verdict = "" if time_ratio <= TIME_TARGET and memory_ratio <= MEMORY_TARGET else "  over target"
            failed |= bool(verdict)
            print(f"{title:36s} {shown:>11s} {s1:7.2f} {s4:7.2f} {time_ratio:6.2f} "
                  f"{k1 / 1024:7.1f} {k4 / 1024:7.1f} {memory_ratio:6.2f} {f4:11,d}{verdict}")
    print(f"targets: time× <= {TIME_TARGET} and mem× (above the floor) <= {MEMORY_TARGET} (linear: 4)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
