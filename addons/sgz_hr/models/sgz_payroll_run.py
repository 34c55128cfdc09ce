from collections import Counter

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, date_utils

from odoo.addons.sgz_base.lib import format_month
from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from ..engine import LINES, SPECIAL_DEDUCTION_KINDS, ZERO, special_code, to_decimal
from ..report import sgz_payroll_xlsx
from .sgz_payroll_compute import CONFIRMED_STATES

# lines that, on an adjustment, are already what changes hands now (the others are differences from the
# payslip it corrects)
PAID_NOW_CODES = frozenset({"PRIOR", "IIT", "RECOVER", "NET", "OWED"})

RUN_STATES = [("draft", "Draft"), ("confirmed", "Confirmed")]


class SgzPayrollRun(models.Model):
    """A provider's payroll of one month: generate, compute, confirm (then locked). Its payment date is the
    tax month of its payslips (wages are taxed in the month they are paid)."""

    _name = "sgz.payroll.run"
    _description = "Payroll Run"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.lock.mixin"]
    _order = "date_from desc, company_id"
    _check_company_auto = True

    _sgz_locked_states = ("confirmed",)
    _sgz_lock_writable = ("note",)
    _sgz_action_fields = ("state", "confirmed_by_id", "confirmed_date")
    _sgz_unlink_states = ("draft",)

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company",
        string="Employer",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.company,
        domain=[("sgz_kind", "=", "provider")],
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(
        string="Month",
        required=True,
        tracking=True,
        default=lambda self: date_utils.start_of(fields.Date.context_today(self), "month"),
        help="Any day of the month: the run covers the whole calendar month.",
    )
    month_label = fields.Char(string="Payroll Month", compute="_compute_month_label")
    date_to = fields.Date(string="Month End", compute="_compute_date_to", store=True)
    payment_date = fields.Date(
        compute="_compute_payment_date",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        help="The day the wages are paid: its month is the tax month of the payslips (工资薪金所得 is taxed in "
        "the month it is paid). Defaults to the employer's pay day.",
    )
    state = fields.Selection(RUN_STATES, default="draft", required=True, tracking=True, copy=False)
    payslip_ids = fields.One2many("sgz.payslip", "run_id", string="Payslips")
    payslip_count = fields.Integer(compute="_compute_totals")
    total_gross = fields.Monetary(compute="_compute_totals", string="Total Gross")
    total_tax = fields.Monetary(compute="_compute_totals", string="Total Income Tax")
    total_net = fields.Monetary(compute="_compute_totals", string="Total Net")
    total_employer_cost = fields.Monetary(compute="_compute_totals", string="Total Employer Cost")
    confirmed_by_id = fields.Many2one("res.users", string="Confirmed By", readonly=True, copy=False)
    confirmed_date = fields.Datetime(string="Confirmed On", readonly=True, copy=False)
    note = fields.Html()
    sgz_history_warning = fields.Char(
        compute="_compute_sgz_history_warning",
        string="Workers Without Year-to-Date History",
        help="Workers under contract here earlier in the tax year with neither a confirmed payslip nor an opening "
        "balance for those months: their tax is withheld as if this were their first month of the year.",
    )

    _sql_constraints = [
        (
            "company_month_unique",
            "unique(company_id, date_from)",
            "An employer has one payroll run per month: open the existing run (a correction of a confirmed month "
            "is an adjustment payslip in the run of the month it is paid in).",
        ),
    ]

    @api.depends("date_from")
    @api.depends_context("lang")
    def _compute_month_label(self):
        lang = self.env.lang or "en_US"
        for record in self:
            record.month_label = format_month(record.date_from, lang)

    def _compute_sgz_history_warning(self):
        """One query per draft run shown (a form): the go-live case, which the gap check (from the employer's
        first confirmed run) cannot see."""
        for run in self:
            run.sgz_history_warning = False
            if run.state != "draft" or not run.id or not run.payslip_ids:
                continue
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    """
                    SELECT DISTINCT e.name
                      FROM sgz_payslip p
                      JOIN hr_employee e ON e.id = p.employee_id
                     WHERE p.run_id = %(run)s AND NOT p.is_adjustment
                       AND EXISTS (
                           SELECT 1 FROM hr_contract c
                            WHERE c.employee_id = p.employee_id AND c.company_id = p.company_id
                              AND c.state IN ('open', 'close') AND c.date_start < p.date_from
                              AND (c.date_end IS NULL OR c.date_end >= date_trunc('year', p.tax_month)::date))
                       AND NOT EXISTS (
                           SELECT 1 FROM sgz_payslip q
                            WHERE q.company_id = p.company_id AND q.employee_id = p.employee_id
                              AND q.state IN %(paid)s
                              AND q.tax_month >= date_trunc('year', p.tax_month)::date AND q.tax_month < p.tax_month)
                       AND NOT EXISTS (
                           SELECT 1 FROM sgz_payroll_opening o
                            WHERE o.company_id = p.company_id AND o.employee_id = p.employee_id
                              AND o.state = 'confirmed' AND o.year = extract(year FROM p.tax_month))
                  ORDER BY e.name
                    """,
                    run=run.id,
                    paid=CONFIRMED_STATES,
                )
            )
            names = [row[0] for row in self.env.cr.fetchall()]
            if names:
                run.sgz_history_warning = "、".join(names)

    @api.depends("company_id.name", "date_from")
    def _compute_name(self):
        for run in self:
            month = run.date_from.strftime("%Y-%m") if run.date_from else ""
            run.name = f"{run.company_id.name or ''} {month}"

    @api.depends("date_from")
    def _compute_date_to(self):
        for run in self:
            run.date_to = date_utils.end_of(run.date_from, "month") if run.date_from else False

    @api.depends("date_from", "company_id")
    def _compute_payment_date(self):
        for run in self.filtered("date_from"):
            run.payment_date = run.company_id._sgz_pay_date(run.date_from)

    def _compute_totals(self):
        groups = self.env["sgz.payslip"]._read_group(
            [("run_id", "in", self.ids)],
            ["run_id"],
            ["__count", "gross:sum", "tax:sum", "net:sum", "employer_cost:sum"],
        )
        totals = {run.id: values for run, *values in groups}
        for run in self:
            count, gross, tax, net, cost = totals.get(run.id, (0, 0.0, 0.0, 0.0, 0.0))
            run.payslip_count = count
            run.total_gross = gross
            run.total_tax = tax
            run.total_net = net
            run.total_employer_cost = cost

    @api.constrains("company_id", "date_from", "payment_date")
    def _check_company_month(self):
        for run in self:
            if run.company_id.sgz_kind != "provider":
                raise ValidationError(
                    self.env._(
                        "A payroll run belongs to a service provider, not to %(name)s.",
                        name=run.company_id.name,
                    )
                )
            # the rule: wages are paid from the first day of the month they are earned to the last day of the
            # following month (劳动法第五十条 and 工资支付暂行规定: wages are paid monthly; a later date is a
            # typing mistake and would tax the month in a far tax month)
            latest = date_utils.end_of(run.date_from + relativedelta(months=1), "month")
            if run.payment_date < run.date_from or run.payment_date > latest:
                raise ValidationError(
                    self.env._(
                        "The wages of %(name)s are paid between the first day of their month and the last day of "
                        "the following month (%(first)s – %(last)s).",
                        name=run.name,
                        first=run.date_from,
                        last=latest,
                    )
                )
            tax_month = date_utils.start_of(run.payment_date, "month")
            other = self.sudo().search(
                [
                    ("id", "!=", run.id),
                    ("company_id", "=", run.company_id.id),
                    ("payment_date", ">=", tax_month),
                    ("payment_date", "<=", date_utils.end_of(tax_month, "month")),
                ],
                limit=1,
            )
            if other:
                # cumulative withholding takes one payroll per tax month and employer: a second run paid in the
                # same month would be taxed as if the first had not been paid
                raise ValidationError(
                    self.env._(
                        "The payroll run %(other)s is already paid in %(month)s: one payroll run of an employer is "
                        "paid per month. Pay %(name)s in another month (a correction is an adjustment in the run of "
                        "the month it is paid in).",
                        other=other.name,
                        month=tax_month.strftime("%Y-%m"),
                        name=run.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_from"):
                vals["date_from"] = date_utils.start_of(fields.Date.to_date(vals["date_from"]), "month")
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("date_from"):
            vals = {**vals, "date_from": date_utils.start_of(fields.Date.to_date(vals["date_from"]), "month")}
        if ("date_from" in vals or "company_id" in vals) and self.filtered(
            lambda r: r.state == "draft"
        ).payslip_ids:
            raise UserError(
                self.env._("Delete the payslips of the run before changing its employer or month.")
            )
        result = super().write(vals)
        if "payment_date" in vals:
            self._sgz_update_tax_month()
        return result

    def _sgz_update_tax_month(self):
        """A new payment date moves the draft payslips to its month; they need computing again."""
        self.env.flush_all()
        for run in self:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE sgz_payslip SET tax_month = %s, is_computed = FALSE
                     WHERE run_id = %s AND state = 'draft' AND tax_month IS DISTINCT FROM %s
                    """,
                    date_utils.start_of(run.payment_date, "month"),
                    run.id,
                    date_utils.start_of(run.payment_date, "month"),
                )
            )
        self.env["sgz.payslip"].invalidate_model(["tax_month", "is_computed"])

    # ------------------------------------------------------------------ actions
    def _sgz_check_draft(self):
        for run in self:
            if run.state != "draft":
                raise UserError(
                    self.env._("The payroll run %(name)s is confirmed and locked.", name=run.name)
                )

    @sgz_action(lock_rows=True)
    def action_generate(self):
        """One payslip per worker under contract in the month, with a period per contract."""
        self._sgz_check_draft()
        self.env.flush_all()
        for run in self:
            run._sgz_generate()
        self.env["sgz.payslip"].invalidate_model()
        self.env["sgz.payslip.period"].invalidate_model()
        self.invalidate_recordset(["payslip_ids"])
        return True

    def _sgz_generate(self):
        cr = self.env.cr
        params = {
            "run": self.id,
            "company": self.company_id.id,
            "start": self.date_from,
            "end": self.date_to,
            "tax_month": date_utils.start_of(self.payment_date, "month"),
            "days": (self.date_to - self.date_from).days + 1,
            "uid": self.env.uid,
        }
        cr.execute(
            SQL(
                """
                INSERT INTO sgz_payslip
                       (run_id, company_id, employee_id, contract_id, station_id, date_from, date_to, tax_month,
                        state, is_adjustment, performance_pay, performance_entered, unpaid_leave_deduction,
                        calendar_days, scheme_region_id, housing_fund_rate, is_computed, no_scheme,
                        full_year_deduction, create_uid, create_date, write_uid, write_date)
                SELECT DISTINCT ON (c.employee_id)
                       %(run)s, c.company_id, c.employee_id, c.id, c.sgz_station_id, %(start)s, %(end)s,
                       %(tax_month)s, 'draft', FALSE, 0, FALSE, 0, %(days)s, c.sgz_scheme_region_id,
                       COALESCE(c.sgz_housing_fund_rate, 0), FALSE, FALSE, FALSE,
                       %(uid)s, (now() AT TIME ZONE 'UTC'), %(uid)s, (now() AT TIME ZONE 'UTC')
                  FROM hr_contract c
                  JOIN hr_employee e ON e.id = c.employee_id
                 WHERE c.company_id = %(company)s AND c.active AND e.active AND c.state IN ('open', 'close')
                   AND c.date_start <= %(end)s AND (c.date_end IS NULL OR c.date_end >= %(start)s)
                   AND NOT EXISTS (SELECT 1 FROM sgz_payslip p
                                    WHERE p.run_id = %(run)s AND p.employee_id = c.employee_id AND NOT p.is_adjustment)
              ORDER BY c.employee_id, c.date_start DESC
             RETURNING id
                """,
                **params,
            )
        )
        created = {row[0] for row in cr.fetchall()}
        self._sgz_generate_periods(params, created)
        if created:
            self.message_post(body=self.env._("%(count)s payslips generated.", count=len(created)))

    def _sgz_generate_periods(self, params, created):
        """A period per contract of the month on each draft payslip; an existing payslip given a new contract
        needs computing again."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                INSERT INTO sgz_payslip_period
                       (payslip_id, company_id, contract_id, date_from, date_to, base_wage, allowances,
                        performance_pay, create_uid, create_date, write_uid, write_date)
                SELECT p.id, c.company_id, c.id, GREATEST(c.date_start, %(start)s),
                       LEAST(COALESCE(c.date_end, %(end)s), %(end)s), c.wage, COALESCE(c.sgz_allowance, 0),
                       COALESCE(c.sgz_performance_pay, 0),
                       %(uid)s, (now() AT TIME ZONE 'UTC'), %(uid)s, (now() AT TIME ZONE 'UTC')
                  FROM sgz_payslip p
                  JOIN hr_contract c ON c.employee_id = p.employee_id AND c.company_id = p.company_id
                 WHERE p.run_id = %(run)s AND p.state = 'draft' AND NOT p.is_adjustment
                   AND c.active AND c.state IN ('open', 'close')
                   AND c.date_start <= %(end)s AND (c.date_end IS NULL OR c.date_end >= %(start)s)
                   AND NOT EXISTS (SELECT 1 FROM sgz_payslip_period x WHERE x.payslip_id = p.id AND x.contract_id = c.id)
             RETURNING payslip_id
                """,
                **params,
            )
        )
        touched = list({row[0] for row in cr.fetchall()} - created)
        if touched:
            cr.execute(SQL("UPDATE sgz_payslip SET is_computed = FALSE WHERE id = ANY(%s)", touched))

    @sgz_action
    def action_compute(self):
        """(Re)compute every draft payslip of the run; computing twice gives the same payslips."""
        self._sgz_check_draft()
        self.env.flush_all()
        self.env.cr.execute(
            SQL("SELECT id, run_id FROM sgz_payslip WHERE run_id = ANY(%s) AND state = 'draft'", self.ids)
        )
        rows = self.env.cr.fetchall()
        if not rows:
            raise UserError(self.env._("The run has no payslips: generate them first."))
        self.env["sgz.payslip"]._sgz_compute([payslip for payslip, _run in rows], whole_runs=True)
        # say what was done (issue 20 §11), in the chatter as the generation does
        counts = Counter(run for _payslip, run in rows)
        for run in self:
            run.message_post(body=self.env._("%(count)s payslips computed.", count=counts[run.id]))
        return True

    @sgz_action(lock_rows=True)
    def action_confirm(self):
        """Confirm and lock the run and its payslips; approved adjustments replace the payslips they correct."""
        self._sgz_check_draft()
        self.env.flush_all()
        for run in self:
            payslips = run._sgz_draft_payslips()
            run._sgz_check_confirmable(payslips)
            run._sgz_confirm(payslips)
        # the payslips' new state is in the database for the SQL views and reports read after the action
        self.env["sgz.payslip"].flush_model(["state"])
        return True

    def _sgz_check_confirmable(self, payslips):
        if not payslips:
            raise UserError(self.env._("The run %(name)s has no payslips to confirm.", name=self.name))
        self.env["sgz.payslip"]._sgz_check_confirmable(payslips.ids)
        adjustments = payslips.filtered("is_adjustment")
        for adjustment in adjustments:
            if adjustment.origin_payslip_id.state != "confirmed":
                raise UserError(
                    self.env._(
                        "The payslip %(name)s was already replaced by another adjustment.",
                        name=adjustment.origin_payslip_id.display_name,
                    )
                )
        unapproved = adjustments._sgz_unapproved("confirmed")
        if unapproved:
            raise UserError(
                self.env._(
                    "The adjustment %(name)s is not approved yet: a provider manager approves it before the run is "
                    "confirmed.",
                    name=unapproved[0].display_name,
                )
            )

    def _sgz_draft_payslips(self):
        """The draft payslips of the run with what confirming them reads, in one query (a run may hold
        thousands)."""
        return self.env["sgz.payslip"].search_fetch(
            [("run_id", "=", self.id), ("state", "=", "draft")],
            ["state", "is_adjustment", "origin_payslip_id", "company_id", "sgz_review_ids"],
        )

    def _sgz_confirm(self, payslips):
        """The payslips are confirmed through their write, so the approval and lock mixins see it (an
        adjustment's approval is used by it); each payslip's chatter is left alone, the run's records it."""
        adjustments = payslips.filtered("is_adjustment")
        with payslips._sgz_unlocked():
            payslips.with_context(mail_notrack=True).write({"state": "confirmed"})
            payslips._sgz_flush_state()
            adjustments.origin_payslip_id.write({"state": "replaced"})
        for adjustment in adjustments:
            adjustment.origin_payslip_id.message_post(
                body=self.env._("Replaced by the adjustment payslip %(name)s.", name=adjustment.display_name)
            )
        now = fields.Datetime.now()
        self.write({"state": "confirmed", "confirmed_by_id": self.env.uid, "confirmed_date": now})
        self.message_post(
            body=self.env._(
                "Payroll confirmed by %(user)s on %(date)s: %(count)s payslips locked.",
                user=self.env.user.name,
                date=fields.Datetime.context_timestamp(self, now).strftime("%Y-%m-%d %H:%M"),
                count=len(payslips),
            )
        )

    def action_open_payslips(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_hr.sgz_payslip_action")
        action["domain"] = [("run_id", "=", self.id)]
        action["context"] = {"search_default_group_by_station": 0}
        return action

    def action_print_payslips(self):
        self.ensure_one()
        self.check_access("read")
        payslips = self.payslip_ids.filtered("is_computed")
        if not payslips:
            raise UserError(self.env._("Compute the run before printing its payslips."))
        return self.env.ref("sgz_hr.action_report_sgz_payslip").report_action(payslips)

    def _sgz_export_action(self, kind):
        self.ensure_one()
        self.check_access("read")
        self._sgz_export_content(kind)  # refuses now, with a sentence, what the download would refuse
        return {"type": "ir.actions.act_url", "url": f"/sgz_hr/payroll/{self.id}/{kind}", "target": "self"}

    def action_export_register(self):
        return self._sgz_export_action("register")

    def action_export_bank(self):
        return self._sgz_export_action("bank")

    def action_export_insurance(self):
        return self._sgz_export_action("insurance")

    def action_export_iit(self):
        return self._sgz_export_action("iit")

    # ------------------------------------------------------------------ spreadsheets
    def _sgz_export_lines(self, payslip_ids):
        """``{payslip id: {code: Decimal}}`` of the lines of the payslips (exact amounts from the database)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT payslip_id, code, amount FROM sgz_payslip_line WHERE payslip_id = ANY(%s)",
                payslip_ids,
            )
        )
        lines = {}
        for payslip_id, code, amount in self.env.cr.fetchall():
            lines.setdefault(payslip_id, {})[code] = to_decimal(amount)
        return lines

    def _sgz_export_ytd_specials(self, payslips):
        """``{employee id: {SAD_* code: Decimal}}``: this tax year's special deductions, this month included,
        with those of the opening balance (本年期初累计数) per kind."""
        tax_month = date_utils.start_of(self.payment_date, "month")
        self.env.cr.execute(
            SQL(
                """
                SELECT p.employee_id, l.code, sum(l.amount)
                  FROM sgz_payslip_line l
                  JOIN sgz_payslip p ON p.id = l.payslip_id
                 WHERE p.company_id = %s AND p.tax_month >= %s AND p.tax_month <= %s AND l.code = ANY(%s)
                   AND p.employee_id = ANY(%s) AND (p.state IN %s OR p.run_id = %s)
              GROUP BY p.employee_id, l.code
                """,
                self.company_id.id,
                tax_month.replace(month=1),
                tax_month,
                [special_code(kind.code) for kind in SPECIAL_DEDUCTION_KINDS],
                payslips.employee_id.ids,
                CONFIRMED_STATES,
                self.id,
            )
        )
        ytd = {}
        rows = self.env.cr.fetchall()
        openings = self.env["sgz.payroll.opening"]._sgz_specials_by_kind(
            self.company_id.id, tax_month.year, payslips.employee_id.ids
        )
        rows += [
            (employee_id, code, amount)
            for employee_id, kinds in openings.items()
            for code, amount in kinds.items()
        ]
        for employee_id, code, total in rows:
            codes = ytd.setdefault(employee_id, {})
            codes[code] = codes.get(code, ZERO) + to_decimal(total)
        return ytd

    def _sgz_export_rows(self):
        """Plain rows for the spreadsheets: one dict per computed payslip, exact amounts by line code; an
        adjustment's row holds the differences from the payslip it corrects."""
        self.ensure_one()
        payslips = self.payslip_ids.filtered("is_computed").sorted(
            lambda p: (p.station_id.name or "", p.employee_id.name, p.is_adjustment)
        )
        if not payslips:
            raise UserError(self.env._("Compute the run before exporting it."))
        lines = self._sgz_export_lines((payslips | payslips.origin_payslip_id).ids)
        ytd = self._sgz_export_ytd_specials(payslips)
        rows = []
        for payslip in payslips:
            employee = payslip.employee_id
            amounts = dict(lines.get(payslip.id, {}))
            if payslip.is_adjustment:
                origin = lines.get(payslip.origin_payslip_id.id, {})
                for line in LINES:
                    if line.code not in PAID_NOW_CODES and line.code != "BASE":
                        amounts[line.code] = amounts.get(line.code, ZERO) - origin.get(line.code, ZERO)
            bank = employee.bank_account_id
            rows.append(
                {
                    "payslip": payslip,
                    "employee_id": employee.id,
                    "is_adjustment": payslip.is_adjustment,
                    "kind": self.env._("Adjustment of %(month)s", month=payslip.date_from.strftime("%Y-%m"))
                    if payslip.is_adjustment
                    else payslip.date_from.strftime("%Y-%m"),
                    "employee_number": employee.barcode or "",
                    "name": employee.name,
                    "id_type": "居民身份证",
                    "id_number": employee.identification_id or "",
                    "station": payslip.station_id.name or "",
                    "bank_account": bank.acc_number or "",
                    "bank_name": bank.bank_id.name or "",
                    "lines": amounts,
                    "ytd": ytd.get(employee.id, {}),
                }
            )
        return rows

    def _sgz_export_labels(self):
        Line = self.env["sgz.payslip.line"]
        return dict(Line._fields["code"]._description_selection(self.env))

    def _sgz_export_content(self, kind):
        """``(file name, xlsx bytes)`` of one of the four spreadsheets; checks the user may read the run."""
        self.ensure_one()
        self.check_access("read")
        rows = self._sgz_export_rows()
        _ = self.env._
        labels = self._sgz_export_labels()
        if kind == "register":
            return _("Payroll register %(name)s.xlsx", name=self.name), sgz_payroll_xlsx.register(
                _, labels, rows
            )
        if kind == "bank":
            missing = [
                row["name"]
                for row in rows
                if row["lines"].get("NET", ZERO) > 0 and not (row["bank_account"] and row["bank_name"])
            ]
            if missing:
                raise UserError(
                    _(
                        "%(names)s: no bank account on the worker's record (Private Information > Bank Account "
                        "Number, with its bank). Add it before exporting the bank transfer list.",
                        names="、".join(sorted(set(missing))),
                    )
                )
            return _("Bank transfer list %(name)s.xlsx", name=self.name), sgz_payroll_xlsx.bank_transfer(
                _, labels, rows
            )
        if kind == "insurance":
            return _("Social insurance list %(name)s.xlsx", name=self.name), sgz_payroll_xlsx.insurance(
                _, labels, rows
            )
        if kind == "iit":
            return _("IIT withholding %(name)s.xlsx", name=self.name), sgz_payroll_xlsx.iit_wages(rows)
        raise UserError(_("Unknown spreadsheet %(kind)s.", kind=kind))
