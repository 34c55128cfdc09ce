from odoo import api, fields, models
from odoo.exceptions import UserError

from .sgz_budget_entry import COMMITTED_KINDS, money


class SgzAgreementYear(models.Model):
    _inherit = "sgz.agreement.year"

    sgz_fund_split_ids = fields.One2many("sgz.agreement.year.fund", "year_id", string="Fund Split", copy=True)
    sgz_budget_year = fields.Integer(
        string="Budget Year",
        readonly=True,
        copy=False,
        aggregator=None,
        help="Fiscal year whose budget holds the open commitment (moves on when a year is closed).",
    )
    sgz_committed = fields.Monetary(compute="_compute_sgz_budget", string="Open Commitment")
    sgz_billed = fields.Monetary(compute="_compute_sgz_budget", string="Billed")

    def _compute_sgz_budget(self):
        groups = (
            self.env["sgz.budget.entry"]
            .sudo()
            ._read_group(
                [("agreement_year_id", "in", self.ids)], ["agreement_year_id", "kind"], ["amount:sum"]
            )
        )
        totals = {}
        for year, kind, amount in groups:
            bucket = "committed" if kind in COMMITTED_KINDS else kind
            totals[(year.id, bucket)] = totals.get((year.id, bucket), 0.0) + amount
        for year in self:
            year.sgz_committed = money(totals.get((year.id, "committed"), 0.0))
            year.sgz_billed = money(totals.get((year.id, "actual"), 0.0))

    def write(self, vals):
        if not self.env.su and "sgz_budget_year" in vals:
            raise UserError(
                self.env._("The budget year of an agreement year moves only when a budget is closed.")
            )
        return super().write(vals)

    # ---- the fund split ------------------------------------------------------------------------------------------

    def _sgz_split(self):
        """[(fund source, category, amount)]: the split lines, or the year's single fund source for all of it."""
        self.ensure_one()
        if self.sgz_fund_split_ids:
            return [(s.fund_source_id, s.category_id, money(s.amount)) for s in self.sgz_fund_split_ids]
        if self.fund_source_id and money(self.amount):
            category = self.env.ref("sgz_budget.budget_category_service")
            return [(self.fund_source_id, category, money(self.amount))]
        return []

    def _sgz_check_split(self):
        Restriction = self.env["sgz.budget.restriction"]
        for year in self:
            split = year._sgz_split()
            if money(year.amount) and not split:
                raise UserError(
                    self.env._(
                        "%(year)s commits ¥%(amount)s: give its fund source (or its fund split) before signing.",
                        year=year.name,
                        amount=f"{year.amount:,.2f}",
                    )
                )
            if year.sgz_fund_split_ids:
                total = money(sum(amount for _f, _c, amount in split))
                if total != money(year.amount):
                    raise UserError(
                        self.env._(
                            "The fund split of %(year)s adds up to ¥%(total)s, not the year's ¥%(amount)s.",
                            year=year.name,
                            total=f"{total:,.2f}",
                            amount=f"{year.amount:,.2f}",
                        )
                    )
            Restriction._sgz_check_pairs([(fund, category) for fund, category, _a in split])

    # ---- committing ----------------------------------------------------------------------------------------------

    def action_confirm(self):
        self._sgz_check_split()
        result = super().action_confirm()
        Entry = self.env["sgz.budget.entry"]
        for year in self:
            fiscal_year = (year.sign_date or fields.Date.context_today(self)).year
            year.sudo().write({"sgz_budget_year": fiscal_year})
            entries = Entry._sgz_record(
                [
                    {
                        "name": year.name,
                        "kind": "commitment",
                        "company_id": year.company_id.id,
                        "fiscal_year": fiscal_year,
                        "fund_source_id": fund.id,
                        "category_id": category.id,
                        "date": year.sign_date,
                        "amount": amount,
                        "agreement_year_id": year.id,
                    }
                    for fund, category, amount in year._sgz_split()
                ]
            )
            Entry._sgz_check(entries, year)
        return result

    def _prepare_purchase_order_vals(self):
        """Carry the split onto the order lines: each service line is divided between the fund sources so that
        each fund's lines add up to its part of the year."""
        vals = super()._prepare_purchase_order_vals()
        split = self._sgz_split()
        if not split:
            return vals
        commands = vals.get("order_line", [])
        prices = [command[2].get("price_unit", 0.0) for command in commands]
        grand = sum(prices) or 1.0
        lines = []
        done = [0.0] * len(split)  # cumulative amounts given to each fund
        cumulative = 0.0
        for command, price in zip(commands, prices, strict=True):
            cumulative += price
            line_vals = command[2]
            parts = []
            for index, (_fund, _category, amount) in enumerate(split[:-1]):
                target = money(amount * cumulative / grand)
                parts.append(money(target - done[index]))
                done[index] = target
            parts.append(money(price - sum(parts)))
            for (fund, category, _amount), part in zip(split, parts, strict=True):
                if len(split) > 1 and not part:
                    continue
                name = line_vals.get("name", "")
                if len(split) > 1:
                    name = f"{name} ({fund.name})"
                lines.append(
                    fields.Command.create(
                        {
                            **line_vals,
                            "name": name,
                            "price_unit": part,
                            "sgz_fund_source_id": fund.id,
                            "sgz_budget_category_id": category.id,
                        }
                    )
                )
        vals["order_line"] = lines
        return vals

    def _sgz_period_lines(self, station, start, end, price):
        """A station and period added by an agreement change: one line per fund source of the split, in the
        proportions of the split."""
        split = self._sgz_split()
        if len(split) < 2:
            return super()._sgz_period_lines(station, start, end, price)
        total = sum(amount for _f, _c, amount in split) or 1.0
        commands, remaining = [], price
        for index, (fund, category, amount) in enumerate(split):
            part = remaining if index == len(split) - 1 else money(price * amount / total)
            remaining = money(remaining - part)
            command = super()._sgz_period_lines(station, start, end, part)[0]
            command[2].update(
                {
                    "name": f"{command[2]['name']} ({fund.name})",
                    "sgz_fund_source_id": fund.id,
                    "sgz_budget_category_id": category.id,
                }
            )
            commands.append(command)
        return commands

    def _sgz_apply_change(self, day):
        """An agreement change moves the year's amount: the split follows in its proportions and the difference
        is committed (or released) on the budget, under the same hard control as the signature."""
        before = {year.id: money(year.amount) for year in self}
        result = super()._sgz_apply_change(day)
        Entry = self.env["sgz.budget.entry"]
        for year in self:
            delta = money(money(year.amount) - before[year.id])
            split = year._sgz_split()
            if not delta or not split:
                continue
            total = sum(amount for _f, _c, amount in split) or 1.0
            parts, remaining = [], delta
            for index, (_fund, _category, amount) in enumerate(split):
                part = remaining if index == len(split) - 1 else money(delta * amount / total)
                remaining = money(remaining - part)
                parts.append(part)
            for split_line, part in zip(year.sgz_fund_split_ids, parts, strict=False):
                with split_line._sgz_unlocked():
                    split_line.sudo().write({"amount": money(split_line.amount + part)})
            entries = Entry._sgz_record(
                [
                    {
                        "name": year.name,
                        "kind": "commitment",
                        "company_id": year.company_id.id,
                        "fiscal_year": year.sgz_budget_year or day.year,
                        "fund_source_id": fund.id,
                        "category_id": category.id,
                        "date": day,
                        "amount": part,
                        "agreement_year_id": year.id,
                    }
                    for (fund, category, _amount), part in zip(split, parts, strict=True)
                    if part
                ]
            )
            Entry._sgz_check(entries, year)
        return result

    def action_sgz_bill_next_period(self):
        """County finance: a draft vendor bill for the next payment period not yet billed."""
        self.ensure_one()
        self.check_access("read")
        self.env["account.move"].check_access("create")
        bill = self._sgz_bill_period(fields.Date.context_today(self))
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": bill.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _sgz_bill_period(self, invoice_date, period_start=None):
        """Draft vendor bill of the order lines of one payment period (the first not yet billed by default)."""
        self.ensure_one()
        order = self.sudo().purchase_order_id
        if not order or order.state not in ("purchase", "done"):
            raise UserError(self.env._("%(year)s has no confirmed purchase order to bill.", year=self.name))
        open_lines = order.order_line.filtered(lambda line: not line.qty_invoiced and line.sgz_period_start)
        starts = sorted(set(open_lines.mapped("sgz_period_start")))
        start = fields.Date.to_date(period_start) if period_start else (starts[0] if starts else None)
        lines = open_lines.filtered(lambda line: line.sgz_period_start == start)
        if not lines:
            raise UserError(self.env._("Every payment period of %(year)s is already billed.", year=self.name))
        vals = order.with_company(order.company_id)._prepare_invoice()
        vals.update(
            {
                "invoice_date": invoice_date,
                "date": invoice_date,
                "invoice_line_ids": [
                    fields.Command.create(line._prepare_account_move_line()) for line in lines
                ],
            }
        )
        bill = self.env["account.move"].with_company(order.company_id).create(vals)
        return bill

    def action_sgz_open_budget_entries(self):
        self.ensure_one()
        return self.env["sgz.budget.entry"]._sgz_open([("agreement_year_id", "=", self.id)], "entries")

    @api.model
    def _sgz_open_commitments(self, years):
        """{(year id, fund id, category id): (open commitment, released so far, budget year)} in one query."""
        groups = (
            self.env["sgz.budget.entry"]
            .sudo()
            ._read_group(
                [("agreement_year_id", "in", years.ids), ("kind", "in", COMMITTED_KINDS)],
                ["agreement_year_id", "fund_source_id", "category_id", "kind"],
                ["amount:sum"],
            )
        )
        result = {}
        for year, fund, category, kind, amount in groups:
            key = (year.id, fund.id, category.id)
            open_amount, released = result.get(key, (0.0, 0.0))
            if kind == "release":
                released -= amount
            open_amount += amount
            result[key] = (open_amount, released)
        return result
