from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.lib import format_day
from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from .sgz_agreement import CYCLE_YEARS, PAYMENT_SCHEDULES

PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


class SgzAgreementYear(models.Model):
    """One year of the agreement cycle, signed on its own (一年一签); confirming it orders the service."""

    _name = "sgz.agreement.year"
    _description = "Agreement Year"
    _inherit = ["mail.thread", "sgz.lock.mixin"]
    _order = "agreement_id, sequence"
    _check_company_auto = True

    _sgz_locked_states = ("confirmed", "evaluated", "closed")
    _sgz_action_fields = (
        "state",
        "purchase_order_id",
        "evaluation_result",
        "publication_date",
        "finance_filing_date",
    )
    _sgz_fixed_fields = ("agreement_id", "sequence")
    _sgz_unlink_states = ("draft",)
    # a year is opened by signing the agreement or renewing it, never typed in
    _sgz_create_by_action = True

    agreement_id = fields.Many2one("sgz.agreement", required=True, ondelete="cascade", index=True)
    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
    provider_id = fields.Many2one(related="agreement_id.provider_id", store=True, index=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    sequence = fields.Integer(string="Year", required=True, default=1)
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", required=True)
    sign_date = fields.Date(string="Signed On", tracking=True)
    publication_date = fields.Date(string="Contract Published On", tracking=True, copy=False, readonly=True)
    finance_filing_date = fields.Date(
        string="Filed With Finance On", tracking=True, copy=False, readonly=True
    )
    amount = fields.Monetary(tracking=True)
    fund_source_id = fields.Many2one("sgz.fund.source", string="Fund Source", tracking=True)
    payment_schedule = fields.Selection(PAYMENT_SCHEDULES, default="quarterly", required=True)
    purchase_order_id = fields.Many2one(
        "purchase.order", string="Purchase Order", readonly=True, copy=False, check_company=True
    )
    evaluation_ids = fields.One2many("sgz.agreement.evaluation", "year_id", string="Evaluations")
    evaluation_result = fields.Selection(
        [("qualified", "Qualified"), ("unqualified", "Unqualified")], readonly=True, tracking=True, copy=False
    )
    state = fields.Selection(
        [("draft", "To Sign"), ("confirmed", "Signed"), ("evaluated", "Evaluated"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )

    @api.depends("agreement_id.name", "sequence")
    def _compute_name(self):
        for year in self:
            year.name = self.env._(
                "%(agreement)s — year %(year)s", agreement=year.agreement_id.name or "", year=year.sequence
            )

    @api.constrains("date_start", "date_end", "agreement_id")
    def _check_dates(self):
        for year in self:
            if year.date_end < year.date_start:
                raise ValidationError(self.env._("An agreement year cannot end before it starts."))
            overlap = year.agreement_id.year_ids.filtered(
                lambda y, cur=year: y != cur and y.date_start <= cur.date_end and y.date_end >= cur.date_start
            )
            if overlap:
                raise ValidationError(
                    self.env._(
                        "Year %(year)s (%(start)s – %(end)s) overlaps year %(other)s of the same agreement.",
                        year=year.sequence,
                        start=year.date_start,
                        end=year.date_end,
                        other=overlap[0].sequence,
                    )
                )

    @api.constrains("sequence", "agreement_id")
    def _check_sequence(self):
        for year in self:
            if not 1 <= year.sequence <= CYCLE_YEARS:
                raise ValidationError(
                    self.env._("An agreement cycle has years 1 to %(years)s.", years=CYCLE_YEARS)
                )
            previous = year.agreement_id.year_ids.filtered(lambda y, cur=year: y.sequence == cur.sequence - 1)
            if year.sequence > 1 and previous.evaluation_result != "qualified":
                raise ValidationError(
                    self.env._(
                        "Year %(year)s needs a qualified evaluation of year %(previous)s before it is renewed.",
                        year=year.sequence,
                        previous=year.sequence - 1,
                    )
                )

    _sql_constraints = [
        ("sequence_unique", "unique(agreement_id, sequence)", "An agreement has one year of each number."),
    ]

    @api.constrains("amount")
    def _check_amount(self):
        if any(year.amount < 0 for year in self):
            raise ValidationError(self.env._("The amount of an agreement year cannot be negative."))

    @sgz_action(lock_rows=True)
    def action_confirm(self):
        """Sign and confirm the year: creates and confirms the provider's purchase order."""
        today = fields.Date.context_today(self)
        for year in self:
            if year.state != "draft":
                raise UserError(self.env._("This agreement year is already signed."))
            if year.agreement_id.state != "active":
                raise UserError(self.env._("Sign the agreement first."))
            previous = year.agreement_id.year_ids.filtered(lambda y, s=year.sequence: y.sequence == s - 1)
            if year.sequence > 1 and previous.evaluation_result != "qualified":
                raise UserError(
                    self.env._(
                        "Year %(year)s cannot be signed without a qualified evaluation of the year before.",
                        year=year.sequence,
                    )
                )
            year.agreement_id._check_amount_limit(year.amount, year.name)
            earliest = previous.sign_date or year.agreement_id.sign_date
            if year.sign_date and (year.sign_date > today or (earliest and year.sign_date < earliest)):
                raise UserError(
                    self.env._(
                        "%(year)s is signed between %(earliest)s (the signature before it) and today, not on "
                        "%(date)s.",
                        year=year.name,
                        earliest=earliest or "—",
                        date=year.sign_date,
                    )
                )
            Order = self.env["purchase.order"].sudo()
            with year._sgz_unlocked("purchase.order", "purchase.order.line"):
                order = Order.create(year._prepare_purchase_order_vals())
                order.button_confirm()
            year.write(
                {"state": "confirmed", "sign_date": year.sign_date or today, "purchase_order_id": order.id}
            )
            # each signing is a contract: published and filed with the finance department on its own
            year.agreement_id._sgz_set_year_deadlines(year)
            if year.sequence > 1:
                # Each yearly signing is filed with the city within 15 working days (§七(三)).
                year.agreement_id._sgz_set_filing_deadline(year.sign_date)
        return True

    def _sgz_step_code(self, code):
        """The code of a deadline of this year's signing on the agreement ("publication" for year 1,
        "publication_2" for year 2, …)."""
        self.ensure_one()
        return code if self.sequence == 1 else f"{code}_{self.sequence}"

    def _sgz_close(self, day):
        """The agreement ended on ``day``: the year is closed and the periods starting after it are not bought."""
        for year in self:
            lines = year.purchase_order_id.order_line.filtered(
                lambda line, d=day: (
                    line.sgz_period_start and line.sgz_period_start > d and not line.qty_invoiced
                )
            )
            with year._sgz_unlocked("purchase.order", "purchase.order.line"):
                lines.sudo().write({"product_qty": 0})
                year.sudo().write({"state": "closed", "amount": year._sgz_ordered_amount()})

    def _sgz_ordered_amount(self):
        self.ensure_one()
        lines = self.purchase_order_id.order_line
        return sum(line.price_unit * line.product_qty for line in lines) if lines else self.amount

    def _sgz_apply_change(self, day):
        """A change of the agreement's stations or amounts from ``day``: the periods of this year that start
        on or after it, not yet billed, are ordered at the new amounts; the year's amount follows."""
        self.ensure_one()
        order = self.purchase_order_id
        if self.state != "confirmed" or not order:
            return
        agreement = self.agreement_id
        periods = self._periods()
        per_year = len(periods) or 1
        open_lines = order.order_line.filtered(
            lambda line: line.sgz_period_start and line.sgz_period_start >= day and not line.qty_invoiced
        )
        new_lines = []
        with self._sgz_unlocked("purchase.order", "purchase.order.line"):
            for start, end in periods:
                if start < day:
                    continue
                for station_line in agreement.station_line_ids:
                    price = round(station_line.annual_amount / per_year, 2)
                    lines = open_lines.filtered(
                        lambda ol, s=start, st=station_line.station_id: (
                            ol.sgz_period_start == s and ol.sgz_station_id == st
                        )
                    )
                    if lines:
                        self._sgz_reprice(lines, price)
                    else:
                        new_lines += self._sgz_period_lines(station_line.station_id, start, end, price)
            kept = agreement.station_line_ids.station_id
            open_lines.filtered(lambda ol: ol.sgz_station_id not in kept).sudo().write({"product_qty": 0})
            if new_lines:
                order.sudo().write({"order_line": new_lines})
            self.sudo().write({"amount": self._sgz_ordered_amount()})

    @api.model
    def _sgz_reprice(self, lines, price):
        """Share ``price`` among the order lines of one station and period (one line per fund source when the
        year is paid by several) in proportion to their prices, the last line taking the rounding."""
        total = sum(lines.mapped("price_unit"))
        remaining = price
        for index, line in enumerate(lines):
            share = (line.price_unit / total) if total else 1 / len(lines)
            part = remaining if index == len(lines) - 1 else round(price * share, 2)
            line.sudo().write({"price_unit": part, "product_qty": 1})
            remaining = round(remaining - part, 2)

    def _sgz_period_lines(self, station, start, end, price):
        """The order line commands of one station and payment period (a hook: a year paid by several fund
        sources has one line per fund source)."""
        return [self._prepare_order_line(station, start, end, price)]

    def _periods(self):
        """(start, end) of each payment period of the year."""
        self.ensure_one()
        months = PERIOD_MONTHS[self.payment_schedule]
        periods, start = [], self.date_start
        while start <= self.date_end:
            end = min(start + relativedelta(months=months, days=-1), self.date_end)
            periods.append((start, end))
            start = end + relativedelta(days=1)
        return periods

    def _prepare_purchase_order_vals(self):
        """One service line per station and payment period, carrying the fund source."""
        self.ensure_one()
        agreement = self.agreement_id
        periods = self._periods()
        total = sum(agreement.station_line_ids.mapped("annual_amount")) or 1.0
        lines = []
        for station_line in agreement.station_line_ids:
            station_amount = self.amount * station_line.annual_amount / total
            share = round(station_amount / len(periods), 2)
            for index, (start, end) in enumerate(periods):
                price = (
                    share
                    if index < len(periods) - 1
                    else round(station_amount - share * (len(periods) - 1), 2)
                )
                lines.append(self._prepare_order_line(station_line.station_id, start, end, price))
        return {
            "partner_id": agreement.partner_id.id,
            "company_id": agreement.company_id.id,
            "currency_id": agreement.currency_id.id,
            "origin": self.name,
            "sgz_agreement_year_id": self.id,
            "order_line": lines,
        }

    def _prepare_order_line(self, station, start, end, price):
        """One service line of the purchase order: a station and a payment period, with the fund source."""
        product = self.env.ref("sgz_procurement.product_sgz_station_service")
        return fields.Command.create(
            {
                "product_id": product.id,
                "name": self.env._(
                    "%(station)s: social work service %(start)s – %(end)s",
                    station=station.name,
                    start=format_day(start, self.env.lang),
                    end=format_day(end, self.env.lang),
                ),
                "product_qty": 1,
                "product_uom": product.uom_po_id.id,
                "price_unit": price,
                "taxes_id": [fields.Command.clear()],
                "date_planned": fields.Datetime.to_datetime(start),
                "sgz_station_id": station.id,
                "sgz_fund_source_id": self.fund_source_id.id,
                "sgz_period_start": start,
                "sgz_period_end": end,
            }
        )

    def action_open_purchase_order(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": self.purchase_order_id.id,
            "view_mode": "form",
        }
