"""Two real database transactions, for tests of what happens when two users act at the same moment.

The test transaction of a ``TransactionCase`` is invisible to other connections, so these tests build their
data in a committed transaction of their own (``committed``), act from two cursors (``two_envs``), and remove
what they committed at the end (the test database is dropped after the run anyway).

    class TestSameMoment(ConcurrencyCase):
        def test_confirm_twice(self):
            with self.committed() as env:
                run_id = env["sgz.example.run"].create({...}).id
            with self.two_envs(user_a, user_b) as (env_a, env_b):
                env_a["sgz.example.run"].browse(run_id).action_confirm()      # holds the row lock
                with self.assertRaises(UserError) as caught:
                    env_b["sgz.example.run"].browse(run_id).action_confirm()  # refused at once
                self.assertRegex(str(caught.exception), "其他用户")            # ...and says why
"""

from contextlib import contextmanager

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name


class ConcurrencyCase(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.cleanups = []  # SQL statements run at the end, in reverse order

    @classmethod
    def tearDownClass(cls):
        with cls.registry.cursor() as cr:
            for statement, params in reversed(cls.cleanups):
                cr.execute(statement, params)
        super().tearDownClass()

    @contextmanager
    def committed(self, uid=SUPERUSER_ID, context=None):
        """An environment whose changes are committed when the ``with`` ends."""
        with self.registry.cursor() as cr:
            yield api.Environment(cr, uid, dict(context or {}, lang="zh_CN"))

    @contextmanager
    def two_envs(self, uid_a, uid_b, context=None):
        """Two environments on two open transactions; ``env_a`` commits at the end, ``env_b`` rolls back."""
        cr_a = self.registry.cursor()
        cr_b = self.registry.cursor()
        try:
            ctx = dict(context or {}, lang="zh_CN")
            yield api.Environment(cr_a, uid_a, ctx), api.Environment(cr_b, uid_b, ctx)
            cr_a.commit()
        finally:
            cr_b.rollback()
            cr_b.close()
            cr_a.rollback()
            cr_a.close()

    def cleanup_sql(self, statement, params=()):
        type(self).cleanups.append((statement, params))
