import ast
import os
import re

from odoo.modules.module import get_module_path
from odoo.tests import BaseCase, TransactionCase, tagged

# The dependency chain of ARCHITECTURE.md: each addon may use only those to its left.
CHAIN = ["sgz_base", "sgz_procurement", "sgz_hr", "sgz_reporting"]


def _sources(module):
    root = get_module_path(module)
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith((".py", ".xml", ".js", ".csv")):
                yield os.path.join(folder, name)


@tagged("post_install", "-at_install")
class TestDependencyChain(BaseCase):
    def test_nothing_lower_references_higher(self):
        for level, module in enumerate(CHAIN):
            higher = CHAIN[level + 1 :]
            if not higher:
                continue
            pattern = re.compile(r"\b({})\b".format("|".join(higher)))
            for path in _sources(module):
                with open(path, encoding="utf-8") as source:
                    text = source.read()
                with self.subTest(path=path):
                    self.assertIsNone(pattern.search(text), f"{path} references a higher addon")

    def test_manifests(self):
        for level, module in enumerate(CHAIN):
            with open(os.path.join(get_module_path(module), "__manifest__.py"), encoding="utf-8") as manifest:
                data = ast.literal_eval(manifest.read())
            with self.subTest(module=module):
                self.assertEqual(data["version"], "18.0.1.0.0")
                self.assertEqual(data["license"], "LGPL-3")
                if level:
                    self.assertIn(CHAIN[level - 1], data["depends"])


@tagged("post_install", "-at_install")
class TestSuiteInstalled(TransactionCase):
    def test_all_addons_installed_with_chinese(self):
        modules = self.env["ir.module.module"].search([("name", "in", CHAIN)])
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 4)
        self.assertTrue(self.env["res.lang"]._lang_get("zh_CN").active)
