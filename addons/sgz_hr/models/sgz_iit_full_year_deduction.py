from odoo import fields, models


class SgzIitFullYearDeduction(models.Model):
    """公告2020年第19号: whether the full 60,000 basic deduction applies from January for a worker and year.

    Without a record, payroll decides from last year's confirmed payslips at the same employer (wages withheld
    in each of the 12 months, yearly total ≤ 60,000); a record overrides that (e.g. for history kept outside
    this database).
    """

    _name = "sgz.iit.full.year.deduction"
    _description = "Full-Year Basic Deduction (60,000)"
    _inherit = ["mail.thread", "sgz.lock.mixin"]
    _order = "year desc, employee_id"
    _check_company_auto = True
    # a decision is about one worker at one employer: it never moves (company_id is fixed too)
    _sgz_fixed_fields = ("employee_id",)

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Worker", required=True, index=True, check_company=True
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    apply = fields.Boolean(string="Apply 60,000 From January", default=True, tracking=True)
    note = fields.Char()

    _sql_constraints = [
        (
            "employee_year_unique",
            "unique(company_id, employee_id, year)",
            "One decision per worker and year.",
        ),
    ]
