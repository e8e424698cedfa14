#!/usr/bin/env python3
"""Checks a notebook `homeport fix` rewrote against the original, with Python's json.

usage: check-fixed-notebook.py ORIGINAL FIXED
Exit 0 when FIXED is valid JSON, equal to ORIGINAL except in code cells' `source`, with the same
number of lines, and every changed line a line of a code cell's source (so indentation, key order,
outputs and markdown cells are byte-identical). Otherwise prints what differs and exits 1.
"""
import json
import sys


def main(original_path, fixed_path):
    original_bytes = open(original_path, "rb").read()
    fixed_bytes = open(fixed_path, "rb").read()
    bom = b"\xef\xbb\xbf"
    original_text = original_bytes.decode("utf-8-sig")
    fixed_text = fixed_bytes.decode("utf-8-sig")
    original = json.loads(original_text)
    fixed = json.loads(fixed_text)  # raises on invalid JSON
    problems = []
    if original_bytes.startswith(bom) != fixed_bytes.startswith(bom):
        problems.append("byte-order mark added or removed")
    if original_text.count("\r\n") != fixed_text.count("\r\n"):
        problems.append("line endings changed")
    if len(original["cells"]) != len(fixed["cells"]):
        problems.append("cell count changed")
    for index, (before, after) in enumerate(zip(original["cells"], fixed["cells"])):
        if before["cell_type"] != "code" and before != after:
            problems.append(f"cell {index + 1} ({before['cell_type']}) changed")
        rest_before = {k: v for k, v in before.items() if k != "source"}
        rest_after = {k: v for k, v in after.items() if k != "source"}
        if rest_before != rest_after:
            problems.append(f"cell {index + 1}: something besides its source changed")
        if type(before.get("source")) is not type(after.get("source")):
            problems.append(f"cell {index + 1}: source changed form")
        if isinstance(before.get("source"), list) and len(before["source"]) != len(after["source"]):
            problems.append(f"cell {index + 1}: source list changed length")
    if {k: v for k, v in original.items() if k != "cells"} != {k: v for k, v in fixed.items() if k != "cells"}:
        problems.append("notebook metadata changed")
    before_lines = original_text.split("\n")
    after_lines = fixed_text.split("\n")
    if len(before_lines) != len(after_lines):
        problems.append("line count changed")
    in_source_list = False
    for number, (b, a) in enumerate(zip(before_lines, after_lines), start=1):
        stripped = b.strip()
        is_source_line = in_source_list or stripped.startswith('"source": "') or stripped.startswith('"source": [')
        if stripped.startswith('"source": [') and not stripped.rstrip(",").endswith("]"):
            in_source_list = True  # a list over several lines; `"source": ["a", "b"]` is one line
        elif in_source_list and stripped.startswith("]"):
            in_source_list = False
            is_source_line = False
        if b == a:
            continue
        if not is_source_line:
            problems.append(f"line {number} changed outside a source string: {b!r} -> {a!r}")
        if len(b) - len(b.lstrip()) != len(a) - len(a.lstrip()):
            problems.append(f"line {number}: indentation changed")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
