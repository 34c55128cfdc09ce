from ast import literal_eval

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import BudgetCase


@tagged("post_install", "-at_install")
class TestExecutionReportViews(BudgetCase):
    """Issue 18 §12 / issue 20: the execution report opens as a report — its options in a dialog, its lines in a
    read-only list and pivot named after it — and its figures open to the rows whose sum they are (issue 20 §6)."""

    def setUp(self):
        super().setUp()
        self.year = self._signed(self._split_agreement())
        self.bill = self._post(self._bill_period(self.year, "2026-03-01", "2026-04-10"), "2026-04-10")
        self.lottery = self._line(self.budget_a, self.fund_lottery)

    def _report(self, user=None, **vals):
        return (
            self.env["sgz.budget.report"]
            .with_user(user or self.finance_a)
            .with_context(lang="zh_CN")
            .create({"company_id": self.county_a.id, "fiscal_year": 2026, "date_as_of": "2026-12-31", **vals})
        )

    def test_menu_opens_options_dialog_then_read_only_lines(self):
        menu = self.env.ref("sgz_budget.sgz_budget_report_menu")
        dialog = menu.action
        self.assertEqual(
            (dialog.res_model, dialog.target, dialog.view_mode), ("sgz.budget.report", "new", "form")
        )
        form = etree.fromstring(
            self.env["sgz.budget.report"]
            .with_user(self.finance_a)
            .get_views([(dialog.view_id.id, "form")])["views"]["form"]["arch"]
        )
        self.assertEqual(
            [button.get("name") or button.get("special") for button in form.xpath("//footer/button")],
            ["action_compute", "cancel"],
        )
        self.assertFalse(form.xpath("//field[@name='line_ids']"), "the dialog holds the options only")

        report = self._report()
        action = report.action_compute()
        self.assertEqual(action["res_model"], "sgz.budget.report.line")
        self.assertEqual(action["target"], "main")
        self.assertEqual([mode for _view, mode in action["views"]], ["list", "pivot"])
        self.assertEqual(action["name"], f"预算执行情况表 2026年（{self.county_a.name}，截至2026年12月31日）")
        lines = self.env["sgz.budget.report.line"].with_user(self.finance_a).search(action["domain"])
        self.assertEqual(lines, report.line_ids)
        views = (
            self.env["sgz.budget.report.line"].with_user(self.finance_a).get_views(action["views"])["views"]
        )
        listing = etree.fromstring(views["list"]["arch"])
        for flag in ("create", "edit", "delete"):
            self.assertEqual(listing.get(flag), "0", flag)
        self.assertEqual(listing.xpath("//header/button/@name"), ["action_export_xlsx"])
        self.assertIn("action_open_actual", listing.xpath("//button/@name"))
        self.assertTrue(views["pivot"]["arch"])
        # the list's export button, with or without selected lines
        url = f"/sgz_budget/execution/{report.id}/xlsx"
        Line = self.env["sgz.budget.report.line"].with_user(self.finance_a)
        self.assertEqual(Line.with_context(action["context"]).action_export_xlsx()["url"], url)
        self.assertEqual(lines[:1].action_export_xlsx()["url"], url)
        with self.assertRaisesMsg(UserError, "one budget execution report"):
            Line.action_export_xlsx()
        # the list's active_id is a default only: another user sending it reads nothing
        with self.assertRaisesMsg(AccessError, "此预算执行情况报表：它属于其他单位"):
            self.env["sgz.budget.report.line"].with_user(self.finance_b).with_context(
                active_id=report.id
            ).action_export_xlsx()

    def test_report_lines_only_of_own_computation(self):
        report = self._report()
        report.action_compute()
        line = report.line_ids[:1]
        # another bureau's finance sees neither the report nor its lines
        Line = self.env["sgz.budget.report.line"].with_user(self.finance_b)
        self.assertFalse(Line.search([("report_id", "=", report.id)]))
        with self.assertRaisesMsg(AccessError, "此预算执行情况报表行：它属于其他单位"):
            line.with_user(self.finance_b).read(["actual"])
        # nor does another user of the same bureau: a report is its author's computation
        other = self.env["sgz.budget.report.line"].with_user(self.officer_a)
        self.assertFalse(other.search([("report_id", "=", report.id)]))
        with self.assertRaisesMsg(AccessError, "此预算执行情况报表：它属于其他单位"):
            report.with_user(self.officer_a).action_export_xlsx()
        # and nobody computes a report on a bureau that is not theirs
        with self.assertRaisesMsg(AccessError, "此预算执行情况报表：它属于其他单位"):
            self._report(user=self.finance_b)

    def test_drill_down_sums_to_the_figure(self):
        """Issue 20 §6: the bill of 90,000.00 is split 65,000.00 lottery + 25,000.00 relief; the lottery line's
        actual opens to its own 65,000.00, not to the whole bill."""
        self.assertEqual(self.bill.amount_total, 90000.0)
        self.assertEqual(self.lottery.actual, 65000.0)
        action = self.lottery.with_user(self.finance_a).action_open_actual()
        self.assertEqual(action["res_model"], "sgz.budget.entry")
        rows = self.env["sgz.budget.entry"].with_user(self.finance_a).search(action["domain"])
        self.assertEqual(rows.move_id, self.bill)
        self.assertEqual(sum(rows.mapped("amount")), 65000.0)
        self.assertEqual(rows[:1].action_open_move()["res_id"], self.bill.id)
        # the same from the execution report
        report = self._report()
        report.action_compute()
        line = report.line_ids.filtered(lambda line: line.fund_source_id == self.fund_lottery)
        rows = self.env["sgz.budget.entry"].search(
            line.with_user(self.finance_a).action_open_actual()["domain"]
        )
        self.assertEqual(sum(rows.mapped("amount")), line.actual)
        # paid: half the bill paid, the lottery line's share of it (32,500.00) as the rows' paid shares
        self._pay(self.bill, 45000, "2026-04-20")
        self.assertEqual(self._figures(self.lottery)["paid"], 32500.0)
        action = self.lottery.with_user(self.finance_a).action_open_paid()
        rows = self.env["sgz.budget.entry"].with_context(action["context"]).search(action["domain"])
        self.assertEqual(sum(rows.mapped("paid_amount")), 32500.0)
        payments = self.env["account.payment"].search(
            rows[:1].with_user(self.finance_a).action_open_payments()["domain"]
        )
        self.assertEqual(payments.mapped("amount"), [45000.0])
        # as of the day before the payment, nothing was paid: no row
        action = (
            self.lottery.with_context(sgz_as_of="2026-04-19").with_user(self.finance_a).action_open_paid()
        )
        self.assertFalse(self.env["sgz.budget.entry"].search(action["domain"]))
        report = self._report(date_as_of="2026-04-30")
        report.action_compute()
        line = report.line_ids.filtered(lambda line: line.fund_source_id == self.fund_lottery)
        action = line.with_user(self.finance_a).action_open_paid()
        rows = self.env["sgz.budget.entry"].with_context(action["context"]).search(action["domain"])
        self.assertEqual(sum(rows.mapped("paid_amount")), line.paid)
        self.assertEqual(line.paid, 32500.0)

    def test_bill_list_reads_positive_under_its_headings(self):
        menu = self.env.ref("sgz_budget.sgz_budget_bill_menu")
        action = menu.action
        self.assertEqual(action, self.env.ref("sgz_budget.account_move_action_bill"))
        view = self.env.ref("sgz_budget.account_move_view_list_bill")
        arch = (
            self.env["account.move"]
            .with_user(self.finance_a)
            .with_context(lang="zh_CN", default_move_type="in_invoice")
            .get_views([(view.id, "list")])["views"]["list"]["arch"]
        )
        listing = etree.fromstring(arch)
        self.assertEqual(listing.xpath("//field[@name='name']/@string"), ["账单编号"])
        fields = listing.xpath("//field/@name")
        self.assertIn("amount_total", fields)
        self.assertNotIn("amount_total_in_currency_signed", fields)
        self.assertNotIn("amount_untaxed_in_currency_signed", fields)
        self.assertGreater(self.bill.amount_total, 0)
        self.assertEqual(
            self.env["account.move"].search(literal_eval(action.domain) + [("id", "=", self.bill.id)]),
            self.bill,
        )

    def test_finance_approves_from_the_budget_app(self):
        """Issue 20 §4: 待审批 under 预算 opens the reviews the user may decide, for county finance only."""
        menu = self.env.ref("sgz_budget.sgz_budget_approval_review_menu")
        self.assertEqual(menu.parent_id, self.env.ref("sgz_budget.sgz_budget_menu_root"))
        self.assertEqual(menu.action, self.env.ref("sgz_base.sgz_approval_review_action"))
        self.assertEqual(menu.with_context(lang="zh_CN").name, "待审批")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.finance_a)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.officer_a)._visible_menu_ids())
        # the budget app brings no Odoo app along: finance sees Discuss and the suite's apps only (the implied
        # purchase and invoicing groups come from sgz_procurement, their apps hidden by sgz_base's menu filter)
        roots = Menu.browse(Menu.with_user(self.finance_a)._visible_menu_ids()).filtered(
            lambda m: not m.parent_id
        )
        self.assertEqual(
            set(roots.mapped(lambda m: m.get_external_id()[m.id])),
            {"mail.menu_root_discuss", "sgz_base.sgz_menu_root", "sgz_budget.sgz_budget_menu_root"},
        )
