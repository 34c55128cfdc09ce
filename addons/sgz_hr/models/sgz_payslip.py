import calendar
import datetime
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.sgz_base.lib import rmb_upper

from ..engine import ZERO, PayslipInput, YearToDate, compute_batch, compute_payslip
from .sgz_insurance_scheme import amount as to_decimal

LINE_CODES = [
    ("BASIC", "Basic Wage"),
    ("ALW", "Allowances"),
    ("PERF", "Performance Pay"),
    ("UNPAID", "Unpaid Leave Deduction"),
    ("GROSS", "Gross Pay"),
    ("BASE", "Contribution Base"),
    ("EE_PENSION", "Pension Insurance (Employee)"),
    ("EE_MEDICAL", "Medical Insurance (Employee)"),
    ("EE_UNEMPLOYMENT", "Unemployment Insurance (Employee)"),
    ("EE_INJURY", "Work Injury Insurance (Employee)"),
    ("EE_MATERNITY", "Maternity Insurance (Employee)"),
    ("HF_EE", "Housing Fund (Employee)"),
    ("SAD_CHILD_EDUCATION", "Child Education Deduction"),
    ("SAD_INFANT_CARE", "Infant Care Deduction"),
    ("SAD_ELDERLY_SUPPORT", "Elderly Support Deduction"),
    ("SAD_CONTINUING_EDUCATION", "Continuing Education Deduction"),
    ("SAD_MORTGAGE_INTEREST", "Mortgage Interest Deduction"),
    ("SAD_HOUSING_RENT", "Housing Rent Deduction"),
    ("IIT", "Individual Income Tax"),
    ("NET", "Net Pay"),
    ("ER_PENSION", "Pension Insurance (Employer)"),
    ("ER_MEDICAL", "Medical Insurance (Employer)"),
    ("ER_UNEMPLOYMENT", "Unemployment Insurance (Employer)"),
    ("ER_INJURY", "Work Injury Insurance (Employer)"),
    ("ER_MATERNITY", "Maternity Insurance (Employer)"),
    ("HF_ER", "Housing Fund (Employer)"),
    ("COST", "Employer Cost"),
]
# lines stored even when zero; other zero lines (no unpaid leave, a 0 % employee rate, …) are left out
KEEP_ZERO_LINES = ("BASIC", "GROSS", "BASE", "IIT", "NET", "COST")
LINE_SEQUENCE = {code: index * 10 for index, (code, _label) in enumerate(LINE_CODES)}
LINE_CATEGORIES = [
    ("earning", "Earnings"),
    ("deduction", "Deductions"),
    ("net", "Net Pay"),
    ("employer", "Employer Contributions"),
    ("info", "Information"),
]
# the fields a clerk may change on a draft payslip; changing one asks for a new computation
INPUT_FIELDS = {"base_wage", "allowances", "performance_pay", "unpaid_leave_deduction", "worked_days"}
# the fields computing writes (by SQL, in one statement for the whole batch)
RESULT_FIELDS = (
    "gross",
    "contribution_base",
    "employee_insurance",
    "employer_insurance",
    "housing_fund_employee",
    "housing_fund_employer",
    "special_deductions",
    "cumulative_income",
    "cumulative_deductions",
    "cumulative_taxable",
    "cumulative_tax",
    "tax",
    "net",
    "employer_cost",
)


def line_category(code):
    if code in ("BASIC", "ALW", "PERF", "UNPAID", "GROSS"):
        return "earning"
    if code == "NET":
        return "net"
    if code.startswith(("EE_", "HF_EE")) or code == "IIT":
        return "deduction"
    if code.startswith(("ER_", "HF_ER")) or code == "COST":
        return "employer"
    return "info"


def pg_array(values):
    """A PostgreSQL array literal of plain values (numbers, booleans, None, codes without commas or quotes).

    Passing one literal per column instead of a Python list spares psycopg2 adapting every element, which is
    most of the cost of sending the lines of thousands of payslips.
    """
    body = ",".join(
        "NULL" if value is None else ("t" if value else "f") if isinstance(value, bool) else str(value)
        for value in values
    )
    return "{" + body + "}"


def month_bounds(day):
    start = day.replace(day=1)
    return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])


class SgzPayslip(models.Model):
    _name = "sgz.payslip"
    _description = "Payslip"
    _inherit = ["mail.thread"]
    _order = "date_from desc, employee_id, id"
    _check_company_auto = True

    run_id = fields.Many2one(
        "sgz.payroll.run", string="Payroll Run", index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    employee_id = fields.Many2one(
        "hr.employee", string="Worker", required=True, index=True, readonly=True, check_company=True
    )
    contract_id = fields.Many2one("hr.contract", string="Contract", readonly=True, check_company=True)
    station_id = fields.Many2one("sgz.station", string="Station", readonly=True)
    date_from = fields.Date(string="Month", required=True, index=True, readonly=True)
    date_to = fields.Date(string="Month End", readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("replaced", "Replaced by Adjustment")],
        default="draft",
        required=True,
        index=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    is_adjustment = fields.Boolean(string="Adjustment", readonly=True, copy=False)
    origin_payslip_id = fields.Many2one(
        "sgz.payslip",
        string="Corrects",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
    )
    adjustment_ids = fields.One2many("sgz.payslip", "origin_payslip_id", string="Adjustments")
    # inputs
    base_wage = fields.Monetary(help="Monthly base wage of the contract, before proration.")
    allowances = fields.Monetary()
    performance_pay = fields.Monetary()
    unpaid_leave_deduction = fields.Monetary()
    worked_days = fields.Integer(help="Calendar days of the month under contract.")
    calendar_days = fields.Integer(readonly=True)
    scheme_region_id = fields.Many2one("sgz.region", string="Insurance Region", readonly=True)
    housing_fund_rate = fields.Float(string="Housing Fund Rate (%)", digits=(6, 2), readonly=True)
    # results
    is_computed = fields.Boolean(string="Computed", readonly=True, copy=False)
    no_scheme = fields.Boolean(string="No Insurance Scheme", readonly=True, copy=False)
    scheme_id = fields.Many2one("sgz.insurance.scheme", string="Insurance Scheme", readonly=True, copy=False)
    full_year_deduction = fields.Boolean(string="60,000 From January", readonly=True, copy=False)
    ytd_months = fields.Integer(string="Months Employed This Year", readonly=True, copy=False)
    gross = fields.Monetary(string="Gross Pay", readonly=True, copy=False)
    contribution_base = fields.Monetary(readonly=True, copy=False)
    employee_insurance = fields.Monetary(string="Employee Insurance", readonly=True, copy=False)
    employer_insurance = fields.Monetary(string="Employer Insurance", readonly=True, copy=False)
    housing_fund_employee = fields.Monetary(string="Housing Fund (Employee)", readonly=True, copy=False)
    housing_fund_employer = fields.Monetary(string="Housing Fund (Employer)", readonly=True, copy=False)
    special_deductions = fields.Monetary(string="Special Additional Deductions", readonly=True, copy=False)
    cumulative_income = fields.Monetary(readonly=True, copy=False)
    cumulative_deductions = fields.Monetary(readonly=True, copy=False)
    cumulative_taxable = fields.Monetary(string="Cumulative Taxable Income", readonly=True, copy=False)
    cumulative_tax = fields.Monetary(readonly=True, copy=False)
    tax = fields.Monetary(string="Income Tax", readonly=True, copy=False)
    net = fields.Monetary(string="Net Pay", readonly=True, copy=False)
    employer_cost = fields.Monetary(readonly=True, copy=False)
    line_ids = fields.One2many("sgz.payslip.line", "payslip_id", string="Lines", readonly=True)

    @api.depends("employee_id", "date_from", "is_adjustment")
    def _compute_display_name(self):
        for payslip in self:
            name = f"{payslip.employee_id.name or ''} {payslip.date_from.strftime('%Y-%m') if payslip.date_from else ''}"
            if payslip.is_adjustment:
                name = self.env._("%(name)s (adjustment)", name=name)
            payslip.display_name = name

    def write(self, vals):
        if not self.env.context.get("sgz_payslip_system") and set(vals) - set(self._sgz_chatter_fields()):
            locked = self.filtered(lambda p: p.state != "draft")
            if locked:
                raise UserError(
                    self.env._(
                        "The payslip %(name)s is confirmed and locked: it cannot be changed. "
                        "Create an adjustment payslip to correct it.",
                        name=locked[0].display_name,
                    )
                )
            if INPUT_FIELDS & set(vals):
                vals = {**vals, "is_computed": False}
        return super().write(vals)

    def _sgz_chatter_fields(self):
        return [name for name in self._fields if name.startswith(("message_", "activity_"))]

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        locked = self.filtered(lambda p: p.state != "draft")
        if locked:
            raise UserError(
                self.env._(
                    "The payslip %(name)s is confirmed: it cannot be deleted.", name=locked[0].display_name
                )
            )

    # ------------------------------------------------------------------ actions
    def action_compute(self):
        self.check_access("write")
        if self.filtered(lambda p: p.state != "draft"):
            raise UserError(self.env._("Only draft payslips can be computed."))
        self._sgz_compute(self.ids)
        return True

    def action_create_adjustment(self):
        self.ensure_one()
        if self.state != "confirmed":
            raise UserError(self.env._("Only a confirmed payslip can be corrected by an adjustment."))
        adjustment = self.create(self._prepare_adjustment_vals())
        self.message_post(
            body=self.env._("Adjustment payslip %(name)s created.", name=adjustment.display_name)
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sgz.payslip",
            "res_id": adjustment.id,
            "view_mode": "form",
        }

    def _prepare_adjustment_vals(self):
        return {
            "company_id": self.company_id.id,
            "employee_id": self.employee_id.id,
            "contract_id": self.contract_id.id,
            "station_id": self.station_id.id,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "is_adjustment": True,
            "origin_payslip_id": self.id,
            "base_wage": self.base_wage,
            "allowances": self.allowances,
            "performance_pay": self.performance_pay,
            "unpaid_leave_deduction": self.unpaid_leave_deduction,
            "worked_days": self.worked_days,
            "calendar_days": self.calendar_days,
            "scheme_region_id": self.scheme_region_id.id,
            "housing_fund_rate": self.housing_fund_rate,
        }

    def action_confirm_adjustment(self):
        """Confirm an adjustment payslip: it replaces the payslip it corrects in every later figure."""
        if not self.env.user.has_group("sgz_base.sgz_base_group_provider_manager"):
            raise AccessError(self.env._("Only a provider manager may confirm an adjustment payslip."))
        for payslip in self:
            if not payslip.is_adjustment or payslip.state != "draft":
                raise UserError(self.env._("Only a draft adjustment payslip can be confirmed here."))
            if payslip.origin_payslip_id.state != "confirmed":
                raise UserError(
                    self.env._(
                        "The payslip %(name)s was already replaced by another adjustment.",
                        name=payslip.origin_payslip_id.display_name,
                    )
                )
            self._sgz_check_confirmable(payslip.ids)
            system = payslip.with_context(sgz_payslip_system=True)
            system.write({"state": "confirmed"})
            system.origin_payslip_id.write({"state": "replaced"})
            payslip.origin_payslip_id.message_post(
                body=self.env._("Replaced by the adjustment payslip %(name)s.", name=payslip.display_name)
            )
        return True

    # ------------------------------------------------------------------ business
    def _sgz_net_upper(self):
        self.ensure_one()
        return rmb_upper(self.net)

    def _sgz_lines_by_category(self, category):
        self.ensure_one()
        return self.line_ids.filtered(
            lambda line: line.category == category and (line.amount or line.code in ("GROSS", "NET"))
        )

    @api.model
    def _sgz_check_confirmable(self, ids):
        """Refuse, naming the worker, when a payslip is not computed or has no contribution base."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT e.name, p.is_computed, p.no_scheme, r.complete_name, p.date_from
              FROM sgz_payslip p
              JOIN hr_employee e ON e.id = p.employee_id
         LEFT JOIN sgz_region r ON r.id = p.scheme_region_id
             WHERE p.id = ANY(%s) AND (NOT p.is_computed OR p.no_scheme)
          ORDER BY e.name
             LIMIT 1
            """,
            [list(ids)],
        )
        row = self.env.cr.fetchone()
        if not row:
            return
        name, computed, no_scheme, region, month = row
        if not computed:
            raise UserError(
                self.env._("The payslip of %(name)s is not computed: compute the run first.", name=name)
            )
        raise UserError(
            self.env._(
                "The payslip of %(name)s has no contribution base: no social insurance scheme applies to "
                "%(region)s in %(month)s. Add the scheme under Configuration > Payroll Configuration > Insurance Schemes, "
                "then compute again.",
                name=name,
                region=region or self.env._("(no insurance region on the contract)"),
                month=month.strftime("%Y-%m"),
            )
        )

    @api.model
    def _sgz_compute(self, ids):
        """Compute draft payslips: one batch read, the pure engine, one batch write.

        The number of queries depends on the number of distinct (employer, month) groups, never on the
        number of payslips. Callers check access rights first.
        """
        if not ids:
            return
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """
            SELECT p.id, p.employee_id, p.company_id, p.date_from, p.state, p.base_wage, p.allowances,
                   p.performance_pay, p.unpaid_leave_deduction, p.worked_days, p.calendar_days,
                   p.scheme_region_id, p.housing_fund_rate, e.name
              FROM sgz_payslip p
              JOIN hr_employee e ON e.id = p.employee_id
             WHERE p.id = ANY(%s)
          ORDER BY p.id
            """,
            [list(ids)],
        )
        groups = {}
        for row in cr.fetchall():
            if row[4] != "draft":
                raise UserError(self.env._("Only draft payslips can be computed."))
            groups.setdefault((row[2], row[3]), []).append(row)
        for (company_id, month), rows in groups.items():
            self._sgz_compute_group(company_id, month, rows)
        self.invalidate_model()
        self.env["sgz.payslip.line"].invalidate_model()

    @api.model
    def _sgz_compute_group(self, company_id, month, rows):
        cr = self.env.cr
        employee_ids = list({row[1] for row in rows})
        jan1 = month.replace(month=1, day=1)
        # year to date at this employer: confirmed payslips of the earlier months (one grouped query)
        cr.execute(
            """
            SELECT employee_id, count(DISTINCT date_from), sum(gross),
                   sum(employee_insurance + housing_fund_employee), sum(special_deductions), sum(tax)
              FROM sgz_payslip
             WHERE company_id = %s AND state = 'confirmed' AND date_from >= %s AND date_from < %s
               AND employee_id = ANY(%s)
          GROUP BY employee_id
            """,
            [company_id, jan1, month, employee_ids],
        )
        ytd = {
            row[0]: YearToDate(row[1], row[2] or ZERO, row[3] or ZERO, row[4] or ZERO, ZERO, row[5] or ZERO)
            for row in cr.fetchall()
        }
        full_year = self._sgz_full_year_deduction(company_id, month.year, employee_ids)
        cr.execute(
            """
            SELECT employee_id, kind, monthly_amount, date_from, date_to, declared_date
              FROM sgz_special_deduction
             WHERE company_id = %s AND active AND employee_id = ANY(%s)
            """,
            [company_id, employee_ids],
        )
        specials = self.env["sgz.special.deduction"]._sgz_amounts(cr.fetchall(), month)
        schemes = self.env["sgz.insurance.scheme"].sudo()._sgz_lookup({(row[11], month) for row in rows})
        table = self.env["sgz.iit.table"].sudo()._sgz_for_date(month)
        brackets = table._sgz_brackets()
        basic = to_decimal(table.monthly_basic_deduction)
        rules_cache = {}
        start_of_year = YearToDate()

        inputs = []
        for row in rows:
            (
                _id,
                employee_id,
                _c,
                _m,
                _s,
                base,
                allowances,
                perf,
                unpaid,
                worked,
                days,
                region_id,
                hf_rate,
                name,
            ) = row
            scheme = schemes.get((region_id, month))
            if scheme:
                key = (scheme.id, hf_rate or 0.0)
                if key not in rules_cache:
                    rules_cache[key] = scheme._sgz_rules(hf_rate or 0.0)
                rules, housing = rules_cache[key]
            else:
                rules, housing = (), None
            prorate = bool(days) and worked is not None and worked != days
            try:
                inputs.append(
                    PayslipInput(
                        base_wage=base or ZERO,
                        allowances=allowances or ZERO,
                        performance_pay=perf or ZERO,
                        unpaid_leave_deduction=unpaid or ZERO,
                        worked_days=worked if prorate else None,
                        calendar_days=days if prorate else None,
                        insurance_rules=rules,
                        housing_fund_rule=housing,
                        special_deductions=sum(specials.get(employee_id, {}).values(), ZERO),
                        ytd=ytd.get(employee_id, start_of_year),
                        full_year_basic_deduction=full_year.get(employee_id, False),
                        brackets=brackets,
                        monthly_basic_deduction=basic,
                    )
                )
            except ValueError as error:
                raise UserError(
                    self.env._(
                        "The payslip of %(name)s cannot be computed: %(error)s", name=name, error=error
                    )
                ) from None
        try:
            results = compute_batch(inputs)
        except ValueError:
            for row, inp in zip(rows, inputs, strict=True):
                try:
                    compute_payslip(inp)
                except ValueError as error:
                    raise UserError(
                        self.env._(
                            "The payslip of %(name)s cannot be computed: %(error)s", name=row[13], error=error
                        )
                    ) from None
            raise

        # one UPDATE for the payslips, one DELETE and one INSERT for their lines
        columns = {
            name: [] for name in ("id", "scheme_id", "no_scheme", "full_year", "ytd_months", *RESULT_FIELDS)
        }
        line_cols = ([], [], [], [], [])  # payslip_id, sequence, code, category, amount
        for row, result in zip(rows, results, strict=True):
            payslip_id, employee_id = row[0], row[1]
            scheme = schemes.get((row[11], month))
            iit = result.iit
            base = result.insurance[0].base if result.insurance else ZERO
            values = {
                "id": payslip_id,
                "scheme_id": scheme.id or None,
                "no_scheme": not scheme,
                "full_year": full_year.get(employee_id, False),
                "ytd_months": iit.months_employed,
                "gross": result.gross,
                "contribution_base": base,
                "employee_insurance": result.employee_contributions,
                "employer_insurance": result.employer_contributions,
                "housing_fund_employee": result.housing_fund_employee,
                "housing_fund_employer": result.housing_fund_employer,
                "special_deductions": result.special_deductions,
                "cumulative_income": iit.cumulative_income,
                "cumulative_deductions": iit.cumulative_deductions,
                "cumulative_taxable": iit.taxable,
                "cumulative_tax": iit.cumulative_tax,
                "tax": result.tax,
                "net": result.net,
                "employer_cost": result.employer_cost,
            }
            for name, value in values.items():
                columns[name].append(value)
            lines = [(line.code, line.amount) for line in result.lines]
            lines.append(("BASE", base))
            for kind, value in specials.get(employee_id, {}).items():
                lines.append((f"SAD_{kind.upper()}", value))
            for code, value in lines:
                if not value and code not in KEEP_ZERO_LINES:
                    continue
                line_cols[0].append(payslip_id)
                line_cols[1].append(LINE_SEQUENCE.get(code, 999))
                line_cols[2].append(code)
                line_cols[3].append(line_category(code))
                line_cols[4].append(value)
        sets = ", ".join(f"{name} = v.{name}" for name in RESULT_FIELDS)
        cr.execute(
            f"""
            UPDATE sgz_payslip p
               SET {sets},
                   scheme_id = v.scheme_id, no_scheme = v.no_scheme, full_year_deduction = v.full_year,
                   ytd_months = v.ytd_months, is_computed = TRUE,
                   write_uid = %s, write_date = (now() AT TIME ZONE 'UTC')
              FROM unnest(%s::int[], %s::int[], %s::bool[], %s::bool[], %s::int[],
                          {", ".join(["%s::numeric[]"] * len(RESULT_FIELDS))})
                   AS v(id, scheme_id, no_scheme, full_year, ytd_months, {", ".join(RESULT_FIELDS)})
             WHERE p.id = v.id
            """,
            [
                self.env.uid,
                pg_array(columns["id"]),
                pg_array(columns["scheme_id"]),
                pg_array(columns["no_scheme"]),
                pg_array(columns["full_year"]),
                pg_array(columns["ytd_months"]),
                *(pg_array(columns[name]) for name in RESULT_FIELDS),
            ],
        )
        cr.execute("DELETE FROM sgz_payslip_line WHERE payslip_id = ANY(%s)", [columns["id"]])
        cr.execute(
            """
            INSERT INTO sgz_payslip_line
                   (payslip_id, company_id, sequence, code, category, amount,
                    create_uid, create_date, write_uid, write_date)
            SELECT v.payslip_id, %s, v.sequence, v.code, v.category, v.amount,
                   %s, (now() AT TIME ZONE 'UTC'), %s, (now() AT TIME ZONE 'UTC')
              FROM unnest(%s::int[], %s::int[], %s::varchar[], %s::varchar[], %s::numeric[])
                   AS v(payslip_id, sequence, code, category, amount)
            """,
            [company_id, self.env.uid, self.env.uid, *(pg_array(column) for column in line_cols)],
        )

    @api.model
    def _sgz_full_year_deduction(self, company_id, year, employee_ids):
        """公告2020年第19号 per worker: a recorded decision, else last year's payslips (one grouped query)."""
        cr = self.env.cr
        cr.execute(
            """
            SELECT employee_id, count(DISTINCT date_from), sum(gross)
              FROM sgz_payslip
             WHERE company_id = %s AND state = 'confirmed' AND date_from >= %s AND date_from < %s
               AND employee_id = ANY(%s)
          GROUP BY employee_id
            """,
            [company_id, datetime.date(year - 1, 1, 1), datetime.date(year, 1, 1), employee_ids],
        )
        result = {
            employee_id: months == 12 and (gross or ZERO) <= Decimal(60000)
            for employee_id, months, gross in cr.fetchall()
        }
        cr.execute(
            """
            SELECT employee_id, apply FROM sgz_iit_full_year_deduction
             WHERE company_id = %s AND year = %s AND employee_id = ANY(%s)
            """,
            [company_id, year, employee_ids],
        )
        result.update(dict(cr.fetchall()))
        return result


class SgzPayslipLine(models.Model):
    _name = "sgz.payslip.line"
    _description = "Payslip Line"
    _order = "payslip_id, sequence, id"

    payslip_id = fields.Many2one("sgz.payslip", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    sequence = fields.Integer()
    code = fields.Selection(LINE_CODES, string="Line", required=True)
    category = fields.Selection(LINE_CATEGORIES, required=True)
    amount = fields.Monetary()
