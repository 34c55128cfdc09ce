"""Merge a freshly exported .pot into zh_CN.po, keeping the translations already made."""

import sys

import polib


def merge(pot_path, po_path):
    pot = polib.pofile(pot_path)
    try:
        old = {(e.msgctxt, e.msgid): e for e in polib.pofile(po_path)}
    except OSError:
        old = {}
    po = polib.POFile(wrapwidth=pot.wrapwidth)
    po.metadata = dict(pot.metadata)
    po.metadata.update({"Language": "zh_CN", "Plural-Forms": "nplurals=1; plural=0;"})
    po.header = pot.header
    missing = 0
    for entry in pot:
        known = old.get((entry.msgctxt, entry.msgid))
        entry.msgstr = known.msgstr if known else ""
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        missing += not entry.msgstr
        po.append(entry)
    po.save(po_path)
    print(f"{po_path}: {len(po)} terms, {missing} untranslated")


if __name__ == "__main__":
    merge(sys.argv[1], sys.argv[2])
