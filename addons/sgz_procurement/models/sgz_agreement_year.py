from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sgz_agreement import PAYMENT_SCHEDULES

PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}


class SgzAgreementYear(models.Model):
    """One year of the agreement cycle, signed on its own (一年一签); confirming it orders the service."""

    _name = "sgz.agreement.year"
    _description = "Agreement Year"
    _inherit = ["mail.thread"]
    _order = "agreement_id, sequence"
    _check_company_auto = True

    agreement_id = fields.Many2one("sgz.agreement", required=True, ondelete="cascade", index=True)
    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
    provider_id = fields.Many2one(related="agreement_id.provider_id", store=True, index=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    sequence = fields.Integer(string="Year", required=True, default=1)
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="To", required=True)
    sign_date = fields.Date(string="Signed On", tracking=True)
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
            if not 1 <= year.sequence <= 3:
                raise ValidationError(self.env._("An agreement cycle has years 1 to 3."))
            previous = year.agreement_id.year_ids.filtered(lambda y, cur=year: y.sequence == cur.sequence - 1)
            if year.sequence > 1 and previous.evaluation_result != "qualified":
                raise ValidationError(
                    self.env._(
                        "Year %(year)s needs a qualified evaluation of year %(previous)s before it is renewed.",
                        year=year.sequence,
                        previous=year.sequence - 1,
                    )
                )

    def write(self, vals):
        if not self.env.su and {"evaluation_result", "purchase_order_id"} & set(vals):
            raise UserError(
                self.env._("The evaluation result is recorded by the evaluator's annual evaluation.")
            )
        return super().write(vals)

    def action_confirm(self, sign_date=None):
        """Sign and confirm the year: creates and confirms the provider's purchase order."""
        for year in self:
            if year.state != "draft":
                raise UserError(self.env._("This agreement year is already signed."))
            if year.agreement_id.state != "active":
                raise UserError(self.env._("Sign the agreement first."))
            if year.sequence > 1:
                previous = year.agreement_id.year_ids.filtered(lambda y, s=year.sequence: y.sequence == s - 1)
                if previous.evaluation_result != "qualified":
                    raise UserError(
                        self.env._(
                            "Year %(year)s cannot be signed without a qualified evaluation of the year "
                            "before.",
                            year=year.sequence,
                        )
                    )
            order = self.env["purchase.order"].sudo().create(year._prepare_purchase_order_vals())
            order.button_confirm()
            year.sudo().write(
                {
                    "state": "confirmed",
                    "sign_date": fields.Date.to_date(sign_date) or fields.Date.context_today(self),
                    "purchase_order_id": order.id,
                }
            )
            if year.sequence > 1:
                # Each yearly signing is filed with the city within 15 working days (§七(三)).
                year.agreement_id._sgz_set_filing_deadline(year.sign_date)
        return True

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
        product = self.env.ref("sgz_procurement.product_sgz_station_service")
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
                lines.append(
                    fields.Command.create(
                        {
                            "product_id": product.id,
                            "name": self.env._(
                                "%(station)s: social work service %(start)s – %(end)s",
                                station=station_line.station_id.name,
                                start=start,
                                end=end,
                            ),
                            "product_qty": 1,
                            "product_uom": product.uom_po_id.id,
                            "price_unit": price,
                            "taxes_id": [fields.Command.clear()],
                            "date_planned": fields.Datetime.to_datetime(start),
                            "sgz_station_id": station_line.station_id.id,
                            "sgz_fund_source_id": self.fund_source_id.id,
                            "sgz_period_start": start,
                            "sgz_period_end": end,
                        }
                    )
                )
        return {
            "partner_id": agreement.partner_id.id,
            "company_id": agreement.company_id.id,
            "currency_id": agreement.currency_id.id,
            "origin": self.name,
            "sgz_agreement_year_id": self.id,
            "order_line": lines,
        }

    def action_open_purchase_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": self.purchase_order_id.id,
            "view_mode": "form",
        }
