from odoo import fields, models, tools
from odoo.tools import SQL

from .sgz_payroll_compute import CONFIRMED_STATES

# A worker's pay of one work month at one employer: its original payslip plus its adjustments (an SQL piece
# other addons may select from, e.g. the reporting addon's statistics: ``FROM sgz_payslip_month``).
#
# Every confirmed payslip of the month counts, replaced ones included: a correction replaces the payslip it
# corrects and pays the difference. So the month's gross pay and contributions are those of its current version
# (the one still confirmed: the original plus every difference since), while what changed hands — tax withheld,
# net pay, amounts recovered — adds up over the original and its adjustments. January of an adjustment of
# +2,000 performance pay on 10,000: gross 12,000; tax 119.10 + 60.00 = 179.10; net 8,850.90 + 1,940.00 = 10,790.90.
WORKER_MONTH_SQL = SQL(
    """
    SELECT min(p.id) AS id, p.company_id, p.employee_id, p.date_from AS month,
           (array_agg(p.station_id ORDER BY p.state = 'confirmed' DESC, p.id DESC))[1] AS station_id,
           (array_agg(p.id ORDER BY p.state = 'confirmed' DESC, p.id DESC))[1] AS payslip_id,
           count(*) AS versions, bool_or(p.is_adjustment) AS adjusted,
           sum(p.paid_gross) AS gross,
           sum(p.employee_insurance) FILTER (WHERE p.state = 'confirmed') AS employee_insurance,
           sum(p.employer_insurance) FILTER (WHERE p.state = 'confirmed') AS employer_insurance,
           sum(p.housing_fund_employee) FILTER (WHERE p.state = 'confirmed') AS housing_fund_employee,
           sum(p.housing_fund_employer) FILTER (WHERE p.state = 'confirmed') AS housing_fund_employer,
           sum(p.employer_cost) FILTER (WHERE p.state = 'confirmed') AS employer_cost,
           sum(p.tax) AS tax, sum(p.net) AS net
      FROM sgz_payslip p
     WHERE p.state IN %s
  GROUP BY p.company_id, p.employee_id, p.date_from
    """,
    CONFIRMED_STATES,
)


class SgzPayslipMonth(models.Model):
    """A worker's pay of one month, original plus adjustments (an SQL view over the confirmed payslips).

    The figures of a payslip describe one version of the month; statistics and reports that add payslips up read
    this view instead, so that a corrected month counts once with its corrected figures (``WORKER_MONTH_SQL``).
    Provider staff only, like the payslips it sums.
    """

    _name = "sgz.payslip.month"
    _description = "Worker-Month Pay"
    _auto = False
    _order = "month desc, employee_id"
    # searching the view flushes what it reads
    _depends = {
        "sgz.payslip": [
            "company_id",
            "employee_id",
            "date_from",
            "station_id",
            "state",
            "is_adjustment",
            "paid_gross",
            "employee_insurance",
            "employer_insurance",
            "housing_fund_employee",
            "housing_fund_employer",
            "employer_cost",
            "tax",
            "net",
        ],
    }

    company_id = fields.Many2one("res.company", string="Employer", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    employee_id = fields.Many2one("hr.employee", string="Worker", readonly=True)
    station_id = fields.Many2one("sgz.station", string="Station", readonly=True)
    month = fields.Date(readonly=True)
    payslip_id = fields.Many2one("sgz.payslip", string="Current Payslip", readonly=True)
    versions = fields.Integer(string="Payslips", readonly=True, help="The original and its adjustments.")
    adjusted = fields.Boolean(readonly=True)
    gross = fields.Monetary(
        string="Gross Pay", readonly=True, help="The original's gross plus the differences paid."
    )
    employee_insurance = fields.Monetary(string="Insurance (Employee)", readonly=True)
    employer_insurance = fields.Monetary(string="Insurance (Employer)", readonly=True)
    housing_fund_employee = fields.Monetary(string="Housing Fund (Employee)", readonly=True)
    housing_fund_employer = fields.Monetary(string="Housing Fund (Employer)", readonly=True)
    employer_cost = fields.Monetary(readonly=True)
    tax = fields.Monetary(
        string="Income Tax", readonly=True, help="Withheld with the original and its adjustments."
    )
    net = fields.Monetary(string="Net Pay", readonly=True, help="Paid with the original and its adjustments.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), WORKER_MONTH_SQL)
        )
