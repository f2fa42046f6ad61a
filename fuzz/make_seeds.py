#!/usr/bin/env python3
"""Seeds for the workbook targets, made from real workbooks (scripts/fuzz.sh runs this on specs/*.xlsx).

    make_seeds.py OUT_DIR WORKBOOK...

For each workbook it writes into OUT_DIR/workbook/ the file with a selector byte in front (0: read as
.xlsx, 5: no extension, the format sniffed), and into OUT_DIR/workbook_parts/ its parts in the
`workbook_parts` input format (see fuzz/src/workbook.rs: parts separated by NUL, each `name\\n` then
its content): the whole package (unless it is over 64 KiB), and one package per worksheet (the workbook cut down to that sheet),
which are small enough for mutations to matter: its strings are inlined (`t="inlineStr"`) and the
shared strings left out, so that a mutation of a cell's text is a mutation of the cell. The theme and document properties are left out: the
reader does not need them.
"""

import os
import re
import sys
import zipfile

SKIPPED = ("xl/theme/", "docProps/")
# A whole package larger than this is left out of workbook_parts: each run of it takes seconds.
MAX_WHOLE = 64 * 1024


def parts_input(parts):
    return b"\0".join(name.encode() + b"\n" + data for name, data in parts)


def inline_strings(sheet, strings):
    """The sheet with its shared-string cells as inline strings, so that it stands alone."""

    def inline(match):
        index = int(match.group(2))
        if index >= len(strings):
            return match.group(0)
        return f'<c{match.group(1)} t="inlineStr"><is>{strings[index]}</is></c>'

    return re.sub(r'<c([^>]*?) t="s"><v>(\d+)</v></c>', inline, sheet)


def main():
    out, workbooks = sys.argv[1], sys.argv[2:]
    for sub in ("workbook", "workbook_parts"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    for path in workbooks:
        stem = os.path.splitext(os.path.basename(path))[0]
        raw = open(path, "rb").read()
        for selector in (0, 5):
            with open(os.path.join(out, "workbook", f"{stem}-{selector}"), "wb") as f:
                f.write(bytes([selector]) + raw)
        with zipfile.ZipFile(path) as z:
            parts = [(i.filename, z.read(i)) for i in z.infolist() if not i.filename.startswith(SKIPPED)]
        whole = parts_input(parts)
        if len(whole) <= MAX_WHOLE:
            with open(os.path.join(out, "workbook_parts", stem), "wb") as f:
                f.write(whole)
        # One package per sheet: workbook.xml keeps that sheet's <sheet/> element only, and only that
        # sheet's part is kept (the relationships to the others stay, unread).
        named = dict(parts)
        workbook = named.get("xl/workbook.xml", b"").decode()
        rels = named.get("xl/_rels/workbook.xml.rels", b"").decode()
        targets = dict(re.findall(r'<Relationship Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
        targets.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="([^"]+)"', rels)})
        strings = re.findall(r"<si>(.*?)</si>", named.get("xl/sharedStrings.xml", b"").decode(), flags=re.S)
        sheets = re.findall(r"<sheet [^>]*/>", workbook)
        for index, sheet in enumerate(sheets, 1):
            rid = re.search(r'r:id="([^"]+)"', sheet)
            target = targets.get(rid.group(1)) if rid else None
            if not target:
                continue
            target = target.lstrip("/")
            target = target if target.startswith("xl/") else "xl/" + target
            cut = re.sub(r"<sheets>.*</sheets>", "<sheets>" + sheet + "</sheets>", workbook, flags=re.S)
            kept = []
            for name, data in parts:
                if name == "xl/workbook.xml":
                    data = cut.encode()
                elif name == target:
                    data = inline_strings(data.decode(), strings).encode()
                elif name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml":
                    continue
                kept.append((name, data))
            with open(os.path.join(out, "workbook_parts", f"{stem}-sheet{index}"), "wb") as f:
                f.write(parts_input(kept))


if __name__ == "__main__":
    main()
