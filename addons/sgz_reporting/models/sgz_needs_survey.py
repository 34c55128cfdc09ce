"""Needs survey (需求调研, 湘民发〔2018〕16号 §七(四)): before planning its year, a station visits households and
groups and records the needs it found per service area of §四 and beneficiary category. The provider running the
station writes it and files it with the county bureau (sgz_base's filing); once filed it is locked."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sgz_service_plan import adopt_attachments, check_station_year, check_vals_stations


class SgzNeedsSurvey(models.Model):
    _name = "sgz.needs.survey"
    _description = "Needs Survey"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.filing.mixin"]
    _order = "date_to desc, id desc"

    # locked while the county holds it; a returned survey is corrected and filed again
    _sgz_lock_field = "sgz_filing_state"
    _sgz_locked_states = ("submitted", "acknowledged")
    _sgz_unlink_states = ("none", "returned")
    _sgz_fixed_fields = ("station_id", "year_id")

    name = fields.Char(compute="_compute_name", store=True, precompute=True, string="Survey")
    station_id = fields.Many2one(
        "sgz.station", string="Station", required=True, index=True, tracking=True, ondelete="restrict"
    )
    year_id = fields.Many2one(
        "sgz.agreement.year",
        string="Agreement Year",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('agreement_id.station_line_ids.station_id', '=', station_id)]",
        help="The year of the service agreement the survey prepares.",
    )
    agreement_id = fields.Many2one(related="year_id.agreement_id", store=True, string="Service Agreement")
    company_id = fields.Many2one(
        "res.company",
        string="Provider",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        index=True,
    )
    county_id = fields.Many2one(
        related="station_id.company_id", store=True, index=True, string="County Bureau"
    )
    city_id = fields.Many2one(related="county_id.parent_id", store=True, index=True, string="City Bureau")
    date_from = fields.Date(string="Surveyed From", required=True, tracking=True)
    date_to = fields.Date(string="Surveyed Until", required=True, tracking=True, sgz_not_future=True)
    household_count = fields.Integer(string="Households Visited", tracking=True, sgz_limit="count")
    group_count = fields.Integer(
        string="Groups Visited",
        tracking=True,
        sgz_limit="count",
        help="Village and community committees, schools, elderly associations and other groups interviewed.",
    )
    line_ids = fields.One2many("sgz.needs.survey.line", "survey_id", string="Needs Found", copy=True)
    need_household_count = fields.Integer(
        compute="_compute_need_household_count", store=True, string="Households with Needs (Sum of Lines)"
    )
    summary = fields.Html(string="Findings")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "sgz_needs_survey_attachment_rel",
        "survey_id",
        "attachment_id",
        string="Attachments",
        help="Questionnaires, visit records, photos.",
    )

    @api.depends("station_id.name", "year_id.date_start")
    def _compute_name(self):
        env = self._sgz_lang_env()
        for survey in self:
            survey.name = env._(
                "%(station)s: needs survey %(year)s",
                station=survey.station_id.sudo().name or "",
                year=survey.year_id.sudo().date_start.year if survey.year_id else "",
            )

    @api.depends("year_id")
    def _compute_company_id(self):
        for survey in self:
            survey.company_id = survey.year_id.sudo().provider_id

    @api.depends("line_ids.household_count")
    def _compute_need_household_count(self):
        for survey in self:
            survey.need_household_count = sum(survey.line_ids.mapped("household_count"))

    @api.constrains("station_id", "year_id")
    def _check_station_year(self):
        for survey in self:
            check_station_year(self.env, survey.station_id, survey.year_id)

    @api.constrains("household_count", "group_count", "date_from", "date_to")
    def _check_figures(self):
        for survey in self:
            if survey.household_count < 0 or survey.group_count < 0:
                raise ValidationError(
                    self.env._("The households and groups visited by a survey cannot be below zero.")
                )
            if survey.date_to < survey.date_from:
                raise ValidationError(self.env._("A survey cannot end before it starts."))

    @api.model_create_multi
    def create(self, vals_list):
        self.browse().check_access("create")  # who may not create at all hears so first
        check_vals_stations(self.env, vals_list)
        surveys = super().create(vals_list)
        if any(vals.get("attachment_ids") for vals in vals_list):
            adopt_attachments(surveys, "attachment_ids")
        return surveys

    def write(self, vals):
        if "station_id" in vals:
            self.check_access("write")
            check_vals_stations(self.env, [vals])
        result = super().write(vals)
        if "attachment_ids" in vals:
            adopt_attachments(self, "attachment_ids")
        return result

    # ---- filing ------------------------------------------------------------------------------------------------

    def _sgz_filing_target_company(self):
        return self.county_id.sudo()

    def _sgz_filing_check(self):
        if not self.line_ids:
            raise UserError(
                self.env._(
                    "Record the needs found per service area before filing %(survey)s.", survey=self.name
                )
            )


class SgzNeedsSurveyLine(models.Model):
    _name = "sgz.needs.survey.line"
    _description = "Need Found by a Survey"
    _rec_name = "description"
    _inherit = ["sgz.lock.mixin"]
    _order = "survey_id, sequence, id"

    _sgz_lock_parent = "survey_id"
    _sgz_fixed_fields = ("survey_id",)

    survey_id = fields.Many2one("sgz.needs.survey", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="survey_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    service_area_id = fields.Many2one(
        "sgz.service.area",
        string="Service Area",
        required=True,
        domain=[("parent_id", "=", False)],
        ondelete="restrict",
    )
    category_id = fields.Many2one(
        "sgz.beneficiary.category", string="Beneficiary Category", ondelete="restrict"
    )
    household_count = fields.Integer(string="Households with the Need", sgz_limit="count")
    description = fields.Char(string="Needs Found", required=True)

    @api.constrains("household_count")
    def _check_household_count(self):
        if any(line.household_count < 0 for line in self):
            raise ValidationError(self.env._("The households with a need cannot be below zero."))
