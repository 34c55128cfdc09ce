"""Issue 19 §4: scripts/backup and scripts/restore. The test backs up the database the suite runs on (what is
committed: the installed addons and their demo), restores the archive into a new database and compares record
counts, ledger totals and the filestore."""

import os
import subprocess
import tempfile

import psycopg2

from odoo.sql_db import connection_info_for
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

SCRIPTS = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "scripts"))

FIGURES = [
    ("companies", "SELECT count(*) FROM res_company"),
    ("users", "SELECT count(*) FROM res_users"),
    ("regions", "SELECT count(*) FROM sgz_region"),
    ("stations", "SELECT count(*) FROM sgz_station"),
    ("workers", "SELECT count(*) FROM hr_employee"),
    ("payslips", "SELECT count(*), COALESCE(sum(net), 0) FROM sgz_payslip"),
    ("ledger", "SELECT kind, count(*), sum(amount) FROM sgz_budget_entry GROUP BY kind ORDER BY kind"),
    ("tenders", "SELECT count(*) FROM sgz_tender"),
    ("messages", "SELECT count(*) FROM mail_message"),
    ("attachments", "SELECT count(*) FROM ir_attachment WHERE store_fname IS NOT NULL"),
]


def figures(dbname):
    _name, info = connection_info_for(dbname)
    connection = psycopg2.connect(**info)
    try:
        with connection.cursor() as cr:
            result = {}
            for name, query in FIGURES:
                cr.execute(query)
                result[name] = cr.fetchall()
            return result
    finally:
        connection.close()


def files(folder):
    return sorted(
        os.path.relpath(os.path.join(root, name), folder)
        for root, _dirs, names in os.walk(folder)
        for name in names
    )


@tagged("post_install", "-at_install")
class TestBackupRestore(TransactionCase):
    def test_backup_restores(self):
        source = self.env.cr.dbname
        target = f"{source}_restored"
        env = dict(os.environ, SGZ_DATA_DIR=config["data_dir"])
        with tempfile.TemporaryDirectory() as folder:
            archive = os.path.join(folder, "sgz.tar")
            subprocess.run([os.path.join(SCRIPTS, "backup"), source, archive], env=env, check=True)
            try:
                subprocess.run([os.path.join(SCRIPTS, "restore"), archive, target], env=env, check=True)
                self.assertEqual(figures(target), figures(source))
                self.assertGreater(figures(target)["regions"][0][0], 2000)
                self.assertEqual(
                    files(os.path.join(config["data_dir"], "filestore", target)),
                    files(os.path.join(config["data_dir"], "filestore", source)),
                )
                # never over an existing database
                refused = subprocess.run(
                    [os.path.join(SCRIPTS, "restore"), archive, source],
                    env=env,
                    capture_output=True,
                    text=True,
                )
                self.assertNotEqual(refused.returncode, 0)
                self.assertIn("exists", refused.stderr)
            finally:
                subprocess.run(["dropdb", "--if-exists", target], env=env, check=False)
                subprocess.run(
                    ["rm", "-rf", os.path.join(config["data_dir"], "filestore", target)], check=False
                )
