import os

from odoo.modules.module import get_manifest, get_module_path
from odoo.tests import BaseCase, tagged
from odoo.tools import parse_version


@tagged("post_install", "-at_install", "sgz_hr")
class TestModule(BaseCase):
    def test_no_migration_above_the_manifest(self):
        """Odoo runs a migration script when the module is upgraded to its folder's version: a folder above the
        manifest's version never runs (issue 19, point 4; the 18.0.2.0.0 script, written for a schema no
        database ever lacked, was removed)."""
        version = parse_version(get_manifest("sgz_hr")["version"])
        folder = os.path.join(get_module_path("sgz_hr"), "migrations")
        versions = os.listdir(folder) if os.path.isdir(folder) else []
        self.assertEqual([name for name in versions if parse_version(name) > version], [])
