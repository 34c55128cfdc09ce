from odoo import fields, models

from ..engine import LINE_CATEGORIES, LINES


class SgzPayslipLine(models.Model):
    """One line of a payslip (written by the computation only: no access right lets a user write one)."""

    _name = "sgz.payslip.line"
    _description = "Payslip Line"
    _order = "payslip_id, sequence, id"

    payslip_id = fields.Many2one("sgz.payslip", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    sequence = fields.Integer()
    code = fields.Selection([(line.code, line.label) for line in LINES], string="Line", required=True)
    category = fields.Selection(list(LINE_CATEGORIES), required=True)
    amount = fields.Monetary()
