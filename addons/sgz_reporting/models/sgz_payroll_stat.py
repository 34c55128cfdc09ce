from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.sgz_hr.models.sgz_payslip_month import WORKER_MONTH_SQL, SgzPayslipMonth


class SgzPayrollStat(models.Model):
    """Payroll cost per month, provider and station, from the worker-months of sgz_hr (an SQL view: totals only):
    a corrected month counts once, its original plus its adjustments (``WORKER_MONTH_SQL``).

    A total over one or two people is their pay: the bureaus, who may not read payslips, see only the rows
    summing the pay of 3 distinct workers or more (record rule
    ``sgz_payroll_stat_rule_three_workers``); the provider's staff, who read the payslips anyway, see every row.
    Rows are the smallest unit a bureau can group, so no grouping of what it sees covers fewer than three
    workers. A difference still can: the same station's rows of two months differ by one worker's pay in the
    month that worker is hired or leaves, or by one correction when an adjustment replaces a payslip. The rule
    keeps individual pay out of any single figure; it does not make the series private."""

    _name = "sgz.payroll.stat"
    _description = "Payroll Cost per Month"
    _auto = False
    _order = "month desc"
    # searching the view flushes what it reads: the worker-months' payslip fields
    _depends = SgzPayslipMonth._depends

    month = fields.Date(readonly=True)
    provider_id = fields.Many2one("res.company", string="Provider", readonly=True)
    station_id = fields.Many2one("sgz.station", string="Station", readonly=True)
    county_id = fields.Many2one("res.company", string="County Bureau", readonly=True)
    city_id = fields.Many2one("res.company", string="City Bureau", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    payslips = fields.Integer(readonly=True, aggregator="sum")
    workers = fields.Integer(readonly=True, aggregator="sum", help="Distinct workers paid by these payslips.")
    gross = fields.Monetary(string="Gross Pay", readonly=True, aggregator="sum")
    employee_insurance = fields.Monetary(string="Insurance (Employee)", readonly=True, aggregator="sum")
    employer_insurance = fields.Monetary(string="Insurance (Employer)", readonly=True, aggregator="sum")
    tax = fields.Monetary(string="Income Tax", readonly=True, aggregator="sum")
    net = fields.Monetary(string="Net Pay", readonly=True, aggregator="sum")
    employer_cost = fields.Monetary(string="Employer Cost", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    WITH m AS (%s)
                    SELECT min(m.id) AS id, m.month, m.company_id AS provider_id, m.station_id,
                           s.company_id AS county_id, county.parent_id AS city_id, provider.currency_id,
                           sum(m.versions) AS payslips,
                           count(DISTINCT m.employee_id) AS workers, sum(m.gross) AS gross,
                           sum(m.employee_insurance) AS employee_insurance,
                           sum(m.employer_insurance) AS employer_insurance, sum(m.tax) AS tax, sum(m.net) AS net,
                           sum(m.employer_cost) AS employer_cost
                      FROM m
                      JOIN res_company provider ON provider.id = m.company_id
                 LEFT JOIN sgz_station s ON s.id = m.station_id
                 LEFT JOIN res_company county ON county.id = s.company_id
                  GROUP BY m.month, m.company_id, m.station_id, s.company_id, county.parent_id,
                           provider.currency_id
                )
                """,
                SQL.identifier(self._table),
                WORKER_MONTH_SQL,
            )
        )
