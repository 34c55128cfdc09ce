from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine import ZERO, fen, to_decimal
from .sgz_payroll_compute import CONFIRMED_STATES

BASE_SOURCES = [
    ("previous_year", "Previous Year's Average Wage"),
    ("new_hire", "First Full Month's Wage"),
    ("corrected", "Corrected"),
]


class SgzContributionBase(models.Model):
    """The insurance and housing fund base a provider declares for a worker and contribution year (缴费基数).

    Payroll creates it with the first payslip of the contribution year: the average monthly total wage
    (工资总额: base, allowances, performance pay, bonuses, 国家统计局《关于工资总额组成的规定》第四条) of the
    worker's confirmed payslips of the previous calendar year at this employer, or, for a new hire, the first
    full month's wage. Every insurance clamps it to the scheme's floor and ceiling. HR may correct it, giving
    the reason (kept in the chatter); the next computations use the corrected figure.
    """

    _name = "sgz.contribution.base"
    _description = "Declared Contribution Base"
    _inherit = ["mail.thread", "sgz.lock.mixin"]
    _order = "year desc, employee_id"
    _check_company_auto = True
    _sgz_create_by_action = True
    _sgz_action_fields = ("company_id", "employee_id", "year", "source", "months")

    company_id = fields.Many2one("res.company", string="Employer", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    employee_id = fields.Many2one(
        "hr.employee", string="Worker", required=True, index=True, check_company=True, ondelete="restrict"
    )
    year = fields.Integer(
        string="Contribution Year", required=True, help="The year the contribution year starts in."
    )
    amount = fields.Monetary(string="Declared Wage", required=True, tracking=True)
    source = fields.Selection(BASE_SOURCES, required=True, tracking=True)
    months = fields.Integer(
        string="Months Averaged", help="Months of last year's payslips behind the average."
    )
    correction_reason = fields.Char(tracking=True)

    _sql_constraints = [
        (
            "employee_year_unique",
            "unique(company_id, employee_id, year)",
            "A worker has one declared contribution base per employer and contribution year.",
        ),
    ]

    @api.depends("employee_id", "year")
    def _compute_display_name(self):
        for base in self:
            base.display_name = f"{base.employee_id.name or ''} {base.year or ''}"

    def write(self, vals):
        """The correction is the only change HR makes: the declared wage with its reason, nothing else (the
        worker, employer, year and the figures it was derived from stay as payroll declared them)."""
        if not self._sgz_lock_lifted() and {"amount", "correction_reason"} & set(vals):
            others = self._sgz_user_fields(vals) - {"amount", "correction_reason"}
            if others:
                raise UserError(
                    self.env._(
                        "A declared contribution base changes only by a correction of the declared wage with its "
                        "reason: %(fields)s cannot change.",
                        fields=self._sgz_field_labels(others),
                    )
                )
            if "amount" not in vals:
                raise UserError(self.env._("A correction reason goes with the corrected declared wage."))
            self.check_access("write")
            reason = (vals.get("correction_reason") or "").strip()
            if not reason:
                raise UserError(self.env._("Say why the declared contribution base is corrected."))
            if vals["amount"] is False or float(vals["amount"]) <= 0:
                raise UserError(self.env._("A declared contribution base must be positive."))
            with self._sgz_unlocked():
                return super().write({**vals, "correction_reason": reason, "source": "corrected"})
        return super().write(vals)

    # ---- payroll -------------------------------------------------------------------------------------------

    @api.model
    def _sgz_bases(self, group):
        """``{(employee_id, month): (base id, Decimal amount)}`` for the payslips of a payroll group, creating
        the bases of the contribution years not declared yet (a constant number of queries)."""
        wanted = {}
        for row in group.rows:
            start = group.schemes[row["scheme_region_id"], row["date_from"]].contribution_year_start_month
            month = row["date_from"]
            year = month.year if month.month >= start else month.year - 1
            wanted[row["employee_id"], month] = year
        found = self._sgz_read_bases(group.company_id, wanted)
        missing = {
            (employee_id, year)
            for (employee_id, _month), year in wanted.items()
            if (employee_id, year) not in found
        }
        if missing:
            self._sgz_create_bases(group, missing)
            found = self._sgz_read_bases(group.company_id, wanted)
        return {key: found[key[0], year] for key, year in wanted.items()}

    @api.model
    def _sgz_read_bases(self, company_id, wanted):
        self.env.cr.execute(
            SQL(
                """
                SELECT id, employee_id, year, amount FROM sgz_contribution_base
                 WHERE company_id = %s AND employee_id = ANY(%s) AND year = ANY(%s)
                """,
                company_id,
                list({employee_id for employee_id, _month in wanted}),
                list(set(wanted.values())),
            )
        )
        return {
            (row["employee_id"], row["year"]): (row["id"], to_decimal(row["amount"]))
            for row in self.env.cr.dictfetchall()
        }

    @api.model
    def _sgz_create_bases(self, group, missing):
        """Last calendar year's average monthly gross pay over the full months paid here (confirmed payslips,
        adjustments included), else the first full month's wage of the current contract."""
        averages = self._sgz_last_year_averages(group.company_id, missing)
        full_month = {}
        for row in group.rows:
            periods = group.periods.get(row["id"])
            if periods:
                last = periods[-1]
                full_month[row["employee_id"]] = (
                    last["base_wage"] + last["allowances"] + last["performance_pay"]
                )
        columns = {"employee_id": [], "year": [], "amount": [], "source": [], "months": []}
        for employee_id, year in sorted(missing):
            amount, months = averages.get((employee_id, year), (full_month.get(employee_id, ZERO), 0))
            values = (employee_id, year, amount, "previous_year" if months else "new_hire", months)
            for name, value in zip(columns, values, strict=True):
                columns[name].append(value)
        self._sgz_insert_bases(group.company_id, columns)

    @api.model
    def _sgz_last_year_averages(self, company_id, missing):
        """``{(employee_id, year): (average, months)}``: the average monthly gross pay of the full months of the
        calendar year before each contribution year (one grouped query)."""
        self.env.cr.execute(
            SQL(
                """
                SELECT employee_id, extract(year FROM date_from)::int + 1 AS year,
                       sum(paid_gross) AS gross,
                       count(DISTINCT date_from) FILTER (WHERE NOT is_adjustment) AS months
                  FROM sgz_payslip
                 WHERE company_id = %(company)s AND state IN %(paid)s AND employee_id = ANY(%(employees)s)
                   AND extract(year FROM date_from)::int + 1 = ANY(%(years)s)
                   AND date_from IN (SELECT date_from FROM sgz_payslip q
                                      WHERE q.employee_id = sgz_payslip.employee_id AND NOT q.is_adjustment
                                        AND q.worked_days = q.calendar_days AND q.state IN %(paid)s)
              GROUP BY employee_id, extract(year FROM date_from)
                """,
                company=company_id,
                paid=CONFIRMED_STATES,
                employees=list({employee_id for employee_id, _year in missing}),
                years=list({year for _employee_id, year in missing}),
            )
        )
        return {
            (row["employee_id"], row["year"]): (fen(to_decimal(row["gross"]) / row["months"]), row["months"])
            for row in self.env.cr.dictfetchall()
            if row["months"]
        }

    @api.model
    def _sgz_insert_bases(self, company_id, columns):
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO sgz_contribution_base
                       (company_id, employee_id, year, amount, source, months,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(company)s, v.employee_id, v.year, v.amount, v.source, v.months,
                       %(uid)s, (now() AT TIME ZONE 'UTC'), %(uid)s, (now() AT TIME ZONE 'UTC')
                  FROM unnest(%(employees)s::int[], %(years)s::int[], %(amounts)s::numeric[],
                              %(sources)s::varchar[], %(months)s::int[]) AS v(employee_id, year, amount, source, months)
                """,
                company=company_id,
                uid=self.env.uid,
                employees=columns["employee_id"],
                years=columns["year"],
                amounts=columns["amount"],
                sources=columns["source"],
                months=columns["months"],
            )
        )
