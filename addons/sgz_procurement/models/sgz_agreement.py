from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

CYCLE_YEARS = 3
FILING_WORKING_DAYS = 15
STATIONING_MONTHS = 1
PAYMENT_SCHEDULES = [
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("half_yearly", "Half-Yearly"),
    ("yearly", "Yearly"),
]


class SgzAgreement(models.Model):
    """The service agreement (服务协议, §六) between the county bureau (buyer) and the provider (seller):
    a 3-year cycle signed year by year, filed with the city within 15 working days of signing."""

    _name = "sgz.agreement"
    _description = "Service Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.filing.mixin", "sgz.deadline.mixin"]
    _order = "award_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Buyer (County Bureau)",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("sgz_kind", "=", "county")],
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    provider_id = fields.Many2one(
        "res.company",
        string="Seller (Provider)",
        required=True,
        index=True,
        tracking=True,
        domain=[("sgz_kind", "=", "provider")],
    )
    partner_id = fields.Many2one(related="provider_id.partner_id", store=True, string="Vendor")
    tender_id = fields.Many2one("sgz.tender", string="Tender", index=True, readonly=True, check_company=True)
    lot_id = fields.Many2one("sgz.tender.lot", string="Lot", readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True
    )
    station_line_ids = fields.One2many("sgz.agreement.station", "agreement_id", string="Stations", copy=True)
    station_ids = fields.Many2many("sgz.station", compute="_compute_station_ids", string="Station List")
    annual_amount = fields.Monetary(compute="_compute_annual_amount", store=True, tracking=True)
    worker_quota = fields.Integer(compute="_compute_annual_amount", store=True, string="Workers")
    fund_source_id = fields.Many2one("sgz.fund.source", string="Fund Source", tracking=True)
    payment_schedule = fields.Selection(PAYMENT_SCHEDULES, default="quarterly", required=True, tracking=True)
    service_content = fields.Html()
    targets = fields.Html(string="Targets and KPIs")
    requirements = fields.Html(string="Service Requirements")
    rights_duties = fields.Html(string="Rights and Duties")
    evaluation_clause = fields.Html(string="Performance Evaluation")
    breach_liability = fields.Html(string="Liability for Breach")
    change_clause = fields.Html(
        string="Change and Termination",
        default=lambda self: self.env._(
            "<p>Where policy is adjusted or force majeure occurs, either party may change or terminate this "
            "agreement.</p>"
        ),
    )
    award_date = fields.Date(string="Award Notice Date", readonly=True)
    sign_deadline = fields.Date(compute="_compute_sign_deadline", store=True, string="Sign By")
    sign_date = fields.Date(string="Signed On", tracking=True, copy=False)
    date_start = fields.Date(string="Service Start", tracking=True)
    stationing_date = fields.Date(string="Workers Stationed On", tracking=True, copy=False)
    year_ids = fields.One2many("sgz.agreement.year", "agreement_id", string="Agreement Years", copy=False)
    last_sign_date = fields.Date(
        compute="_compute_last_sign_date",
        store=True,
        string="Last Signed On",
        help="The latest signing (of the agreement or of one of its years): its copy is filed with the city.",
    )
    current_year_id = fields.Many2one(
        "sgz.agreement.year", compute="_compute_current_year_id", string="Current Year"
    )
    state = fields.Selection(
        [
            ("draft", "To Sign"),
            ("active", "In Force"),
            ("ended", "Not Renewed"),
            ("completed", "Cycle Completed"),
            ("terminated", "Terminated"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    change_ids = fields.One2many("sgz.agreement.change", "agreement_id", string="Changes", copy=False)
    termination_kind = fields.Selection(
        [("policy", "Policy Change"), ("force_majeure", "Force Majeure")], tracking=True, copy=False
    )
    termination_reason = fields.Text(tracking=True, copy=False)
    termination_date = fields.Date(tracking=True, copy=False)
    new_tender_id = fields.Many2one("sgz.tender", string="New Tender", readonly=True, copy=False)
    purchase_order_count = fields.Integer(compute="_compute_purchase_order_count", string="Purchase Orders")

    @api.depends("station_line_ids.station_id")
    def _compute_station_ids(self):
        for agreement in self:
            agreement.station_ids = agreement.station_line_ids.station_id

    @api.depends("station_line_ids.annual_amount", "station_line_ids.worker_quota")
    def _compute_annual_amount(self):
        for agreement in self:
            agreement.annual_amount = sum(agreement.station_line_ids.mapped("annual_amount"))
            agreement.worker_quota = sum(agreement.station_line_ids.mapped("worker_quota"))

    @api.depends("award_date")
    def _compute_sign_deadline(self):
        for agreement in self:
            agreement.sign_deadline = agreement.award_date and agreement.award_date + relativedelta(days=30)

    def _compute_current_year_id(self):
        for agreement in self:
            agreement.current_year_id = agreement.year_ids.sorted("sequence")[-1:]

    def _compute_purchase_order_count(self):
        for agreement in self:
            agreement.purchase_order_count = len(agreement.year_ids.purchase_order_id)

    @api.constrains("provider_id")
    def _check_provider(self):
        for agreement in self:
            if agreement.provider_id.sudo().sgz_kind != "provider":
                raise ValidationError(self.env._("The seller must be a service provider."))

    @api.depends("sign_date", "year_ids.sign_date")
    def _compute_last_sign_date(self):
        for agreement in self:
            dates = [d for d in [agreement.sign_date, *agreement.year_ids.mapped("sign_date")] if d]
            agreement.last_sign_date = max(dates) if dates else False

    # ---- filing and deadlines ------------------------------------------------------------------------------

    @api.depends("sgz_filing_ids.state", "sgz_filing_ids.period", "last_sign_date")
    def _compute_sgz_filing_state(self):
        return super()._compute_sgz_filing_state()

    def _sgz_filing_period(self):
        """Signed year by year (§六(三)): the copy of each signing is filed (§七(三))."""
        return self.last_sign_date and fields.Date.to_string(self.last_sign_date)

    def _sgz_set_filing_deadline(self, signed):
        self._sgz_deadline_set(
            "filing",
            self.env._("File the signed agreement with the city (15 working days)"),
            "working_days",
            signed,
            FILING_WORKING_DAYS,
            user=self.user_id,
        )

    def _sgz_filing_due_date(self):
        return self.env["sgz.deadline"].rule_date("working_days", self.last_sign_date, FILING_WORKING_DAYS)

    def _sgz_filing_check(self):
        if self.state == "draft" or not self.sign_date:
            raise UserError(self.env._("File the agreement with the city once it is signed."))

    def _sgz_filing_submitted(self, filing):
        self._sgz_deadline_done("filing", filing.submit_date)

    # ---- signing, stationing -------------------------------------------------------------------------------------

    def action_sign(self, sign_date=None):
        """Sign the agreement (year 1): deadlines for filing with the city and for stationing the workers."""
        for agreement in self:
            if agreement.state != "draft":
                raise UserError(self.env._("Only an agreement to sign can be signed."))
            if not agreement.station_line_ids:
                raise UserError(self.env._("The agreement covers no station."))
            signed = fields.Date.to_date(sign_date) or agreement.sign_date or fields.Date.context_today(self)
            start = agreement.date_start or signed
            agreement.write({"state": "active", "sign_date": signed, "date_start": start})
            agreement._sgz_deadline_done("signing", signed)
            agreement._sgz_set_filing_deadline(signed)
            agreement._sgz_deadline_set(
                "stationing",
                self.env._("Station the social workers in the townships (1 month)"),
                "months",
                signed,
                STATIONING_MONTHS,
                user=agreement.user_id,
            )
            year = self.env["sgz.agreement.year"].create(agreement._prepare_year_vals(1, start))
            year.action_confirm(sign_date=signed)
        return True

    def action_confirm_stationing(self):
        for agreement in self:
            if agreement.state != "active":
                raise UserError(self.env._("Workers are stationed under an agreement in force."))
            today = fields.Date.context_today(self)
            agreement.write({"stationing_date": agreement.stationing_date or today})
            agreement._sgz_deadline_done("stationing", agreement.stationing_date)
        return True

    def _prepare_year_vals(self, sequence, start):
        self.ensure_one()
        return {
            "agreement_id": self.id,
            "sequence": sequence,
            "date_start": start,
            "date_end": start + relativedelta(years=1, days=-1),
            "amount": self.annual_amount,
            "fund_source_id": self.fund_source_id.id,
            "payment_schedule": self.payment_schedule,
        }

    # ---- renewal ----------------------------------------------------------------------------------------------

    def action_renew(self):
        """Prepare the next agreement year: only after a qualified evaluation of the current one."""
        for agreement in self:
            if agreement.state != "active":
                raise UserError(self.env._("Only an agreement in force can be renewed."))
            last = agreement.year_ids.sorted("sequence")[-1:]
            if not last or last.evaluation_result != "qualified":
                raise UserError(
                    self.env._(
                        "Year %(year)s has no qualified evaluation: the agreement cannot be renewed (§六(三)).",
                        year=last.sequence or 1,
                    )
                )
            if last.sequence >= CYCLE_YEARS:
                raise UserError(
                    self.env._(
                        "The 3-year cycle is complete: the next provider is chosen by a new procurement."
                    )
                )
            self.env["sgz.agreement.year"].create(
                agreement._prepare_year_vals(last.sequence + 1, last.date_end + relativedelta(days=1))
            )
        return True

    def _on_evaluation(self, year):
        """An evaluation was recorded for ``year``: unqualified ends the agreement and proposes a new tender."""
        self.ensure_one()
        if year.evaluation_result == "unqualified":
            tender = self.env["sgz.tender"].sudo().create(self._prepare_new_tender_vals())
            self.sudo().write({"state": "ended", "new_tender_id": tender.id})
            self.sudo()._sgz_deadline_cancel()
            self.sudo().message_post(
                body=self.env._(
                    "Year %(year)s was evaluated unqualified: the agreement is not renewed and a new tender "
                    "%(tender)s is proposed for the same stations.",
                    year=year.sequence,
                    tender=tender.name,
                )
            )
        elif year.sequence >= CYCLE_YEARS:
            self.sudo().write({"state": "completed"})

    def _prepare_new_tender_vals(self):
        return {
            "name": self.env._("%(agreement)s — new procurement", agreement=self.name),
            "company_id": self.company_id.id,
            "plan_id": self.tender_id.plan_id.id,
            "user_id": self.user_id.id,
            "lot_ids": [
                Command.create(
                    {
                        "name": self.lot_id.name or self.env._("Lot 1"),
                        "station_ids": [Command.set(self.station_line_ids.station_id.ids)],
                        "ceiling_price": self.lot_id.ceiling_price or self.annual_amount,
                    }
                )
            ],
        }

    # ---- termination -------------------------------------------------------------------------------------------

    def action_terminate(self):
        """Terminate for policy change or force majeure (§六(二)); kind, reason and date are required."""
        for agreement in self:
            if agreement.state not in ("draft", "active"):
                raise UserError(self.env._("Only an agreement to sign or in force can be terminated."))
            if not (
                agreement.termination_kind
                and (agreement.termination_reason or "").strip()
                and agreement.termination_date
            ):
                raise UserError(
                    self.env._("Give the ground (policy change or force majeure), the reason and the date.")
                )
            agreement.write({"state": "terminated"})
            agreement._sgz_deadline_cancel()
            agreement.year_ids.filtered(lambda y: y.state in ("draft", "confirmed")).write(
                {"state": "closed"}
            )
        return True

    def action_open_purchase_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("purchase.purchase_form_action")
        action["domain"] = [("id", "in", self.year_ids.purchase_order_id.ids)]
        action["context"] = {"create": False}
        return action


class SgzAgreementStation(models.Model):
    _name = "sgz.agreement.station"
    _description = "Agreement Station"
    _order = "agreement_id, id"
    _check_company_auto = True

    agreement_id = fields.Many2one("sgz.agreement", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    station_id = fields.Many2one("sgz.station", required=True, check_company=True, ondelete="restrict")
    worker_quota = fields.Integer(string="Worker Quota", default=1)
    annual_amount = fields.Monetary()

    _sql_constraints = [
        ("station_unique", "unique(agreement_id, station_id)", "A station appears once in an agreement."),
    ]
