from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from .sgz_tender import SIGNING_DAYS

# §六(三): a cycle of 3 years, signed year by year
CYCLE_YEARS = 3
# §七(三): a copy of each signing is filed with the city within 15 working days
FILING_WORKING_DAYS = 15
# §七(三): the workers are stationed within 1 month of signing
STATIONING_MONTHS = 1
# 政府采购法实施条例第五十条: the contract is published within 2 working days of signing
PUBLICATION_WORKING_DAYS = 2
# 政府采购法第四十七条: a copy goes to the finance department within 7 working days of signing
FINANCE_FILING_WORKING_DAYS = 7
# 政府采购法第四十九条: what is added to a contract stays within 10% of the original amount
INCREASE_LIMIT = 0.10
# §六(二): an agreement changes or ends for a policy change or force majeure only
CHANGE_KINDS = [("policy", "Policy Change"), ("force_majeure", "Force Majeure")]
PAYMENT_SCHEDULES = [
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("half_yearly", "Half-Yearly"),
    ("yearly", "Yearly"),
]


class SgzAgreement(models.Model):
    """The service agreement (服务协议, §六) between the county bureau (buyer) and the provider (seller):
    a 3-year cycle signed year by year, filed with the city within 15 working days of signing. Once signed
    it changes only through its change records (``sgz.agreement.change``)."""

    _name = "sgz.agreement"
    _description = "Service Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.filing.mixin", "sgz.deadline.mixin"]
    _order = "award_date desc, id desc"
    _check_company_auto = True

    _sgz_locked_states = ("active", "ended", "completed", "terminated")
    _sgz_lock_writable = ("user_id",)
    _sgz_action_fields = (
        "state",
        "signed_amount",
        "award_date",
        "stationing_date",
        "new_tender_id",
        "termination_kind",
        "termination_reason",
        "termination_date",
    )
    _sgz_fixed_fields = ("company_id", "tender_id", "lot_id")
    _sgz_unlink_states = ("draft",)
    # steps taken outside the system, recorded with the day they happened and the evidence
    _sgz_deadline_recordable_codes = ("stationing", "publication", "finance_filing")

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
    sign_date = fields.Date(
        string="Signed On",
        tracking=True,
        copy=False,
        help="The day the agreement was signed (today when left empty); neither before the award notice nor "
        "in the future.",
    )
    date_start = fields.Date(string="Service Start", tracking=True)
    signed_amount = fields.Monetary(
        string="Amount as Signed",
        readonly=True,
        copy=False,
        help="The annual amount when the agreement was signed: later years and changes stay within 10% above it "
        "(政府采购法第四十九条).",
    )
    stationing_date = fields.Date(string="Workers Stationed On", tracking=True, copy=False, readonly=True)
    publication_date = fields.Date(
        compute="_compute_year_steps",
        string="Contract Published On",
        help="The publication of the latest signing (each yearly signing is a contract published on its own).",
    )
    finance_filing_date = fields.Date(
        compute="_compute_year_steps",
        string="Filed With Finance On",
        help="The finance department's copy of the latest signing.",
    )
    publication_pending = fields.Boolean(compute="_compute_year_steps", string="Publication to Record")
    finance_filing_pending = fields.Boolean(compute="_compute_year_steps", string="Finance Filing to Record")
    year_ids = fields.One2many("sgz.agreement.year", "agreement_id", string="Agreement Years", copy=False)
    last_sign_date = fields.Date(
        compute="_compute_last_sign_date",
        store=True,
        string="Last Signed On",
        help="The latest signing (of the agreement or of one of its years): its copy is filed with the city.",
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
        readonly=True,
        tracking=True,
        copy=False,
    )
    change_ids = fields.One2many("sgz.agreement.change", "agreement_id", string="Changes", copy=False)
    termination_kind = fields.Selection(CHANGE_KINDS, tracking=True, copy=False, readonly=True)
    termination_reason = fields.Text(tracking=True, copy=False, readonly=True)
    termination_date = fields.Date(tracking=True, copy=False, readonly=True)
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
            agreement.sign_deadline = agreement.award_date and agreement.award_date + relativedelta(
                days=SIGNING_DAYS
            )

    @api.depends("year_ids.sign_date", "year_ids.publication_date", "year_ids.finance_filing_date")
    def _compute_year_steps(self):
        for agreement in self:
            signed = agreement.year_ids.filtered("sign_date").sorted("sequence")
            agreement.publication_date = signed[-1:].publication_date
            agreement.finance_filing_date = signed[-1:].finance_filing_date
            agreement.publication_pending = any(not year.publication_date for year in signed)
            agreement.finance_filing_pending = any(not year.finance_filing_date for year in signed)

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

    def write(self, vals):
        if not self._sgz_lock_lifted() and {"provider_id", "station_line_ids"} & set(vals):
            self._sgz_check_award_kept()
        return super().write(vals)

    def _sgz_check_award_kept(self):
        """What the award decided (the provider, the stations and the price of the lot) is not edited before
        the signature: a change goes through a change record once signed."""
        awarded = self.filtered("tender_id")
        if awarded:
            raise UserError(
                self.env._(
                    "%(agreement)s carries the result of %(tender)s: its provider, stations and amounts are those "
                    "of the award.",
                    agreement=awarded[0].name,
                    tender=awarded[0].sudo().tender_id.name,
                )
            )

    def _sgz_check_award_matches(self):
        """At signing: the seller is the lot's winner and the amount its winning price."""
        for agreement in self.filtered("tender_id").sudo():
            winner = agreement.lot_id.winner_bid_id
            if agreement.provider_id != winner.company_id or (
                round(agreement.annual_amount - winner.sealed_price, 2) != 0
            ):
                raise UserError(
                    self.env._(
                        "%(agreement)s no longer matches the award of %(lot)s (%(provider)s at %(price).2f): it "
                        "cannot be signed.",
                        agreement=agreement.name,
                        lot=agreement.lot_id.name,
                        provider=winner.company_id.name,
                        price=winner.sealed_price,
                    )
                )

    def _sgz_check_unlink(self):
        result = super()._sgz_check_unlink()
        if any(agreement.tender_id for agreement in self):
            raise UserError(
                self.env._("An agreement prepared by an award stays on record: it cannot be deleted.")
            )
        return result

    # ---- filing and deadlines ------------------------------------------------------------------------------

    @api.depends("sgz_filing_ids.state", "sgz_filing_ids.period", "last_sign_date")
    def _compute_sgz_filing_state(self):
        return super()._compute_sgz_filing_state()

    def _sgz_filing_period(self):
        """Signed year by year (§六(三)): the copy of each signing is filed (§七(三))."""
        return self.last_sign_date and fields.Date.to_string(self.last_sign_date)

    def _sgz_set_filing_deadline(self, signed):
        """Every signing (the agreement's, then each year's) is filed with the city (§七(三))."""
        self._sgz_deadline_set(
            "filing",
            self.env._(
                "File the signed agreement with the city (%(days)s working days)", days=FILING_WORKING_DAYS
            ),
            "working_days",
            signed,
            FILING_WORKING_DAYS,
            user=self.user_id,
        )

    def _sgz_filing_due_date(self):
        return self.env["sgz.deadline"].rule_date("working_days", self.last_sign_date, FILING_WORKING_DAYS)

    def _sgz_filing_ready(self):
        return self.state == "active"

    @api.model
    def _sgz_filing_button_label(self):
        return self.env._("File with the City")

    def _sgz_filing_check(self):
        if self.state == "draft" or not self.sign_date:
            raise UserError(self.env._("File the agreement with the city once it is signed."))

    def _sgz_filing_submitted(self, filing):
        self._sgz_deadline_done("filing", filing.submit_date)

    # ---- signing, stationing, publication -----------------------------------------------------------------------

    def _check_signable(self):
        today = fields.Date.context_today(self)
        self._sgz_check_award_matches()
        for agreement in self:
            if agreement.state != "draft":
                raise UserError(self.env._("Only an agreement to sign can be signed."))
            if not agreement.station_line_ids:
                raise UserError(self.env._("The agreement covers no station."))
            if agreement.sudo().tender_id.open_challenge_count:
                raise UserError(
                    self.env._(
                        "A challenge to the result of %(tender)s is still open: the signature waits for its answer.",
                        tender=agreement.sudo().tender_id.name,
                    )
                )
            signed = agreement.sign_date or today
            if signed > today or (agreement.award_date and signed < agreement.award_date):
                raise UserError(
                    self.env._(
                        "The signing date %(date)s must lie between the award notice (%(award)s) and today.",
                        date=signed,
                        award=agreement.award_date or "—",
                    )
                )

    @sgz_action(lock_rows=True)
    def action_sign(self):
        """Sign the agreement (year 1): deadlines for filing with the city and stationing the workers; year 1 is
        signed and ordered (its signature opens the publication and finance filing deadlines)."""
        self._check_signable()
        for agreement in self:
            signed = agreement.sign_date or fields.Date.context_today(self)
            start = agreement.date_start or signed
            agreement.write(
                {
                    "state": "active",
                    "sign_date": signed,
                    "date_start": start,
                    "signed_amount": agreement.annual_amount,
                }
            )
            agreement._sgz_deadline_done("signing", signed)
            agreement._sgz_set_filing_deadline(signed)
            agreement._sgz_deadline_set(
                "stationing",
                self.env._(
                    "Station the social workers in the townships (%(months)s month)", months=STATIONING_MONTHS
                ),
                "months",
                signed,
                STATIONING_MONTHS,
                user=agreement.user_id,
            )
            Year = self.env["sgz.agreement.year"]
            with Year._sgz_unlocked():
                year = Year.create(dict(agreement._prepare_year_vals(1, start), sign_date=signed))
            year.action_confirm()
        return True

    def _sgz_set_year_deadlines(self, year):
        """Each yearly signing is a contract: published within 2 working days (实施条例第五十条) and filed with the
        finance department within 7 working days (政府采购法第四十七条), counted from the year's signature."""
        self.ensure_one()
        deadlines = (
            (
                "publication",
                self.env._(
                    "Publish the contract of year %(year)s (%(days)s working days, 实施条例第五十条)",
                    year=year.sequence,
                    days=PUBLICATION_WORKING_DAYS,
                ),
                PUBLICATION_WORKING_DAYS,
            ),
            (
                "finance_filing",
                self.env._(
                    "File a copy of the contract of year %(year)s with the finance department (%(days)s working "
                    "days, 政府采购法第四十七条)",
                    year=year.sequence,
                    days=FINANCE_FILING_WORKING_DAYS,
                ),
                FINANCE_FILING_WORKING_DAYS,
            ),
        )
        for code, name, days in deadlines:
            self._sgz_deadline_set(
                year._sgz_step_code(code), name, "working_days", year.sign_date, days, user=self.user_id
            )

    # ---- steps recorded by the county (the day they happened, with the evidence) ------------------------------

    def _sgz_deadline_recordable(self, code):
        step, _sep, year = code.rpartition("_")
        return super()._sgz_deadline_recordable(code) or (
            step in ("publication", "finance_filing") and year.isdigit()
        )

    def _sgz_step_target(self, code):
        """(record, field) where the step ``code`` is recorded: the agreement's stationing, or the publication
        and the finance filing of one of its signings."""
        self.ensure_one()
        if code == "stationing":
            return self, "stationing_date"
        for year in self.year_ids:
            for step in ("publication", "finance_filing"):
                if year._sgz_step_code(step) == code:
                    return year, f"{step}_date"
        raise UserError(self.env._("This step is already recorded."))

    def _sgz_deadline_record(self, code, date_done, **evidence):
        self.ensure_one()
        if self.state != "active":
            raise UserError(self.env._("This step is recorded on an agreement in force."))
        record, field = self._sgz_step_target(code)
        result = super()._sgz_deadline_record(code, date_done, **evidence)
        with record._sgz_unlocked():
            record.write({field: date_done})
        return result

    def _sgz_year_step_wizard(self, step):
        """The dialog recording ``step`` (publication, finance filing) of the earliest signing lacking it."""
        self.ensure_one()
        field = f"{step}_date"
        year = self.year_ids.filtered(lambda y: y.sign_date and not y[field]).sorted("sequence")[:1]
        if self.state != "active" or not year:
            raise UserError(self.env._("This step is already recorded for every signing."))
        return self._sgz_deadline_wizard(year._sgz_step_code(step))

    @sgz_action
    def action_confirm_stationing(self):
        self.ensure_one()
        if self.state != "active" or self.stationing_date:
            raise UserError(self.env._("This step is already recorded."))
        return self._sgz_deadline_wizard("stationing")

    @sgz_action
    def action_confirm_publication(self):
        return self._sgz_year_step_wizard("publication")

    @sgz_action
    def action_confirm_finance_filing(self):
        return self._sgz_year_step_wizard("finance_filing")

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

    def _check_amount_limit(self, amount, what):
        """政府采购法第四十九条: a renewal year or a change of the amount stays within 10% above the amount as
        signed; beyond that the service is procured again."""
        self.ensure_one()
        limit = self.signed_amount * (1 + INCREASE_LIMIT)
        if self.signed_amount and amount > limit + 0.005:
            raise UserError(
                self.env._(
                    "%(amount).2f for %(what)s exceeds the amount of %(signed).2f signed in year 1 by more than "
                    "%(percent)s%% (at most %(limit).2f): procure the service again (政府采购法第四十九条).",
                    percent=f"{INCREASE_LIMIT * 100:g}",
                    amount=amount,
                    what=what,
                    signed=self.signed_amount,
                    limit=limit,
                )
            )

    # ---- renewal ----------------------------------------------------------------------------------------------

    @sgz_action(lock_rows=True)
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
                        "The %(years)s-year cycle is complete: the next provider is chosen by a new procurement.",
                        years=CYCLE_YEARS,
                    )
                )
            Year = self.env["sgz.agreement.year"]
            with Year._sgz_unlocked():
                Year.create(
                    agreement._prepare_year_vals(last.sequence + 1, last.date_end + relativedelta(days=1))
                )
        return True

    def _on_evaluation(self, year):
        """An evaluation was recorded for ``year``: unqualified ends the agreement and proposes a new tender."""
        self.ensure_one()
        if year.evaluation_result == "unqualified":
            Tender = self.env["sgz.tender"].sudo()
            with Tender._sgz_unlocked():
                tender = Tender.create(self._prepare_new_tender_vals())
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

    # ---- changes and termination (through sgz.agreement.change) -------------------------------------------------

    def _sgz_terminate(self, change):
        """A termination change was recorded: end the agreement, its open years and the orders after the date."""
        self.ensure_one()
        if self.state not in ("draft", "active"):
            raise UserError(self.env._("Only an agreement to sign or in force can be terminated."))
        self.sudo().write(
            {
                "state": "terminated",
                "termination_kind": change.kind,
                "termination_reason": change.reason,
                "termination_date": change.date,
            }
        )
        self.sudo()._sgz_deadline_cancel()
        for year in self.year_ids.filtered(lambda y: y.state in ("draft", "confirmed")):
            year._sgz_close(change.date)

    def action_open_purchase_orders(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("purchase.purchase_form_action")
        action["domain"] = [("id", "in", self.year_ids.purchase_order_id.ids)]
        action["context"] = {"create": False}
        return action

    def action_open_change(self):
        """Button: record a change or the termination (a new change record, with today's date)."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "res_model": "sgz.agreement.change",
            "view_mode": "form",
            "target": "new",
            "context": {"default_agreement_id": self.id},
        }

    def _sgz_document_summary(self):
        return super()._sgz_document_summary() + self._sgz_summary_rows(
            [
                "company_id",
                "provider_id",
                "station_ids",
                "annual_amount",
                "worker_quota",
                "fund_source_id",
                "sign_date",
                "date_start",
                "last_sign_date",
            ]
        )


class SgzAgreementStation(models.Model):
    _name = "sgz.agreement.station"
    _description = "Agreement Station"
    _inherit = ["sgz.lock.mixin"]
    _order = "agreement_id, id"
    _check_company_auto = True

    _sgz_lock_parent = "agreement_id"

    agreement_id = fields.Many2one("sgz.agreement", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    station_id = fields.Many2one("sgz.station", required=True, check_company=True, ondelete="restrict")
    worker_quota = fields.Integer(string="Worker Quota", default=1)
    annual_amount = fields.Monetary()

    _sql_constraints = [
        ("station_unique", "unique(agreement_id, station_id)", "A station appears once in an agreement."),
    ]

    @api.depends("station_id.name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = line.station_id.name or ""

    def _sgz_locked_records(self):
        # the stations and amounts of an awarded agreement are the award's
        return super()._sgz_locked_records() | self.filtered(lambda line: line.sudo().agreement_id.tender_id)

    def _sgz_check_parent_open(self, vals_list):
        result = super()._sgz_check_parent_open(vals_list)
        agreements = (
            self.env["sgz.agreement"]
            .sudo()
            .browse({v["agreement_id"] for v in vals_list if v.get("agreement_id")})
        )
        agreements._sgz_check_award_kept()
        return result

    @api.constrains("worker_quota", "annual_amount")
    def _check_amounts(self):
        for line in self:
            if line.worker_quota < 0 or line.annual_amount < 0:
                raise ValidationError(
                    self.env._(
                        "The worker quota and the annual amount of %(station)s cannot be negative.",
                        station=line.station_id.name,
                    )
                )
