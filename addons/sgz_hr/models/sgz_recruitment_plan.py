from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sgz_agreement_link import check_agreement


class SgzRecruitmentPlan(models.Model):
    """A provider's recruitment plan (招聘方案, §三(三)), filed with the county bureau (sgz_base's filing).

    Filing (``sgz.filing.mixin``) records the submission; an officer of the county (or of the city above it)
    acknowledges it or returns it with a reason, and the plan can then be corrected and filed again.
    """

    _name = "sgz.recruitment.plan"
    _description = "Recruitment Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.filing.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True
    # locked while the bureau holds it; a returned plan is corrected and filed again; a filed plan stays
    _sgz_lock_field = "sgz_filing_state"
    _sgz_locked_states = ("submitted", "acknowledged")
    _sgz_unlink_states = ("none", "returned")

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Provider",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("sgz_kind", "=", "provider")],
    )
    agreement_id = fields.Many2one(
        "sgz.agreement",
        string="Service Agreement",
        index=True,
        tracking=True,
        domain="[('provider_id', '=', company_id)]",
        help="The service agreement whose stations the plan staffs.",
    )
    county_id = fields.Many2one(
        "res.company",
        string="Filed With",
        required=True,
        index=True,
        tracking=True,
        compute="_compute_county_id",
        store=True,
        readonly=False,
        precompute=True,
        domain=[("sgz_kind", "=", "county")],
        help="The county bureau that acknowledges the plan (its city sees the filing too).",
    )
    date_from = fields.Date(string="Recruitment From", required=True)
    date_to = fields.Date(string="Recruitment Until", required=True)
    requirements = fields.Html(
        default=lambda self: self.env._(
            "<p>Under 40, college (dazhuan) or higher, any major; priority to social work qualifications "
            "and local household registration. Open, fair and just recruitment.</p>"
        )
    )
    line_ids = fields.One2many("sgz.recruitment.plan.line", "plan_id", string="Positions", copy=True)
    position_count = fields.Integer(
        compute="_compute_position_count", store=True, string="Number of Positions"
    )

    @api.depends("agreement_id")
    def _compute_county_id(self):
        for plan in self:
            if plan.agreement_id:
                plan.county_id = plan.agreement_id.sudo().company_id

    @api.constrains("agreement_id", "company_id", "line_ids")
    def _check_agreement(self):
        for plan in self.filtered("agreement_id"):
            check_agreement(self.env, plan.agreement_id, plan.company_id, plan.line_ids.station_id)

    @api.depends("line_ids.positions")
    def _compute_position_count(self):
        for plan in self:
            plan.position_count = sum(plan.line_ids.mapped("positions"))

    def _sgz_filing_target_company(self):
        return self.county_id

    def _sgz_filing_check(self):
        if not self.line_ids:
            raise UserError(self.env._("Add the positions per station before submitting the plan."))


class SgzRecruitmentPlanLine(models.Model):
    _name = "sgz.recruitment.plan.line"
    _description = "Recruitment Plan Position"
    _inherit = ["sgz.lock.mixin"]
    _sgz_lock_parent = "plan_id"

    plan_id = fields.Many2one("sgz.recruitment.plan", required=True, index=True, ondelete="cascade")
    station_id = fields.Many2one("sgz.station", required=True)
    positions = fields.Integer(default=1, required=True)

    @api.constrains("positions")
    def _check_positions(self):
        if any(line.positions < 1 for line in self):
            raise ValidationError(self.env._("A station of a recruitment plan recruits at least one worker."))

    note = fields.Char(string="Requirements")
