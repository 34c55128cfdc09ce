from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import Bracket, check_brackets


class SgzIitTable(models.Model):
    """The cumulative withholding rate table for wages (预扣率表一) and the monthly basic deduction."""

    _name = "sgz.iit.table"
    _description = "Income Tax Withholding Table"
    _order = "date_from desc"

    name = fields.Char(required=True)
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid Until")
    monthly_basic_deduction = fields.Float(digits=(16, 2), default=5000.0, required=True)
    bracket_ids = fields.One2many("sgz.iit.bracket", "table_id", string="Brackets", copy=True)
    note = fields.Text()

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for table in self:
            if table.date_to and table.date_to < table.date_from:
                raise ValidationError(
                    self.env._("The tax table %(name)s ends before it starts.", name=table.name)
                )

    @api.model
    def _sgz_for_date(self, day):
        table = self.search(
            [("date_from", "<=", day), "|", ("date_to", "=", False), ("date_to", ">=", day)], limit=1
        )
        if not table:
            raise UserError(
                self.env._(
                    "No income tax withholding table is valid on %(date)s.", date=fields.Date.to_string(day)
                )
            )
        return table

    def _sgz_brackets(self):
        self.ensure_one()
        rows = self.bracket_ids.sorted(lambda b: (not b.upper, b.upper))
        brackets = [
            Bracket(
                Decimal(repr(row.upper)) if row.upper else None,
                Decimal(repr(round(row.rate, 4))) / 100,
                Decimal(repr(round(row.quick_deduction, 2))),
            )
            for row in rows
        ]
        try:
            return check_brackets(brackets)
        except ValueError as error:
            raise UserError(
                self.env._("The tax table %(name)s is not valid: %(error)s", name=self.name, error=str(error))
            ) from None
