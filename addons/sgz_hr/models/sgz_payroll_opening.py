import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, date_utils

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from ..engine import SPECIAL_DEDUCTION_KINDS, special_code
from .sgz_payroll_compute import CONFIRMED_STATES

# the opening's field of each kind of special additional deduction
SPECIAL_FIELDS = {kind.code: f"special_{kind.code}" for kind in SPECIAL_DEDUCTION_KINDS}


class SgzPayrollOpening(models.Model):
    """本年期初累计数: what a worker was paid and withheld at this employer in the earlier months of the tax
    year, before the employer's payroll ran in this database.

    Income tax on wages is withheld by the cumulative method (国家税务总局公告2018年第61号): each month's tax
    comes from the year's cumulative income, deductions and tax already withheld at the same employer. A
    provider that starts its payroll here in October has nine months of figures elsewhere (its former
    system, the 扣缴客户端): without them October would be taxed as the worker's first month of the year.
    The HR user enters those figures once per worker and year, through the last tax month they cover, and
    confirms them; payroll then adds them to the year to date of every later month, and refuses to compute a
    month they already cover.
    """

    _name = "sgz.payroll.opening"
    _description = "Year-to-Date Opening Balance"
    _inherit = ["mail.thread", "sgz.lock.mixin"]
    _order = "year desc, employee_id"
    _check_company_auto = True
    _sgz_locked_states = ("confirmed",)
    _sgz_action_fields = ("state",)
    _sgz_unlink_states = ("draft",)
    _sgz_fixed_fields = ("employee_id",)

    company_id = fields.Many2one(
        "res.company", string="Employer", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    employee_id = fields.Many2one(
        "hr.employee", string="Worker", required=True, index=True, check_company=True, tracking=True
    )
    year = fields.Integer(string="Tax Year", required=True, tracking=True)
    last_month = fields.Integer(
        string="Through Month",
        required=True,
        tracking=True,
        help="The last tax month (month the wages were paid) these figures cover, 1–11: payroll in this "
        "database continues with the next month.",
    )
    months_employed = fields.Integer(
        string="Months Employed",
        required=True,
        tracking=True,
        help="Months of the year through that month in which the worker was employed here: each counts "
        "5,000 of basic deduction.",
    )
    gross = fields.Monetary(string="Cumulative Income", tracking=True)
    contributions = fields.Monetary(
        string="Cumulative Special Deductions",
        tracking=True,
        help="The worker's own social insurance and housing fund contributions (专项扣除).",
    )
    # 累计专项附加扣除 per kind, as the withholding client's wage sheet carries them (its cumulative columns)
    special_child_education = fields.Monetary(string="Cumulative Child Education", tracking=True)
    special_infant_care = fields.Monetary(string="Cumulative Infant Care (under 3)", tracking=True)
    special_elderly_support = fields.Monetary(string="Cumulative Elderly Support", tracking=True)
    special_continuing_education = fields.Monetary(string="Cumulative Continuing Education", tracking=True)
    special_mortgage_interest = fields.Monetary(string="Cumulative Mortgage Interest", tracking=True)
    special_housing_rent = fields.Monetary(string="Cumulative Housing Rent", tracking=True)
    special_deductions = fields.Monetary(
        string="Cumulative Special Additional Deductions",
        compute="_compute_special_deductions",
        store=True,
        help="The kinds above added up.",
    )
    other_deductions = fields.Monetary(string="Cumulative Other Deductions", tracking=True)
    tax_withheld = fields.Monetary(string="Cumulative Tax Withheld", tracking=True)
    note = fields.Char(string="Source", help="Where the figures come from, e.g. the former payroll system.")
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")], default="draft", required=True, tracking=True
    )

    _sql_constraints = [
        (
            "employee_year_unique",
            "unique(company_id, employee_id, year)",
            "One opening balance per worker, employer and year.",
        ),
    ]

    @api.depends("employee_id", "year", "last_month")
    def _compute_display_name(self):
        for opening in self:
            opening.display_name = self.env._(
                "%(worker)s %(year)s, months 1–%(month)s",
                worker=opening.employee_id.name or "",
                year=opening.year or "",
                month=opening.last_month or "",
            )

    @api.depends(*SPECIAL_FIELDS.values())
    def _compute_special_deductions(self):
        for opening in self:
            opening.special_deductions = sum(opening[name] for name in SPECIAL_FIELDS.values())

    @api.constrains("year", "last_month", "months_employed")
    def _check_months(self):
        for opening in self:
            if not 2000 <= opening.year <= 2100:
                raise ValidationError(self.env._("The tax year %(year)s is not a year.", year=opening.year))
            if not 1 <= opening.last_month <= 11:
                raise ValidationError(
                    self.env._(
                        "The opening balance covers January through a month from January to November (got "
                        "%(month)s): December's figures are the year's end, not an opening.",
                        month=opening.last_month,
                    )
                )
            if not 1 <= opening.months_employed <= opening.last_month:
                raise ValidationError(
                    self.env._(
                        "%(worker)s: the months employed (%(months)s) must be between 1 and the months covered "
                        "(%(last)s).",
                        worker=opening.employee_id.name,
                        months=opening.months_employed,
                        last=opening.last_month,
                    )
                )

    @api.constrains("gross", "contributions", "other_deductions", "tax_withheld", *SPECIAL_FIELDS.values())
    def _check_amounts(self):
        for opening in self:
            amounts = (
                opening.gross,
                opening.contributions,
                opening.other_deductions,
                opening.tax_withheld,
                *(opening[name] for name in SPECIAL_FIELDS.values()),
            )
            if any(amount < 0 for amount in amounts):
                raise ValidationError(
                    self.env._(
                        "%(worker)s: the cumulative figures of an opening balance cannot be negative.",
                        worker=opening.employee_id.name,
                    )
                )
            if opening.tax_withheld > opening.gross:
                raise ValidationError(
                    self.env._(
                        "%(worker)s: the tax withheld cannot exceed the cumulative income.",
                        worker=opening.employee_id.name,
                    )
                )

    def _sgz_payslip_domain(self, states, first_month=1, stop_month=13):
        """The worker's payslips at this employer in ``states``, taxed from ``first_month`` of the year up to (not
        including) ``stop_month`` (13: the end of the year)."""
        self.ensure_one()
        first = datetime.date(self.year, first_month, 1)
        stop = (
            datetime.date(self.year + 1, 1, 1)
            if stop_month == 13
            else datetime.date(self.year, stop_month, 1)
        )
        return [
            ("company_id", "=", self.company_id.id),
            ("employee_id", "=", self.employee_id.id),
            ("state", "in", states),
            ("tax_month", ">=", first),
            ("tax_month", "<", stop),
        ]

    def _sgz_payslips_in_year(self, after_last_month):
        """Confirmed payslips of the worker at this employer in the year: within the months covered, or after."""
        covered_until = self.last_month + 1
        if after_last_month:
            domain = self._sgz_payslip_domain(CONFIRMED_STATES, first_month=covered_until)
        else:
            domain = self._sgz_payslip_domain(CONFIRMED_STATES, stop_month=covered_until)
        return self.env["sgz.payslip"].sudo().search_count(domain, limit=1)

    def _sgz_months_under_contract(self):
        """Months from January through ``last_month`` with a contract of the worker at this employer: the
        cumulative method starts again at each employer (公告2018年第61号), so no more months can be brought in."""
        self.ensure_one()
        contracts = (
            self.env["hr.contract"]
            .sudo()
            .search(
                [
                    ("employee_id", "=", self.employee_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("state", "in", ("open", "close")),
                ]
            )
        )
        months = 0
        for month in range(1, self.last_month + 1):
            first = datetime.date(self.year, month, 1)
            last = date_utils.end_of(first, "month")
            months += any(c.date_start <= last and (not c.date_end or c.date_end >= first) for c in contracts)
        return months

    def _sgz_check_confirmable(self):
        self.ensure_one()
        values = {"worker": self.employee_id.name, "year": self.year, "month": self.last_month}
        if self.employee_id.user_id == self.env.user:
            raise UserError(
                self.env._(
                    "%(worker)s: this is your own pay; another HR user enters your opening balance.", **values
                )
            )
        if self._sgz_payslips_in_year(after_last_month=False):
            raise UserError(
                self.env._(
                    "%(worker)s has confirmed payslips in this database for months of %(year)s through "
                    "%(month)s: their figures are already in the year to date, an opening balance would "
                    "count them twice.",
                    **values,
                )
            )
        if self._sgz_payslips_in_year(after_last_month=True):
            raise UserError(
                self.env._(
                    "%(worker)s's payslips of %(year)s after month %(month)s are already confirmed without an "
                    "opening balance: correct them with adjustments instead.",
                    **values,
                )
            )
        under_contract = self._sgz_months_under_contract()
        if self.months_employed > under_contract:
            raise UserError(
                self.env._(
                    "%(worker)s was under contract here in %(contract)s month(s) of %(year)s through month "
                    "%(month)s, not %(months)s: months at another employer are not part of this year to date.",
                    contract=under_contract,
                    months=self.months_employed,
                    **values,
                )
            )

    def _sgz_recompute_later_months(self):
        """The worker's draft payslips of the year here were computed without (or with other) opening figures:
        they are computed again before their run can be confirmed."""
        self.env["sgz.payslip"].sudo().search(self._sgz_payslip_domain(("draft",)))._sgz_mark_uncomputed()

    @sgz_action(lock_rows=True)
    def action_confirm(self):
        for opening in self.filtered(lambda o: o.state == "draft"):
            opening._sgz_check_confirmable()
            opening.write({"state": "confirmed"})
            opening._sgz_recompute_later_months()
        return True

    @sgz_action(lock_rows=True)
    def action_draft(self):
        for opening in self.filtered(lambda o: o.state == "confirmed"):
            if opening._sgz_payslips_in_year(after_last_month=True):
                raise UserError(
                    self.env._(
                        "%(worker)s's payslips of %(year)s after month %(month)s were computed with this opening "
                        "balance and are confirmed: it can no longer be changed.",
                        worker=opening.employee_id.name,
                        year=opening.year,
                        month=opening.last_month,
                    )
                )
            opening.write({"state": "draft"})
            opening._sgz_recompute_later_months()
        return True

    @api.model
    def _sgz_specials_by_kind(self, company_id, year, employee_ids):
        """``{employee_id: {SAD_* code: Decimal}}``: the special additional deductions of the confirmed opening
        balances of ``year`` per kind (one query), for the cumulative columns of the withholding sheet."""
        self.env.cr.execute(
            SQL(
                """
                SELECT o.employee_id, v.code, v.amount
                  FROM sgz_payroll_opening o
                 CROSS JOIN LATERAL (VALUES %s) AS v(code, amount)
                 WHERE o.company_id = %s AND o.state = 'confirmed' AND o.year = %s AND o.employee_id = ANY(%s)
                   AND v.amount <> 0
                """,
                SQL(", ").join(
                    SQL("(%s, o.%s)", special_code(kind), SQL.identifier(name))
                    for kind, name in SPECIAL_FIELDS.items()
                ),
                company_id,
                year,
                employee_ids,
            )
        )
        result = {}
        for employee_id, code, amount in self.env.cr.fetchall():
            result.setdefault(employee_id, {})[code] = amount
        return result

    @api.model
    def _sgz_for_group(self, group):
        """The confirmed opening balances of the group's workers for its tax year (one query), with the
        year-to-date columns named as payroll reads them from the payslips. Refuses a tax month that an opening
        balance already covers."""
        self.env.cr.execute(
            SQL(
                """
                SELECT o.employee_id, e.name AS employee_name, o.last_month, o.months_employed AS months,
                       o.gross, o.contributions, o.special_deductions AS specials, o.other_deductions AS other,
                       o.tax_withheld AS tax
                  FROM sgz_payroll_opening o JOIN hr_employee e ON e.id = o.employee_id
                 WHERE o.company_id = %s AND o.state = 'confirmed' AND o.year = %s AND o.employee_id = ANY(%s)
                """,
                group.company_id,
                group.tax_month.year,
                group.employee_ids,
            )
        )
        openings = self.env.cr.dictfetchall()
        covered = sorted(
            row["employee_name"] for row in openings if row["last_month"] >= group.tax_month.month
        )
        if covered:
            raise UserError(
                self.env._(
                    "%(workers)s: the opening balance of %(year)s already covers the tax month %(month)s (wages "
                    "paid then were taxed outside this database); compute the months after it.",
                    workers="、".join(covered),
                    year=group.tax_month.year,
                    month=group.tax_month.strftime("%Y-%m"),
                )
            )
        return openings
