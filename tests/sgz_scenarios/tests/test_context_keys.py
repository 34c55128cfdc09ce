"""Issue 15 §1 (end): every ``self.env.context`` value an sgz method reads, listed, each with the proof that a client
sending it changes no decision (or the reason it is not read from the client at all).

The list is checked against the source: a new context read in any sgz addon fails ``test_every_key_is_listed``
until it is added here with its proof.
"""

import os
import re

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from .test_architecture import ADDONS_DIR, sgz_addons

# key → where the proof is
KEYS = {
    # sgz_base/models/ir_rule.py: set by the rule computation itself for every mode, the client's value overwritten
    "sgz_rules_read_all": "TestContextKeys.test_rules_read_all_is_not_the_clients",
    # ir_rule._eval_context: the rule evaluation's own dictionary is written there, not read from the client
    "company_ids": "ir_rule._eval_context (written, not read)",
    # sgz_procurement reprocure wizard: a default only; the confirmation checks write access and state.
    # sgz_budget execution report lines' export button: the report of the list shown, read with the user's rights
    # (another user's report is refused: sgz_budget test_report_views test_menu_opens_options_dialog_then_read_only_lines)
    "active_id": "TestContextKeys.test_active_id_is_only_a_default",
    # sgz_budget: the date of the figures shown (decisions use the document's date), see sgz_budget's tests
    "sgz_as_of": "sgz_budget TestAsOfIsOnlyForReading (figures as of a date; decisions read today's ledger)",
    # sgz_budget: read only while a test runs (modules.module.current_test), never in production
    "sgz_budget_log_refusal": "read under current_test only",
    # sgz_base/models/mail_thread.py TRACE_KEYS: dropped for every sgz document (the trace is not the client's)
    "tracking_disable": "sgz_test_mixins TestContextIsClientInput / mail_thread TRACE_KEYS",
    "mail_notrack": "idem",
    "mail_create_nolog": "idem",
    # sgz_base/models/sgz_lock_mixin.py: default_<field> values are checked as sent values
    "default_*": "sgz_test_mixins TestContextIsClientInput",
}

READ = re.compile(
    r"""context\.get\(\s*["']([a-z_]+)["']|context\[\s*["']([a-z_]+)["']\s*\]|["']([a-z_]+)["']\s+in\s+self\.env\.context"""
)


@tagged("post_install", "-at_install")
class TestContextKeys(TransactionCase):
    def test_every_key_is_listed(self):
        found = {}
        for addon in sgz_addons():
            for root, _dirs, files in os.walk(os.path.join(ADDONS_DIR, addon)):
                if "tests" in root.split(os.sep):
                    continue
                for name in files:
                    if not name.endswith(".py"):
                        continue
                    path = os.path.join(root, name)
                    with open(path, encoding="utf-8") as source:
                        for match in READ.finditer(source.read()):
                            key = next(group for group in match.groups() if group)
                            found.setdefault(key, os.path.relpath(path, ADDONS_DIR))
        unlisted = {key: path for key, path in found.items() if key not in KEYS}
        self.assertFalse(unlisted, f"context keys read without a proof in this file: {unlisted}")

    def test_rules_read_all_is_not_the_clients(self):
        """Reading follows every organization of the user; writing, creating and deleting only the active ones.
        A client sending ``sgz_rules_read_all`` (true or false) gets the same rules as one that does not."""
        providers = self.env["res.company"].search([("sgz_kind", "=", "provider")], limit=2)
        self.assertEqual(len(providers), 2)
        user = new_test_user(
            self.env,
            login="hr_two_providers",
            groups="sgz_base.sgz_base_group_provider_hr",
            company_id=providers[0].id,
            company_ids=[Command.set(providers.ids)],
        )
        Rule = self.env["ir.rule"].with_user(user).with_context(allowed_company_ids=providers[:1].ids)
        for model in ("sgz.station", "hr.employee", "sgz.filing"):
            for mode in ("read", "write", "create", "unlink"):
                with self.subTest(model=model, mode=mode):
                    plain = Rule._compute_domain(model, mode)
                    for sent in (True, False):
                        self.assertEqual(
                            Rule.with_context(sgz_rules_read_all=sent)._compute_domain(model, mode), plain
                        )

    def test_active_id_is_only_a_default(self):
        """The reprocure wizard takes its tender from ``active_id``; a client pointing it at a tender of another
        county (or sending ``tender_id`` itself) is refused at the confirmation, and nothing is created."""
        tender = self.env["sgz.tender"].search([], limit=1)
        self.assertTrue(tender, "the demo has a tender")
        other = self.env["res.users"].search(
            [
                ("groups_id", "in", self.env.ref("sgz_base.sgz_base_group_county_officer").id),
                ("company_id", "!=", tender.company_id.id),
                ("company_id.sgz_kind", "=", "county"),
            ],
            limit=1,
        ) or new_test_user(
            self.env,
            login="officer_other_county",
            groups="sgz_base.sgz_base_group_county_officer",
            company_id=self.env["res.company"]
            .search([("sgz_kind", "=", "county"), ("id", "!=", tender.company_id.id)], limit=1)
            .id,
        )
        before = self.env["sgz.tender"].search_count([])
        Wizard = self.env["sgz.tender.reprocure.wizard"].with_user(other).with_context(active_id=tender.id)
        with self.assertRaises(AccessError) as caught:
            Wizard.create({"method": "negotiation", "reason": "换方式"}).action_confirm()
        # in the user's language: a demo officer's Chinese, or the English of a user made here
        self.assertRegex(
            str(caught.exception),
            "您不能修改此招标项目：它属于其他单位|You cannot change this Tender: it belongs to another organization",
        )
        self.assertEqual(self.env["sgz.tender"].search_count([]), before)
