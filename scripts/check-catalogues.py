#!/usr/bin/env python3
"""Checks the gettext catalogues in locales/<lang>/<area>.po before they are merged.

The build merges every area's catalogue of a language into one, and the first translation of a
msgid wins. So a msgid translated differently in two areas would show one area's words in the
other's pages. This check fails when:
  - the same msgid has different translations in two catalogues of one language;
  - a bokmål or nynorsk msgstr is empty (English may be empty: the msgid is the English text);
  - a catalogue of one language has msgids that the same area's bokmål catalogue lacks.
Usage: scripts/check-catalogues.py [locales directory]
"""
import pathlib
import re
import sys


def parse(path):
    """Returns {msgid: msgstr} of a .po file (msgctxt and plurals are not used here)."""
    entries, key, current, field = {}, None, {}, None
    def flush():
        if "msgid" in current and current["msgid"] != "":
            entries[current["msgid"]] = current.get("msgstr", "")
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            if current:
                flush()
                current = {}
            continue
        m = re.match(r'^(msgid|msgstr)\s+"(.*)"$', line)
        if m:
            if m.group(1) == "msgid" and current:
                flush()
                current = {}
            field = m.group(1)
            current[field] = bytes(m.group(2), "utf-8").decode("unicode_escape").encode(
                "latin-1").decode("utf-8")
        elif line.startswith('"') and field:
            current[field] += bytes(line[1:-1], "utf-8").decode("unicode_escape").encode(
                "latin-1").decode("utf-8")
    if current:
        flush()
    return entries


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "locales")
    problems = []
    catalogues = {}
    for po in sorted(root.glob("*/*.po")):
        catalogues[(po.parent.name, po.stem)] = parse(po)
    for lang in sorted({lang for lang, _ in catalogues}):
        seen = {}
        for (l, area), entries in sorted(catalogues.items()):
            if l != lang:
                continue
            for msgid, msgstr in entries.items():
                if lang == "en" and msgstr == "":
                    msgstr = msgid  # the English msgid is its own translation
                if lang != "en" and msgstr == "":
                    problems.append(f"{lang}/{area}.po: no translation for {msgid!r}")
                if msgid in seen and seen[msgid][1] != msgstr:
                    problems.append(f"{lang}: {msgid!r} is {seen[msgid][1]!r} in "
                                    f"{seen[msgid][0]}.po but {msgstr!r} in {area}.po")
                seen.setdefault(msgid, (area, msgstr))
            nb = catalogues.get(("nb", area), {})
            missing = [m for m in entries if m not in nb]
            for msgid in missing:
                problems.append(f"{lang}/{area}.po: {msgid!r} is missing in nb/{area}.po")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} catalogue problem(s)")
        return 1
    print(f"catalogues ok: {len(catalogues)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
