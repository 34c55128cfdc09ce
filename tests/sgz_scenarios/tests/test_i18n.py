import os

import polib

from odoo.tests import BaseCase, tagged
from odoo.tools.misc import file_path

MODULES = ("sgz_base", "sgz_procurement", "sgz_hr", "sgz_reporting")


@tagged("post_install", "-at_install", "sgz_i18n")
class TestChineseFirst(BaseCase):
    """Every term of the .pot has a zh_CN translation, and the .po has nothing stale."""

    def test_every_term_translated(self):
        for module in MODULES:
            pot_path = file_path(f"{module}/i18n/{module}.pot")
            po_path = file_path(f"{module}/i18n/zh_CN.po")
            with self.subTest(module=module):
                self.assertTrue(os.path.exists(pot_path) and os.path.exists(po_path))
                pot = {(e.msgctxt, e.msgid) for e in polib.pofile(pot_path)}
                po = polib.pofile(po_path)
                untranslated = [e.msgid for e in po if not e.msgstr and not e.obsolete]
                self.assertFalse(untranslated, f"{module}: untranslated terms")
                missing = pot - {(e.msgctxt, e.msgid) for e in po}
                self.assertFalse(missing, f"{module}: terms of the .pot missing from zh_CN.po")
                fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
                self.assertFalse(fuzzy, f"{module}: fuzzy translations")
