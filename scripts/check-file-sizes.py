#!/usr/bin/env python3
"""Fails when a source file under src/ is longer than the house limit (600 lines).

A file that long holds more than one thing; split it by what users call things (see
docs/adr/0008-the-shape-of-an-area.md). Usage: check-file-sizes.py SRC_DIR [LIMIT]
"""
import pathlib
import sys


def main() -> int:
    src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src")
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 600
    sizes = []
    for path in sorted(src.rglob("*")):
        if path.suffix in (".h", ".cpp"):
            with path.open(encoding="utf-8") as f:
                sizes.append((sum(1 for _ in f), path.relative_to(src)))
    too_long = [(n, p) for n, p in sizes if n > limit]
    for n, p in too_long:
        print(f"{p}: {n} lines (limit {limit})")
    largest = max(sizes) if sizes else (0, "")
    print(f"file sizes: {len(sizes)} files, largest {largest[1]} with {largest[0]} lines, "
          f"{len(too_long)} over {limit}")
    return 1 if too_long else 0


if __name__ == "__main__":
    sys.exit(main())
