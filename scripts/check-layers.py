#!/usr/bin/env python3
"""Fails when a source file includes a header of a layer above its own.

The layers, lowest first, are those of CMakeLists.txt: each may include only itself and the
layers listed for it here. http is transport only and knows nothing of the domain. Usage:
check-layers.py SRC_DIR
"""
import pathlib
import re
import sys

ALLOWED = {
    "resources": {"resources"},
    "domain": {"domain", "resources"},
    "storage": {"storage", "domain", "resources"},
    "services": {"services", "storage", "domain", "resources"},
    "http": {"http", "resources"},
    "web": {"web", "http", "services", "storage", "domain", "resources"},
    "app": {"app", "web", "http", "services", "storage", "domain", "resources"},
    "cli": {"cli", "app", "web", "http", "services", "storage", "domain", "resources"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/[^"]+"', re.MULTILINE)


def main() -> int:
    src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src")
    problems = []
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".h", ".cpp"):
            continue
        layer = path.relative_to(src).parts[0]
        if layer not in ALLOWED:
            problems.append(f"{path}: not in a known layer ({', '.join(ALLOWED)})")
            continue
        text = path.read_text(encoding="utf-8")
        for match in INCLUDE.finditer(text):
            target = match.group(1)
            if target not in ALLOWED[layer]:
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path}:{line}: {layer} may not include {target}/ "
                                f"(allowed: {', '.join(sorted(ALLOWED[layer]))})")
    for problem in problems:
        print(problem)
    if problems:
        print(f"layers: {len(problems)} upward include(s)")
        return 1
    print(f"layers ok: {src}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
