from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError

from .sgz_budget_entry import money

BILL_TYPES = ("in_invoice", "in_refund")


class AccountMove(models.Model):
    _inherit = "account.move"

    sgz_budget_entry_ids = fields.One2many("sgz.budget.entry", "move_id", string="Budget Entries")

    def _sgz_bills(self):
        return self.filtered(lambda move: move.move_type in BILL_TYPES)

    def _sgz_budget_lines(self):
        return self.invoice_line_ids.filtered(lambda line: line.display_type == "product")

    def _post(self, soft=True):
        bills = self._sgz_bills()
        bills._sgz_budget_check_lines()
        posted = super()._post(soft=soft)
        posted._sgz_bills()._sgz_budget_post()
        return posted

    def button_draft(self):
        posted = self._sgz_bills().filtered(lambda move: move.state == "posted")
        result = super().button_draft()
        entries = posted._sgz_budget_unpost()
        # undoing a refund gives the money back to the bill it refunded: the hard control applies again
        for move in posted:
            self.env["sgz.budget.entry"]._sgz_check(entries.filtered(lambda e, m=move: e.move_id == m), move)
        return result

    def _sgz_budget_check_lines(self):
        """Every line of an agreement bill names its fund source; a line with a fund source names its category;
        no barred fund × category pair."""
        Restriction = self.env["sgz.budget.restriction"]
        default = self.env.ref("sgz_budget.budget_category_service")
        for bill in self:
            pairs = []
            bureau = bill.company_id.sgz_kind in ("province", "city", "county")
            for line in bill._sgz_budget_lines():
                year = line.purchase_line_id.order_id.sgz_agreement_year_id
                if bureau and not line.sgz_fund_source_id:
                    raise UserError(
                        self.env._(
                            "Line “%(line)s” of %(bill)s has no fund source: a bureau pays every bill from a fund "
                            "source of its budget.",
                            line=line.name or line.product_id.display_name,
                            bill=bill.display_name,
                        )
                    )
                budget_year = year.sudo().sgz_budget_year
                if year and budget_year and (bill.date or bill.invoice_date).year != budget_year:
                    raise UserError(
                        self.env._(
                            "%(bill)s bills %(year)s, committed on the %(budget_year)s budget: date it in "
                            "%(budget_year)s, or close that year first (its open commitments then move on).",
                            bill=bill.display_name,
                            year=year.name,
                            budget_year=budget_year,
                        )
                    )
                if year and not line.sgz_fund_source_id:
                    raise UserError(
                        self.env._(
                            "Line “%(line)s” of %(bill)s bills agreement year %(year)s but has no fund source: "
                            "choose the fund that pays it.",
                            line=line.name or line.product_id.display_name,
                            bill=bill.display_name,
                            year=year.name,
                        )
                    )
                if line.sgz_fund_source_id and not line.sgz_budget_category_id:
                    if not year:
                        raise UserError(
                            self.env._(
                                "Line “%(line)s” of %(bill)s is paid by %(fund)s: choose its expense category.",
                                line=line.name or line.product_id.display_name,
                                bill=bill.display_name,
                                fund=line.sgz_fund_source_id.name,
                            )
                        )
                    line.sgz_budget_category_id = default
                pairs.append((line.sgz_fund_source_id, line.sgz_budget_category_id))
            Restriction._sgz_check_pairs(pairs, bill.invoice_date or bill.date)
            if bill.move_type == "in_refund":
                bill._sgz_check_refund()

    def _sgz_check_refund(self):
        """A refund gives back what a posted bill spent, never more: it names that bill (reversal) and stays
        within its actuals on each fund source and category, less its earlier refunds."""
        self.ensure_one()
        lines = self._sgz_budget_lines().filtered("sgz_fund_source_id")
        if not lines:
            return
        origin = self.reversed_entry_id
        if not origin or origin.state != "posted":
            raise UserError(
                self.env._(
                    "%(refund)s returns money to a budget: create it from the posted bill it refunds (Credit Note).",
                    refund=self.display_name,
                )
            )
        Entry = self.env["sgz.budget.entry"].sudo()
        refunds = self.search(
            [("reversed_entry_id", "=", origin.id), ("state", "=", "posted"), ("id", "!=", self.id)]
        )
        spent = defaultdict(float)
        for _move, fund, category, amount in Entry._read_group(
            [("move_id", "in", (origin | refunds).ids), ("kind", "=", "actual")],
            ["move_id", "fund_source_id", "category_id"],
            ["amount:sum"],
        ):
            spent[(fund.id, category.id)] += amount
        asked = defaultdict(float)
        for line in lines:
            asked[(line.sgz_fund_source_id.id, line.sgz_budget_category_id.id)] += line.price_total
        for key, amount in asked.items():
            if money(amount) > money(spent.get(key, 0.0)):
                raise UserError(
                    self.env._(
                        "%(refund)s returns ¥%(amount)s on %(fund)s, more than the ¥%(spent)s %(bill)s spent there.",
                        refund=self.display_name,
                        amount=f"{amount:,.2f}",
                        fund=self.env["sgz.fund.source"].browse(key[0]).name,
                        spent=f"{spent.get(key, 0.0):,.2f}",
                        bill=origin.display_name,
                    )
                )

    def _sgz_budget_post(self):
        """Actuals on each line's fund source and the release of the same amount of the agreement year's open
        commitment (a refund does the reverse), then the hard control."""
        Entry = self.env["sgz.budget.entry"]
        for bill in self:
            sign = 1 if bill.move_type == "in_invoice" else -1
            lines = bill._sgz_budget_lines().filtered("sgz_fund_source_id")
            if not lines:
                continue
            billed = defaultdict(float)
            for line in lines:
                key = (line.sgz_agreement_year_id, line.sgz_fund_source_id, line.sgz_budget_category_id)
                billed[key] += line.price_total
            years = self.env["sgz.agreement.year"].sudo().browse({key[0].id for key in billed if key[0]})
            commitments = years._sgz_open_commitments(years) if years else {}
            vals_list = []
            for (year, fund, category), amount in billed.items():
                amount = money(amount)
                base = {
                    "name": bill.name or bill.ref or "",
                    "company_id": bill.company_id.id,
                    "fund_source_id": fund.id,
                    "category_id": category.id,
                    "date": bill.date,
                    "move_id": bill.id,
                    "agreement_year_id": year.id,
                }
                vals_list.append(dict(base, kind="actual", fiscal_year=bill.date.year, amount=sign * amount))
                if year:
                    open_amount, released = commitments.get((year.id, fund.id, category.id), (0.0, 0.0))
                    moved = min(amount, open_amount) if sign > 0 else min(amount, released)
                    if money(moved) > 0:
                        vals_list.append(
                            dict(
                                base,
                                kind="release",
                                fiscal_year=year.sgz_budget_year or bill.date.year,
                                amount=-sign * moved,
                            )
                        )
            entries = Entry._sgz_record(vals_list)
            Entry._sgz_check(entries, bill)

    def _sgz_budget_unpost(self):
        """Reset to draft: reversing rows cancel what the posting wrote (dated on the reset); returns them."""
        if not self:
            return self.env["sgz.budget.entry"]
        Entry = self.env["sgz.budget.entry"].sudo()
        groups = Entry._read_group(
            [("move_id", "in", self.ids)],
            [
                "move_id",
                "company_id",
                "fiscal_year",
                "fund_source_id",
                "category_id",
                "kind",
                "agreement_year_id",
            ],
            ["amount:sum"],
        )
        today = fields.Date.context_today(self)
        return Entry._sgz_record(
            [
                {
                    "name": self.env._("%(bill)s reset to draft", bill=move.name or ""),
                    "kind": kind,
                    "company_id": company.id,
                    "fiscal_year": year,
                    "fund_source_id": fund.id,
                    "category_id": category.id,
                    "date": today,
                    "amount": -amount,
                    "move_id": move.id,
                    "agreement_year_id": agreement_year.id,
                }
                for move, company, year, fund, category, kind, agreement_year, amount in groups
                if money(amount)
            ]
        )
