"""Volunteers (志愿者) of a station: the volunteer registry of §四(三) (发展、壮大志愿者队伍) and §五(二)
(志愿者管理制度).

A volunteer is a record of the station, not a user. The provider running the station registers them (with the
written consent ``lib/consent.py`` asks, as for a beneficiary) and confirms the hours they serve
(``sgz.volunteer.hour``); a stationed worker of the station reads the registry and records hours; the county,
city and province bureaus and the evaluators read the registry of their region.

The resident ID number (``id_number``) is read in full by the provider's staff only, on the volunteer's own form
(field ``groups``); every other role sees ``id_number_masked`` (430***********1234), and sgz_base's mask
(``_sgz_masked_fields``) masks it in lists, searches, exports and refuses every aggregate and grouping on it, as
for a beneficiary.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.lib import IdCardError, age_on, parse_id_card

from ..lib import consent_needs, mask_id_number

# who reads the full ID number: the provider's staff registering the volunteer (provider managers hold the HR
# role) and the administrator; the bureaus, evaluators and stationed workers read the masked number
VOLUNTEER_ID_GROUPS = "sgz_base.sgz_base_group_provider_hr,base.group_system"


class SgzVolunteer(models.Model):
    _name = "sgz.volunteer"
    _description = "Volunteer"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _sgz_masked_fields = ("id_number",)
    _order = "station_id, name, id"

    name = fields.Char(string="Full Name", required=True, tracking=True)
    id_number = fields.Char(
        string="ID Card Number",
        required=True,
        copy=False,
        tracking=True,
        groups=VOLUNTEER_ID_GROUPS,
        help="Resident identity card number (18 characters, checked). Shown in full on this form only, to the "
        "staff of the provider running the station.",
    )
    id_number_masked = fields.Char(string="ID Card", compute="_compute_id_number_masked", compute_sudo=True)
    gender = fields.Selection(
        [("male", "Male"), ("female", "Female")],
        compute="_compute_id_card",
        store=True,
        precompute=True,
        string="Gender",
    )
    birth_date = fields.Date(compute="_compute_id_card", store=True, precompute=True, string="Birth Date")
    age = fields.Integer(compute="_compute_age", string="Age")
    station_id = fields.Many2one(
        "sgz.station", string="Station", required=True, index=True, tracking=True, ondelete="restrict"
    )
    provider_id = fields.Many2one(related="station_id.provider_id", store=True, index=True, string="Provider")
    county_id = fields.Many2one(
        related="station_id.company_id", store=True, index=True, string="County Bureau"
    )
    city_id = fields.Many2one(related="county_id.parent_id", store=True, index=True, string="City Bureau")
    phone = fields.Char(tracking=True, sgz_max_length=30)
    skills = fields.Char(
        string="Skills", tracking=True, sgz_max_length=200, help="特长: what the volunteer can offer."
    )
    registration_date = fields.Date(
        string="Registration Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        sgz_not_future=True,
    )
    consent_date = fields.Date(
        string="Consent Date",
        tracking=True,
        sgz_not_future=True,
        help="The day the volunteer (or the guardian) agreed in writing that the station keeps these data.",
    )
    consent_giver = fields.Selection(
        [("self", "The person"), ("guardian", "The guardian")],
        string="Consent Given By",
        compute="_compute_consent_giver",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="A minor's consent is given by a parent or other guardian (个人信息保护法第三十一条).",
    )
    guardian_name = fields.Char(string="Guardian", tracking=True, sgz_max_length=50)
    guardian_relation = fields.Selection(
        [
            ("parent", "Parent"),
            ("grandparent", "Grandparent"),
            ("sibling", "Elder brother or sister"),
            ("other", "Other person or organization acting as guardian"),
            ("committee", "Residents' or villagers' committee"),
            ("civil_affairs", "Civil affairs department"),
        ],
        string="Guardian's Relation",
        tracking=True,
    )
    sensitive_consent_date = fields.Date(
        string="Separate Consent Date",
        tracking=True,
        sgz_not_future=True,
        help="A child under 14: the separate consent to keeping the child's information (个人信息保护法第二十八、"
        "二十九条).",
    )
    needs_guardian_consent = fields.Boolean(compute="_compute_consent_needs", string="Minor")
    needs_separate_consent = fields.Boolean(compute="_compute_consent_needs", string="Sensitive Information")
    hour_ids = fields.One2many("sgz.volunteer.hour", "volunteer_id", string="Service Records")
    hours_year = fields.Float(
        string="Confirmed Hours This Year",
        compute="_compute_hours",
        compute_sudo=True,
        digits=(8, 1),
        help="The hours of this calendar year confirmed by the station's provider.",
    )
    hours_total = fields.Float(
        string="Confirmed Hours in All", compute="_compute_hours", compute_sudo=True, digits=(8, 1)
    )
    hours_draft = fields.Float(
        string="Hours Awaiting Confirmation", compute="_compute_hours", compute_sudo=True, digits=(8, 1)
    )
    note = fields.Html()
    active = fields.Boolean(default=True, tracking=True)

    def init(self):
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS sgz_volunteer_station_id_number "
            "ON sgz_volunteer (station_id, id_number)"
        )

    @api.depends("id_number")
    def _compute_id_number_masked(self):
        for volunteer in self:
            volunteer.id_number_masked = mask_id_number(volunteer.id_number)

    @api.depends("id_number")
    def _compute_id_card(self):
        for volunteer in self:
            try:
                card = parse_id_card(volunteer.id_number)
            except IdCardError:
                volunteer.gender = volunteer.birth_date = False
                continue
            volunteer.gender = card.gender
            volunteer.birth_date = card.birth_date

    @api.depends("birth_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for volunteer in self:
            volunteer.age = age_on(volunteer.birth_date, today) if volunteer.birth_date else 0

    def _sgz_consent_needs(self):
        """What consent this record needs (``lib/consent.py``): age on the consent date (today without one);
        a volunteer is in no assistance category, so only a child under 14 needs the separate consent."""
        self.ensure_one()
        day = self.consent_date or fields.Date.context_today(self)
        age = age_on(self.birth_date, day) if self.birth_date else None
        return consent_needs(age, False)

    @api.depends("birth_date", "consent_date")
    def _compute_consent_needs(self):
        for volunteer in self:
            needs = volunteer._sgz_consent_needs()
            volunteer.needs_guardian_consent = needs.guardian
            volunteer.needs_separate_consent = needs.separate

    @api.depends("birth_date", "consent_date")
    def _compute_consent_giver(self):
        for volunteer in self:
            if volunteer._sgz_consent_needs().guardian:
                volunteer.consent_giver = "guardian"
            elif not volunteer.consent_giver:
                volunteer.consent_giver = "self"

    @api.depends("hour_ids.hours", "hour_ids.state", "hour_ids.date")
    def _compute_hours(self):
        """Confirmed hours of the year (of today) and in all, and the hours awaiting confirmation: one grouped
        query for the whole recordset."""
        year = fields.Date.context_today(self).year
        by_year, drafts = {}, {}
        if self.ids:
            Hour = self.env["sgz.volunteer.hour"].with_context(active_test=False)
            rows = Hour._read_group(
                [("volunteer_id", "in", self.ids)], ["volunteer_id", "state", "date:year"], ["hours:sum"]
            )
            for volunteer, state, year_start, hours in rows:
                if state == "confirmed":
                    by_year.setdefault(volunteer.id, {})
                    by_year[volunteer.id][year_start.year] = hours
                else:
                    drafts[volunteer.id] = drafts.get(volunteer.id, 0.0) + hours
        for volunteer in self:
            years = by_year.get(volunteer.id, {})
            volunteer.hours_year = years.get(year, 0.0)
            volunteer.hours_total = sum(years.values())
            volunteer.hours_draft = drafts.get(volunteer.id, 0.0)

    @api.depends("name")
    def _compute_display_name(self):
        for volunteer in self:
            volunteer.display_name = volunteer.name or ""

    # ---- checks ----------------------------------------------------------------------------------------------

    @api.model
    def _sgz_normalize(self, vals):
        """The ID number in its compact form (the beneficiary's check and sentence)."""
        return self.env["sgz.beneficiary"]._sgz_normalize(vals)

    def _sgz_check_duplicates(self, keys):
        """One record per person and station (``keys``: the (station id, ID number) pairs about to be saved);
        the sentence names the existing record only to a user who may read it."""
        if len(set(keys)) < len(keys):
            raise ValidationError(
                self.env._("The same ID card number appears twice among the new volunteers.")
            )
        others = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("station_id", "in", [station for station, _number in keys]),
                    ("id_number", "in", [number for _station, number in keys]),
                    ("id", "not in", self.ids),
                ]
            )
        )
        for other in others:
            if (other.station_id.id, other.id_number) in keys:
                name = (
                    other.name
                    if other.with_env(self.env).has_access("read")
                    else self.env._("a record you cannot see")
                )
                raise ValidationError(
                    self.env._(
                        "A volunteer with the ID card number %(number)s is already registered at this station "
                        "(%(name)s, archived records included): open that record instead of registering the "
                        "person twice.",
                        number=mask_id_number(other.id_number),
                        name=name,
                    )
                )

    @api.model
    def _sgz_check_station(self, station_ids):
        """A provider registers volunteers only at the stations it runs."""
        self.env["sgz.station"].browse(station_ids)._sgz_check_run_by_user(
            self.env._(
                "The station you chose is not run by your organization: register volunteers only at "
                "your own stations."
            )
        )

    @api.constrains(
        "consent_date",
        "consent_giver",
        "guardian_name",
        "guardian_relation",
        "sensitive_consent_date",
        "id_number",
    )
    def _sgz_check_consent(self):
        """No record without the consents the law asks (``lib/consent.py``), each refusal naming what to add."""
        for volunteer in self:
            if not volunteer.consent_date:
                raise ValidationError(
                    self.env._(
                        "Record the consent date of %(name)s: the day the volunteer (or the guardian) agreed in "
                        "writing that the station keeps these data. Without a consent no volunteer record is kept "
                        "(Personal Information Protection Law, art. 13).",
                        name=volunteer.name,
                    )
                )
            needs = volunteer._sgz_consent_needs()
            if needs.guardian and volunteer.consent_giver != "guardian":
                raise ValidationError(
                    self.env._(
                        "%(name)s was %(age)s years old on the consent date: a minor's consent is given by a parent "
                        "or other guardian (Personal Information Protection Law, art. 31). Choose the guardian as "
                        "the one who gave consent and record the guardian's name and relation.",
                        name=volunteer.name,
                        age=age_on(volunteer.birth_date, volunteer.consent_date),
                    )
                )
            if volunteer.consent_giver == "guardian" and not (
                (volunteer.guardian_name or "").strip() and volunteer.guardian_relation
            ):
                raise ValidationError(
                    self.env._(
                        "The consent of %(name)s was given by the guardian: record the guardian's name and relation.",
                        name=volunteer.name,
                    )
                )
            if needs.separate and not volunteer.sensitive_consent_date:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a child under 14: the child's information is kept only with a separate consent "
                        "(Personal Information Protection Law, arts. 28 and 29). Record the date of the separate "
                        "consent.",
                        name=volunteer.name,
                    )
                )

    # ---- CRUD ------------------------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._sgz_normalize(vals) for vals in vals_list]
        # who may create where first: the duplicate check must not answer a user about another's station
        self.browse().check_access("create")
        self._sgz_check_station(
            {vals["station_id"] for vals in vals_list if isinstance(vals.get("station_id"), int)}
        )
        self.browse()._sgz_check_duplicates(
            [(vals.get("station_id"), vals.get("id_number")) for vals in vals_list if vals.get("id_number")]
        )
        return super().create(vals_list)

    def write(self, vals):
        vals = self._sgz_normalize(vals)
        if {"id_number", "station_id"} & set(vals):
            self.check_access("write")
            if isinstance(vals.get("station_id"), int):
                self._sgz_check_station({vals["station_id"]})
            if "station_id" in vals and self.sudo().hour_ids:
                raise UserError(
                    self.env._(
                        "%(name)s has served at %(station)s: the hours stay with that station. Register the "
                        "volunteer at the other station as a new record.",
                        name=self[:1].name,
                        station=self[:1].station_id.name,
                    )
                )
            self._sgz_check_duplicates(
                [
                    (vals.get("station_id", v.station_id.id), vals.get("id_number", v.id_number))
                    for v in self.sudo()
                ]
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_hours(self):
        served = self.sudo().filtered("hour_ids")
        if served:
            raise UserError(
                self.env._(
                    "%(name)s has service records: a volunteer with hours stays on record (archive the volunteer "
                    "instead).",
                    name=served[0].name,
                )
            )

    # ---- masking outside the form ------------------------------------------------------------------------------

    @api.model
    def _sgz_mask_value(self, field_name, value):
        if field_name == "id_number":
            return mask_id_number(value) if value else value
        return super()._sgz_mask_value(field_name, value)

    # ---- actions ---------------------------------------------------------------------------------------------

    def action_open_hours(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_reporting.sgz_volunteer_hour_action")
        action["domain"] = [("volunteer_id", "=", self.id)]
        action["context"] = {"default_volunteer_id": self.id}
        return action

    def action_certificate(self):
        """The hour certificate (志愿服务时长证明) of this volunteer: a period to choose, then the PDF."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Volunteer Service Hours Certificate"),
            "res_model": "sgz.volunteer.certificate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_volunteer_id": self.id},
        }
