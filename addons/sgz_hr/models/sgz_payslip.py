from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.sgz_base.lib import format_month, rmb_upper
from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from .sgz_payroll_compute import CONFIRMED_STATES, RESULT_FIELDS

PAYSLIP_STATES = [("draft", "Draft"), ("confirmed", "Confirmed"), ("replaced", "Replaced by Adjustment")]

# the fields a clerk may change on a draft payslip; changing one asks for a new computation
INPUT_FIELDS = frozenset({"performance_pay", "unpaid_leave_deduction"})


class SgzPayslip(models.Model):
    """A worker's pay of one month at one employer, in the run of the month it is paid in.

    Created by the run (one per worker and month, a period per contract) or as an adjustment of a confirmed
    payslip; computed by ``_sgz_compute`` (``sgz_payroll_compute.py``); confirmed with its run, then locked.
    An adjustment is confirmed with its run once a provider manager approved it (``sgz.approval.mixin``).
    """

    _name = "sgz.payslip"
    _description = "Payslip"
    _inherit = ["mail.thread", "sgz.approval.mixin", "sgz.payroll.compute"]
    _order = "date_from desc, employee_id, id"
    _check_company_auto = True

    _sgz_locked_states = CONFIRMED_STATES
    _sgz_unlink_states = ("draft",)
    _sgz_create_by_action = True
    _sgz_approval_states = {"confirmed": "draft"}
    _sgz_action_fields = (
        "state",
        "run_id",
        "company_id",
        "employee_id",
        "contract_id",
        "station_id",
        "date_from",
        "date_to",
        "tax_month",
        "is_adjustment",
        "origin_payslip_id",
        "calendar_days",
        "worked_days",
        "scheme_region_id",
        "housing_fund_rate",
        "is_computed",
        "no_scheme",
        "scheme_id",
        "contribution_base_id",
        "full_year_deduction",
        "ytd_months",
        "performance_entered",
        *RESULT_FIELDS,
    )

    run_id = fields.Many2one(
        "sgz.payroll.run", string="Payroll Run", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    employee_id = fields.Many2one(
        "hr.employee", string="Worker", required=True, index=True, readonly=True, check_company=True
    )
    contract_id = fields.Many2one(
        "hr.contract",
        string="Contract",
        readonly=True,
        check_company=True,
        help="The last contract of the month.",
    )
    station_id = fields.Many2one("sgz.station", string="Station", readonly=True)
    date_from = fields.Date(string="Month", required=True, index=True, readonly=True)
    month_label = fields.Char(string="Payroll Month", compute="_compute_month_label")
    date_to = fields.Date(string="Month End", readonly=True)
    tax_month = fields.Date(
        string="Tax Month",
        index=True,
        readonly=True,
        help="First day of the month the pay is paid in (and taxed in).",
    )
    state = fields.Selection(
        PAYSLIP_STATES, default="draft", required=True, index=True, readonly=True, copy=False, tracking=True
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
    adjustment_reason = fields.Text(
        string="Reason for the Adjustment",
        tracking=True,
        copy=False,
        help="Why the confirmed payslip is corrected (a wage paid wrong, performance pay entered late…): the "
        "provider manager approves the adjustment with it.",
    )
    period_ids = fields.One2many("sgz.payslip.period", "payslip_id", string="Contract Periods")
    # inputs
    performance_pay = fields.Monetary(
        help="Performance pay of the month: the contracts' monthly amounts prorated, unless entered here."
    )
    performance_entered = fields.Boolean(
        string="Performance Pay Entered",
        readonly=True,
        help="The month's performance pay was entered by hand.",
    )
    unpaid_leave_deduction = fields.Monetary()
    worked_days = fields.Integer(readonly=True, help="Calendar days of the month under contract.")
    calendar_days = fields.Integer(readonly=True)
    scheme_region_id = fields.Many2one("sgz.region", string="Insurance Region", readonly=True)
    housing_fund_rate = fields.Float(string="Housing Fund Rate (%)", digits=(6, 2), readonly=True)
    # results
    is_computed = fields.Boolean(string="Computed", readonly=True, copy=False)
    no_scheme = fields.Boolean(string="No Insurance Scheme", readonly=True, copy=False)
    scheme_id = fields.Many2one("sgz.insurance.scheme", string="Insurance Scheme", readonly=True, copy=False)
    contribution_base_id = fields.Many2one(
        "sgz.contribution.base", string="Declared Base", readonly=True, copy=False, check_company=True
    )
    full_year_deduction = fields.Boolean(string="60,000 From January", readonly=True, copy=False)
    ytd_months = fields.Integer(string="Months Employed This Year", readonly=True, copy=False)
    base_wage = fields.Monetary(readonly=True, copy=False, help="Prorated base wage of the month.")
    allowances = fields.Monetary(readonly=True, copy=False, help="Prorated allowances of the month.")
    gross = fields.Monetary(string="Gross Pay", readonly=True, copy=False)
    contribution_base = fields.Monetary(readonly=True, copy=False)
    employee_insurance = fields.Monetary(readonly=True, copy=False)
    employer_insurance = fields.Monetary(readonly=True, copy=False)
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
    paid_gross = fields.Monetary(
        string="Gross Paid Now",
        readonly=True,
        copy=False,
        help="For an adjustment: the gross pay difference.",
    )
    paid_contributions = fields.Monetary(string="Contributions Deducted Now", readonly=True, copy=False)
    carried_owed = fields.Monetary(string="Owed From Earlier Payslips", readonly=True, copy=False)
    recovered = fields.Monetary(string="Recovered", readonly=True, copy=False)
    owed = fields.Monetary(
        string="Owed by the Worker",
        readonly=True,
        copy=False,
        help="The worker's own share this pay did not cover: recovered from the next payslips.",
    )
    line_ids = fields.One2many("sgz.payslip.line", "payslip_id", string="Lines", readonly=True)
    net_upper = fields.Char(string="Net Pay in Words", compute="_compute_net_upper")

    @api.depends("date_from")
    @api.depends_context("lang")
    def _compute_month_label(self):
        lang = self.env.lang or "en_US"
        for record in self:
            record.month_label = format_month(record.date_from, lang)

    def _sgz_approval_steps(self):
        return {"confirmed": self.env._("Confirm the adjustment of the payslip")}

    def _sgz_document_summary(self):
        return super()._sgz_document_summary() + self._sgz_summary_rows(
            ["employee_id", "date_from", "origin_payslip_id", "adjustment_reason", "gross", "tax", "net"]
        )

    @api.depends("net")
    def _compute_net_upper(self):
        for payslip in self:
            payslip.net_upper = rmb_upper(payslip.net)

    @api.depends("employee_id", "date_from", "is_adjustment")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for payslip in self:
            month = payslip.date_from.strftime("%Y-%m") if payslip.date_from else ""
            name = f"{payslip.employee_id.name or ''} {month}"
            if payslip.is_adjustment:
                name = self.env._("%(name)s (adjustment)", name=name)
            payslip.display_name = name

    # ---- an approved adjustment is frozen -------------------------------------------------------------------

    def _sgz_approved_adjustments(self):
        """The draft adjustments of ``self`` whose approval was requested and granted by every tier (the approval
        mixin's rule, ``_sgz_unapproved``): they are paid as approved, nothing changes them any more."""
        drafts = self.sudo().filtered(lambda p: p.is_adjustment and p.state == "draft")
        requested = drafts.filtered(lambda p: p._sgz_current_reviews("confirmed"))
        return self.browse((requested - requested._sgz_unapproved("confirmed")).ids)

    def _sgz_locked_records(self):
        return super()._sgz_locked_records() | self._sgz_approved_adjustments()

    def _sgz_lock_label(self):
        self.ensure_one()
        if self._sgz_approved_adjustments():
            return self.env._("approved")
        return super()._sgz_lock_label()

    def _sgz_approval_refusals(self, user):
        """A worker never approves their own pay: the manager who is the worker of an adjustment leaves its
        approval to another manager."""
        return {
            payslip.id: self.env._(
                "%(document)s is your own pay: another manager decides it.", document=payslip.display_name
            )
            for payslip in self.sudo()
            if payslip.employee_id.user_id == user
        }

    def _sgz_flush_state(self):
        """Save the state just written on these payslips in one UPDATE: a run confirms thousands, which Odoo's
        flush would send 1,000 rows at a time (a query count growing with the run). The write itself went
        through ``write``, so the approval and lock mixins saw it; only the saving of the values it left in the
        cache is done here, when exactly these payslips and these three fields wait to be saved (Odoo's flush
        saves anything else as usual)."""
        cache = self.env.cache
        fields_ = [self._fields[name] for name in ("state", "write_uid", "write_date")]
        ids = set(self.ids)
        if len(self) < 2 or any(set(cache.get_dirty_records(self, field)._ids) != ids for field in fields_):
            return
        first = self[:1]
        # one UPDATE saves one value per column: every payslip must hold the first one's
        if any(
            cache.get(payslip, field) != cache.get(first, field) for field in fields_ for payslip in self[1:]
        ):
            return
        values = {
            field.name: field.convert_to_column_update(cache.get(first, field), first) for field in fields_
        }
        for field in fields_:
            cache.clear_dirty_field(field)
        self.env.execute_query(
            SQL(
                "UPDATE sgz_payslip SET %s WHERE id = ANY(%s)",
                SQL(", ").join(SQL("%s = %s", SQL.identifier(name), value) for name, value in values.items()),
                self.ids,
            )
        )

    def write(self, vals):
        result = super().write(vals)
        if "performance_pay" in vals and "performance_entered" not in vals:
            with self._sgz_unlocked():
                super().write({"performance_entered": True})
        if INPUT_FIELDS & set(vals):
            self._sgz_mark_uncomputed()
        return result

    def _sgz_mark_uncomputed(self):
        """Inputs changed: compute again before confirming; an approved adjustment needs a new approval."""
        drafts = self.filtered(lambda p: p.state == "draft")
        if not drafts:
            return
        with self._sgz_unlocked():
            drafts.write({"is_computed": False})
        reviews = (
            drafts.filtered("is_adjustment").sudo().sgz_review_ids.filtered(lambda r: r.state == "approved")
        )
        if reviews:
            with reviews._sgz_unlocked():
                reviews.write({"state": "cancelled"})

    # ------------------------------------------------------------------ actions
    @sgz_action
    def action_compute(self):
        if self.filtered(lambda p: p.state != "draft"):
            raise UserError(self.env._("Only draft payslips can be computed."))
        self.run_id._sgz_check_draft()
        self._sgz_compute(self.ids)
        return True

    @sgz_action(lock_rows=True)
    def action_create_adjustment(self):
        """A correction of this confirmed payslip, in the open run of the month it is paid in."""
        self.ensure_one()
        if self.state != "confirmed":
            raise UserError(self.env._("Only a confirmed payslip can be corrected by an adjustment."))
        if self.adjustment_ids.filtered(lambda p: p.state == "draft"):
            raise UserError(
                self.env._("The payslip %(name)s already has a draft adjustment.", name=self.display_name)
            )
        run = self.env["sgz.payroll.run"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "draft"),
                ("date_from", ">", self.date_from),
            ],
            order="date_from",
            limit=1,
        )
        if not run:
            raise UserError(
                self.env._(
                    "Create the payroll run of the month in which the correction is paid: an adjustment is paid "
                    "and taxed with the payroll of that month."
                )
            )
        with self._sgz_unlocked("sgz.payslip.period"):
            adjustment = self.create(self._prepare_adjustment_vals(run))
        self.message_post(
            body=self.env._(
                "Adjustment payslip %(name)s created in the run %(run)s.",
                name=adjustment.display_name,
                run=run.name,
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sgz.payslip",
            "res_id": adjustment.id,
            "view_mode": "form",
        }

    def _prepare_adjustment_vals(self, run):
        self.ensure_one()
        return {
            "run_id": run.id,
            "company_id": self.company_id.id,
            "employee_id": self.employee_id.id,
            "contract_id": self.contract_id.id,
            "station_id": self.station_id.id,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "tax_month": run.payment_date.replace(day=1),
            "is_adjustment": True,
            "origin_payslip_id": self.id,
            "performance_pay": self.performance_pay,
            "performance_entered": self.performance_entered,
            "unpaid_leave_deduction": self.unpaid_leave_deduction,
            "calendar_days": self.calendar_days,
            "worked_days": self.worked_days,
            "scheme_region_id": self.scheme_region_id.id,
            "housing_fund_rate": self.housing_fund_rate,
            "period_ids": [
                fields.Command.create(
                    {
                        "company_id": period.company_id.id,
                        "contract_id": period.contract_id.id,
                        "date_from": period.date_from,
                        "date_to": period.date_to,
                        "base_wage": period.base_wage,
                        "allowances": period.allowances,
                        "performance_pay": period.performance_pay,
                    }
                )
                for period in self.period_ids
            ],
        }

    @sgz_action
    def action_request_confirmation(self):
        """Ask a provider manager to approve a computed adjustment; it is confirmed with its run."""
        for payslip in self:
            if not payslip.is_adjustment or payslip.state != "draft":
                raise UserError(self.env._("Only a draft adjustment payslip needs approval."))
            if not payslip.is_computed:
                raise UserError(
                    self.env._(
                        "Compute the adjustment %(name)s before asking for approval.",
                        name=payslip.display_name,
                    )
                )
            if not (payslip.adjustment_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Give the reason for the adjustment %(name)s before asking for approval: the manager "
                        "approves the correction with it.",
                        name=payslip.display_name,
                    )
                )
        self._sgz_request_approval("confirmed")
        return True

    def _sgz_approval_apply(self, target):
        """Approved: the adjustment is confirmed with its run (which may hold other payslips still open)."""
        for payslip in self:
            payslip.sudo().message_post(
                body=self.env._(
                    "Adjustment approved by %(user)s: it is confirmed with the run %(run)s.",
                    user=self.env.user.name,
                    run=payslip.run_id.sudo().name,
                )
            )

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
            SQL(
                """
                SELECT e.name AS employee_name, p.is_computed, r.complete_name AS region, p.date_from
                  FROM sgz_payslip p
                  JOIN hr_employee e ON e.id = p.employee_id
             LEFT JOIN sgz_region r ON r.id = p.scheme_region_id
                 WHERE p.id = ANY(%s) AND (NOT p.is_computed OR p.no_scheme)
              ORDER BY e.name
                 LIMIT 1
                """,
                list(ids),
            )
        )
        row = self.env.cr.dictfetchone()
        if not row:
            return
        if not row["is_computed"]:
            raise UserError(
                self.env._(
                    "The payslip of %(name)s is not computed: compute the run first.",
                    name=row["employee_name"],
                )
            )
        raise UserError(
            self.env._(
                "The payslip of %(name)s has no contribution base: no social insurance scheme applies to "
                "%(region)s in %(month)s. Add the scheme under Configuration > Payroll Configuration > Insurance "
                "Schemes, then compute again.",
                name=row["employee_name"],
                region=row["region"] or self.env._("(no insurance region on the contract)"),
                month=row["date_from"].strftime("%Y-%m"),
            )
        )
