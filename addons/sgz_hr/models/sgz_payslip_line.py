from odoo import api, fields, models

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

    @api.depends("payslip_id.display_name", "code")
    def _compute_display_name(self):
        labels = dict(self._fields["code"]._description_selection(self.env))
        for line in self:
            line.display_name = self.env._(
                "%(payslip)s: %(line)s",
                payslip=line.payslip_id.display_name or "",
                line=labels.get(line.code, ""),
            )
