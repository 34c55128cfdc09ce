import base64
import calendar

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..report import sgz_payroll_xlsx


class SgzPayrollRun(models.Model):
    """A provider's payroll of one month: generate, compute, confirm (then locked)."""

    _name = "sgz.payroll.run"
    _description = "Payroll Run"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, company_id"
    _check_company_auto = True

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
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month: the run covers the whole calendar month.",
    )
    date_to = fields.Date(string="Month End", compute="_compute_date_to", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    payslip_ids = fields.One2many("sgz.payslip", "run_id", string="Payslips")
    payslip_count = fields.Integer(compute="_compute_totals")
    total_gross = fields.Monetary(compute="_compute_totals", string="Total Gross")
    total_tax = fields.Monetary(compute="_compute_totals", string="Total Income Tax")
    total_net = fields.Monetary(compute="_compute_totals", string="Total Net")
    total_employer_cost = fields.Monetary(compute="_compute_totals", string="Total Employer Cost")
    confirmed_by_id = fields.Many2one("res.users", string="Confirmed By", readonly=True, copy=False)
    confirmed_date = fields.Datetime(string="Confirmed On", readonly=True, copy=False)
    note = fields.Html()

    def init(self):
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS sgz_payroll_run_one_confirmed_per_month "
            "ON sgz_payroll_run (company_id, date_from) WHERE state = 'confirmed'"
        )

    @api.depends("company_id.name", "date_from")
    def _compute_name(self):
        for run in self:
            month = run.date_from.strftime("%Y-%m") if run.date_from else ""
            run.name = f"{run.company_id.name or ''} {month}"

    @api.depends("date_from")
    def _compute_date_to(self):
        for run in self:
            if run.date_from:
                last = calendar.monthrange(run.date_from.year, run.date_from.month)[1]
                run.date_to = run.date_from.replace(day=last)
            else:
                run.date_to = False

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

    @api.constrains("company_id", "date_from")
    def _check_company_month(self):
        for run in self:
            if run.company_id.sgz_kind != "provider":
                raise ValidationError(
                    self.env._(
                        "A payroll run belongs to a service provider, not to %(name)s.",
                        name=run.company_id.name,
                    )
                )
            confirmed = self.search(
                [
                    ("id", "!=", run.id),
                    ("company_id", "=", run.company_id.id),
                    ("date_from", "=", run.date_from),
                    ("state", "=", "confirmed"),
                ],
                limit=1,
            )
            if confirmed:
                raise ValidationError(
                    self.env._(
                        "The payroll of %(month)s for %(company)s is already confirmed (%(run)s): correct a "
                        "payslip with an adjustment instead of a new run.",
                        month=run.date_from.strftime("%Y-%m"),
                        company=run.company_id.name,
                        run=confirmed.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_from"):
                vals["date_from"] = fields.Date.to_date(vals["date_from"]).replace(day=1)
        return super().create(vals_list)

    def write(self, vals):
        if self.filtered(lambda r: r.state == "confirmed") and not self.env.context.get("sgz_payslip_system"):
            allowed = {"note"} | {name for name in self._fields if name.startswith(("message_", "activity_"))}
            if set(vals) - allowed:
                raise UserError(self.env._("A confirmed payroll run is locked."))
        if vals.get("date_from"):
            vals = {**vals, "date_from": fields.Date.to_date(vals["date_from"]).replace(day=1)}
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_if_draft(self):
        if self.filtered(lambda r: r.state == "confirmed"):
            raise UserError(self.env._("A confirmed payroll run cannot be deleted."))

    # ------------------------------------------------------------------ actions
    def _check_draft(self):
        for run in self:
            if run.state != "draft":
                raise UserError(
                    self.env._("The payroll run %(name)s is confirmed and locked.", name=run.name)
                )

    def action_generate(self):
        """One payslip per contract running in the month (joiners and leavers prorated by calendar days)."""
        self.check_access("write")
        self._check_draft()
        self.env.flush_all()
        for run in self:
            run._sgz_generate()
        self.env["sgz.payslip"].invalidate_model()
        self.invalidate_recordset(["payslip_ids"])
        return True

    def _sgz_generate(self):
        start, end = self.date_from, self.date_to
        self.env.cr.execute(
            """
            INSERT INTO sgz_payslip
                   (run_id, company_id, employee_id, contract_id, station_id, date_from, date_to, state,
                    is_adjustment, base_wage, allowances, performance_pay, unpaid_leave_deduction,
                    worked_days, calendar_days, scheme_region_id, housing_fund_rate, is_computed, no_scheme,
                    full_year_deduction, create_uid, create_date, write_uid, write_date)
            SELECT %(run)s, c.company_id, c.employee_id, c.id, c.sgz_station_id, %(start)s, %(end)s, 'draft',
                   FALSE, c.wage, COALESCE(c.sgz_allowance, 0), COALESCE(c.sgz_performance_pay, 0), 0,
                   LEAST(COALESCE(c.date_end, %(end)s), %(end)s) - GREATEST(c.date_start, %(start)s) + 1,
                   %(days)s, c.sgz_scheme_region_id, COALESCE(c.sgz_housing_fund_rate, 0), FALSE, FALSE, FALSE,
                   %(uid)s, (now() AT TIME ZONE 'UTC'), %(uid)s, (now() AT TIME ZONE 'UTC')
              FROM hr_contract c
              JOIN hr_employee e ON e.id = c.employee_id
             WHERE c.company_id = %(company)s AND c.active AND e.active AND c.state IN ('open', 'close')
               AND c.date_start <= %(end)s AND (c.date_end IS NULL OR c.date_end >= %(start)s)
               AND NOT EXISTS (SELECT 1 FROM sgz_payslip p WHERE p.run_id = %(run)s AND p.contract_id = c.id)
            """,
            {
                "run": self.id,
                "company": self.company_id.id,
                "start": start,
                "end": end,
                "days": (end - start).days + 1,
                "uid": self.env.uid,
            },
        )
        if self.env.cr.rowcount:
            self.message_post(body=self.env._("%(count)s payslips generated.", count=self.env.cr.rowcount))

    def action_compute(self):
        """(Re)compute every draft payslip of the run; computing twice gives the same payslips."""
        self.check_access("write")
        self._check_draft()
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id FROM sgz_payslip WHERE run_id = ANY(%s) AND state = 'draft'", [self.ids]
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        if not ids:
            raise UserError(self.env._("The run has no payslips: generate them first."))
        self.env["sgz.payslip"]._sgz_compute(ids)
        return True

    def action_confirm(self):
        """Confirm and lock the run and its payslips."""
        self.check_access("write")
        self._check_draft()
        self.env.flush_all()
        cr = self.env.cr
        for run in self:
            cr.execute("SELECT id FROM sgz_payslip WHERE run_id = %s", [run.id])
            ids = [row[0] for row in cr.fetchall()]
            if not ids:
                raise UserError(self.env._("The run %(name)s has no payslips to confirm.", name=run.name))
            self.env["sgz.payslip"]._sgz_check_confirmable(ids)
            run._check_company_month()
            cr.execute(
                """
                UPDATE sgz_payslip SET state = 'confirmed', write_uid = %s, write_date = (now() AT TIME ZONE 'UTC')
                 WHERE run_id = %s AND state = 'draft'
                """,
                [self.env.uid, run.id],
            )
            run.write(
                {
                    "state": "confirmed",
                    "confirmed_by_id": self.env.uid,
                    "confirmed_date": fields.Datetime.now(),
                }
            )
        self.env["sgz.payslip"].invalidate_model(["state"])
        return True

    def action_open_payslips(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_hr.sgz_payslip_action")
        action["domain"] = [("run_id", "=", self.id)]
        action["context"] = {"search_default_group_by_station": 0}
        return action

    def action_print_payslips(self):
        self.ensure_one()
        payslips = self.payslip_ids.filtered("is_computed")
        if not payslips:
            raise UserError(self.env._("Compute the run before printing its payslips."))
        return self.env.ref("sgz_hr.action_report_sgz_payslip").report_action(payslips)

    # ------------------------------------------------------------------ spreadsheets
    def _sgz_download(self, filename, content):
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename,
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _sgz_export_rows(self):
        """Plain rows for the spreadsheets: one dict per computed payslip, lines by code, YTD specials."""
        self.ensure_one()
        payslips = self.payslip_ids.filtered("is_computed").sorted(
            lambda p: (p.station_id.name or "", p.employee_id.name)
        )
        if not payslips:
            raise UserError(self.env._("Compute the run before exporting it."))
        amounts = {}
        for payslip, code, total in self.env["sgz.payslip.line"]._read_group(
            [("payslip_id", "in", payslips.ids)], ["payslip_id", "code"], ["amount:sum"]
        ):
            amounts.setdefault(payslip.id, {})[code] = total
        # 累计 special additional deductions: earlier confirmed months of the year plus this month
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT p.employee_id, l.code, sum(l.amount)
              FROM sgz_payslip_line l
              JOIN sgz_payslip p ON p.id = l.payslip_id
             WHERE p.company_id = %s AND p.state = 'confirmed' AND p.date_from >= %s AND p.date_from < %s
               AND l.code LIKE 'SAD_%%' AND p.employee_id = ANY(%s)
          GROUP BY p.employee_id, l.code
            """,
            [self.company_id.id, self.date_from.replace(month=1), self.date_from, payslips.employee_id.ids],
        )
        earlier = {}
        for employee_id, code, total in self.env.cr.fetchall():
            earlier.setdefault(employee_id, {})[code] = float(total)
        rows = []
        for payslip in payslips:
            employee = payslip.employee_id
            lines = amounts.get(payslip.id, {})
            ytd = dict(earlier.get(employee.id, {}))
            for code, value in lines.items():
                if code.startswith("SAD_"):
                    ytd[code] = ytd.get(code, 0.0) + value
            bank = employee.bank_account_id
            rows.append(
                {
                    "payslip": payslip,
                    "employee_number": employee.barcode or "",
                    "name": employee.name,
                    "id_type": "居民身份证",
                    "id_number": employee.identification_id or "",
                    "station": payslip.station_id.name or "",
                    "bank_account": bank.acc_number or "",
                    "bank_name": bank.bank_id.name or "",
                    "lines": lines,
                    "ytd": ytd,
                }
            )
        return rows

    def action_export_register(self):
        self.ensure_one()
        content = sgz_payroll_xlsx.register(self, self._sgz_export_rows())
        return self._sgz_download(self.env._("Payroll register %(name)s.xlsx", name=self.name), content)

    def action_export_bank(self):
        self.ensure_one()
        content = sgz_payroll_xlsx.bank_transfer(self, self._sgz_export_rows())
        return self._sgz_download(self.env._("Bank transfer list %(name)s.xlsx", name=self.name), content)

    def action_export_insurance(self):
        self.ensure_one()
        content = sgz_payroll_xlsx.insurance(self, self._sgz_export_rows())
        return self._sgz_download(self.env._("Social insurance list %(name)s.xlsx", name=self.name), content)

    def action_export_iit(self):
        self.ensure_one()
        content = sgz_payroll_xlsx.iit_wages(self._sgz_export_rows())
        return self._sgz_download(self.env._("IIT withholding %(name)s.xlsx", name=self.name), content)
