from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

PURCHASE_METHODS = [
    ("open", "Open Tender"),
    ("consultation", "Competitive Consultation"),
    ("negotiation", "Competitive Negotiation"),
    ("single_source", "Single Source"),
]


class SgzProcurementPlan(models.Model):
    """The county's annual implementation plan (年度实施计划, §七(一)), filed with the city."""

    _name = "sgz.procurement.plan"
    _description = "Annual Implementation Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.filing.mixin"]
    _order = "year desc, company_id"
    _check_company_auto = True

    # submitted or filed, the plan is what the city received
    _sgz_locked_states = ("submitted", "filed")
    _sgz_lock_writable = ("user_id",)
    _sgz_action_fields = ("state", "return_reason")
    _sgz_unlink_states = ("draft",)

    name = fields.Char(compute="_compute_name", search="_search_name", string="Plan")
    company_id = fields.Many2one(
        "res.company",
        string="County Bureau",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("sgz_kind", "=", "county")],
        tracking=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year, tracking=True
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True
    )
    background = fields.Html(string="Project Background")
    objectives = fields.Html(string="Project Objectives")
    budget_note = fields.Html(string="Budget and Purchase Method")
    purchase_method = fields.Selection(PURCHASE_METHODS, default="open", required=True, tracking=True)
    content_schedule = fields.Html(string="Content and Schedule")
    station_standards = fields.Html(string="Station Quality and Quantity Standards")
    evaluation = fields.Html(string="Performance Evaluation")
    station_ids = fields.Many2many(
        "sgz.station",
        string="Stations Covered",
        check_company=True,
        domain="[('company_id', '=', company_id)]",
    )
    station_count = fields.Integer(compute="_compute_station_count", string="Station Count")
    line_ids = fields.One2many("sgz.procurement.plan.line", "plan_id", string="Funding", copy=True)
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True, string="Planned Amount")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("filed", "Filed"), ("returned", "Returned")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    return_reason = fields.Text(tracking=True, copy=False, readonly=True)
    tender_ids = fields.One2many("sgz.tender", "plan_id", string="Tenders")
    tender_count = fields.Integer(compute="_compute_tender_count", string="Tender Count")

    _sql_constraints = [
        ("company_year_unique", "unique(company_id, year)", "A county has one implementation plan per year."),
    ]

    @api.depends("company_id.name", "year")
    @api.depends_context("lang")
    def _compute_name(self):
        # in the reader's language, so not stored
        for plan in self:
            plan.name = self.env._(
                "%(county)s %(year)s Implementation Plan",
                county=plan.company_id.name or "",
                year=plan.year or "",
            )

    def _search_name(self, operator, value):
        """Found by the county's name or the year (the name itself is composed in the reader's language)."""
        if isinstance(value, str) and value.strip().isdigit():
            return [("year", "=", int(value))]
        return [("company_id.name", operator, value)]

    def _compute_station_count(self):
        for plan in self:
            plan.station_count = len(plan.station_ids)

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for plan in self:
            plan.amount_total = sum(plan.line_ids.mapped("amount"))

    def _compute_tender_count(self):
        counts = dict(
            self.env["sgz.tender"]._read_group([("plan_id", "in", self.ids)], ["plan_id"], ["__count"])
        )
        for plan in self:
            plan.tender_count = counts.get(plan, 0)

    @api.constrains("company_id")
    def _check_county(self):
        for plan in self:
            if plan.company_id.sgz_kind != "county":
                raise ValidationError(
                    self.env._("Only a county civil-affairs bureau makes an implementation plan.")
                )

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(
                    self.env._("The year of a plan lies between 2000 and 2100, not %(year)s.", year=plan.year)
                )

    def _sgz_check_unlink(self):
        result = super()._sgz_check_unlink()
        if self.sudo().sgz_filing_ids:
            raise UserError(self.env._("A plan that was filed with the city stays on record."))
        return result

    # ---- filing -----------------------------------------------------------------------------------------------

    # the plan files through its own Submit button (its state follows the filing)
    _sgz_filing_button = False

    def _sgz_filing_check(self):
        missing = [
            label
            for field, label in (
                ("background", self.env._("project background")),
                ("objectives", self.env._("project objectives")),
                ("budget_note", self.env._("budget and purchase method")),
                ("content_schedule", self.env._("content and schedule")),
                ("station_standards", self.env._("station quality and quantity standards")),
                ("evaluation", self.env._("performance evaluation")),
            )
            if not self[field] or self[field] == "<p><br></p>"
        ]
        if missing:
            raise UserError(
                self.env._("The plan is incomplete; fill in: %(missing)s.", missing=", ".join(missing))
            )
        if not self.line_ids:
            raise UserError(self.env._("Give the planned amount per fund source before filing the plan."))

    def _sgz_filing_submitted(self, filing):
        self.write({"state": "submitted", "return_reason": False})

    def _sgz_filing_acknowledged(self, filing):
        self.sudo().write({"state": "filed"})

    def _sgz_filing_returned(self, filing):
        self.sudo().write({"state": "returned", "return_reason": filing.return_reason})

    @sgz_action(lock_rows=True)
    def action_submit(self):
        """Submit the plan to the city for filing (备案)."""
        for plan in self:
            if plan.state not in ("draft", "returned"):
                raise UserError(self.env._("Only a draft or returned plan can be submitted."))
        self._sgz_file()
        return True

    @sgz_action
    def action_reset_draft(self):
        for plan in self:
            if plan.state != "returned":
                raise UserError(self.env._("Only a returned plan goes back to draft."))
        self.write({"state": "draft"})
        return True

    @sgz_action(access="read")
    def action_create_tender(self):
        self.ensure_one()
        if self.state != "filed":
            raise UserError(self.env._("Tender only after the city has acknowledged the plan."))
        tender = self.env["sgz.tender"].create(self._prepare_tender_vals())
        return {
            "type": "ir.actions.act_window",
            "res_model": "sgz.tender",
            "res_id": tender.id,
            "view_mode": "form",
        }

    def _prepare_tender_vals(self):
        self.ensure_one()
        return {
            "name": self.env._("%(plan)s — Station Services", plan=self.name),
            "plan_id": self.id,
            "company_id": self.company_id.id,
            "method": self.purchase_method,
            "lot_ids": [
                fields.Command.create(
                    {
                        "name": self.env._("Lot 1"),
                        "station_ids": [fields.Command.set(self.station_ids.ids)],
                        "ceiling_price": self.amount_total,
                    }
                )
            ],
        }

    def action_open_tenders(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_procurement.sgz_tender_action")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id, "default_company_id": self.company_id.id}
        return action

    def _sgz_document_summary(self):
        rows = super()._sgz_document_summary() + self._sgz_summary_rows(
            ["company_id", "year", "purchase_method", "station_count", "amount_total"]
        )
        rows += [
            (line.fund_source_id.name, line._sgz_summary_rows(["amount"])[0][1]) for line in self.line_ids
        ]
        return rows


class SgzProcurementPlanLine(models.Model):
    _name = "sgz.procurement.plan.line"
    _description = "Planned Amount per Fund Source"
    _inherit = ["sgz.lock.mixin"]
    _order = "plan_id, id"

    _sgz_lock_parent = "plan_id"

    plan_id = fields.Many2one("sgz.procurement.plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    fund_source_id = fields.Many2one("sgz.fund.source", required=True, ondelete="restrict")
    amount = fields.Monetary(required=True)

    @api.depends("fund_source_id.name", "amount")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.fund_source_id.name or ''} {line.amount:,.2f}"

    @api.constrains("amount")
    def _check_amount(self):
        if any(line.amount <= 0 for line in self):
            raise ValidationError(self.env._("A planned amount must be positive."))
