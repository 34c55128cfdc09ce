"""Fill empty msgstr of zh_CN.po files from a Python dict file (msgid → Chinese); used while translating.

    scripts/i18n_apply.py translations.py addons/sgz_base/i18n/zh_CN.po [...]
Prints the msgids still untranslated."""

import runpy
import sys

import polib


def apply(table, po_path):
    po = polib.pofile(po_path)
    left = []
    for entry in po:
        if not entry.msgstr:
            if entry.msgid in table:
                entry.msgstr = table[entry.msgid]
            else:
                left.append(entry.msgid)
    po.save(po_path)
    return left


if __name__ == "__main__":
    table = runpy.run_path(sys.argv[1])["T"]
    for path in sys.argv[2:]:
        for msgid in apply(table, path):
            print(f"{path}: untranslated: {msgid!r}")
