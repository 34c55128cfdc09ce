"""Beneficiaries (服务对象) of a station: the beneficiary database of §五(二).

Consent (个人信息保护法, ``lib/consent.py``): a record is kept only with a written consent, given by the guardian
for a minor, and with a separate consent when the person is in a sensitive category or under 14.

Privacy: only the provider running the station and the county bureau see the records (record rules, with
``res.users.sgz_county_bureau_ids``); every other role sees counts (``sgz.beneficiary.stat``). The resident
ID number itself (``id_number``) is readable by those two only (field ``groups``: the provider's staff and the
county officers and approvers): for every other role Odoo refuses it in read, search, grouping, export and the
chatter's tracking alike (an activity's participants, say), and they see ``id_number_masked``
(430***********1234). Those two see it in full on the beneficiary's own form, masked in lists, kanban and
exports; grouping by it is refused to everyone.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.i18n import format_list

from odoo.addons.sgz_base.lib import IdCardError, age_on, parse_id_card

from ..lib import consent_needs, mask_id_number

# who reads the full ID number: the provider's staff registering the person (provider managers hold the HR
# role), and the administrator; every other role sees the masked number only
# the provider's staff running the station and the county bureau (issue 11: "only the provider running the
# station and the county bureau see full records … ID numbers are masked everywhere except the beneficiary's
# own form for those two"); provider managers imply provider HR
ID_NUMBER_GROUPS = (
    "sgz_base.sgz_base_group_provider_hr,sgz_base.sgz_base_group_county_officer,"
    "sgz_base.sgz_base_group_county_approver,base.group_system"
)


class SgzBeneficiary(models.Model):
    _name = "sgz.beneficiary"
    _description = "Beneficiary"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _sgz_masked_fields = ("id_number",)
    _order = "station_id, name, id"

    name = fields.Char(string="Full Name", required=True, tracking=True)
    id_number = fields.Char(
        string="ID Card Number",
        required=True,
        copy=False,
        tracking=True,
        groups=ID_NUMBER_GROUPS,
        help="Resident identity card number (18 characters, checked). Shown in full on this form only, to the "
        "provider's staff and the county bureau.",
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
    county_id = fields.Many2one(
        related="station_id.company_id", store=True, index=True, string="County Bureau"
    )
    provider_id = fields.Many2one(related="station_id.provider_id", store=True, index=True, string="Provider")
    category_ids = fields.Many2many(
        "sgz.beneficiary.category",
        "sgz_beneficiary_category_rel",
        "beneficiary_id",
        "category_id",
        string="Categories",
        tracking=True,
    )
    household_address = fields.Char(string="Household Registration", help="户籍地址")
    household_size = fields.Integer(string="Household Members", sgz_limit="count")
    household_note = fields.Text(string="Household Situation")
    address = fields.Char(string="Residence")
    phone = fields.Char()
    consent_date = fields.Date(
        string="Consent Date",
        tracking=True,
        sgz_not_future=True,
        help="The day the beneficiary (or the guardian) agreed in writing that the station keeps these data.",
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
        help="Who the guardian is, as the Civil Code names them (民法典第二十七条、第三十二条).",
    )
    sensitive_consent_date = fields.Date(
        string="Separate Consent Date",
        tracking=True,
        sgz_not_future=True,
        help="The day of the separate consent to keeping sensitive personal information: an assistance category "
        "such as 低保 or 特困, a disability, a child left behind or in difficulty, any child under 14 "
        "(个人信息保护法第二十八、二十九条).",
    )
    needs_guardian_consent = fields.Boolean(compute="_compute_consent_needs", string="Minor")
    needs_separate_consent = fields.Boolean(compute="_compute_consent_needs", string="Sensitive Information")
    note = fields.Html()
    activity_count = fields.Integer(compute="_compute_activity_count", string="Service Records")
    active = fields.Boolean(default=True)

    def init(self):
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS sgz_beneficiary_station_id_number "
            "ON sgz_beneficiary (station_id, id_number)"
        )

    @api.depends("id_number")
    def _compute_id_number_masked(self):
        # compute_sudo: the masked number is computed for the users who may not read the full one
        for beneficiary in self:
            beneficiary.id_number_masked = mask_id_number(beneficiary.id_number)

    @api.depends("id_number")
    def _compute_id_card(self):
        for beneficiary in self:
            try:
                card = parse_id_card(beneficiary.id_number)
            except IdCardError:
                beneficiary.gender = beneficiary.birth_date = False
                continue
            beneficiary.gender = card.gender
            beneficiary.birth_date = card.birth_date

    @api.depends("birth_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for beneficiary in self:
            beneficiary.age = age_on(beneficiary.birth_date, today) if beneficiary.birth_date else 0

    def _sgz_consent_needs(self):
        """What consent this record needs (``lib/consent.py``): age on the consent date (today without one)."""
        self.ensure_one()
        day = self.consent_date or fields.Date.context_today(self)
        age = age_on(self.birth_date, day) if self.birth_date else None
        return consent_needs(age, any(self.category_ids.mapped("sensitive")))

    @api.depends("birth_date", "consent_date", "category_ids")
    def _compute_consent_needs(self):
        for beneficiary in self:
            needs = beneficiary._sgz_consent_needs()
            beneficiary.needs_guardian_consent = needs.guardian
            beneficiary.needs_separate_consent = needs.separate

    @api.depends("birth_date", "consent_date")
    def _compute_consent_giver(self):
        for beneficiary in self:
            if beneficiary._sgz_consent_needs().guardian:
                beneficiary.consent_giver = "guardian"
            elif not beneficiary.consent_giver:
                beneficiary.consent_giver = "self"

    def _compute_activity_count(self):
        Activity = self.env["sgz.activity"]
        counts = dict(
            Activity._read_group([("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"])
        )
        for beneficiary in self:
            beneficiary.activity_count = counts.get(beneficiary, 0)

    @api.depends("name")
    def _compute_display_name(self):
        for beneficiary in self:
            beneficiary.display_name = beneficiary.name or ""

    # ---- checks ----------------------------------------------------------------------------------------------

    def _sgz_id_reason(self, reason):
        return {
            "format": self.env._("it must be 17 digits and a check digit or X"),
            "checksum": self.env._("wrong check digit"),
            "birth_date": self.env._("impossible birth date"),
        }.get(reason, self.env._("invalid"))

    @api.model
    def _sgz_normalize(self, vals):
        """The ID number in its compact form (spaces removed, x in capitals); a clear sentence if invalid."""
        if not vals.get("id_number"):
            return vals
        try:
            card = parse_id_card(vals["id_number"])
        except IdCardError as error:
            raise ValidationError(
                self.env._(
                    "%(number)s is not a valid resident ID card number (%(reason)s): check the number on the "
                    "card.",
                    number=vals["id_number"],
                    reason=self._sgz_id_reason(error.reason),
                )
            ) from None
        return {**vals, "id_number": card.number}

    def _sgz_check_duplicates(self, keys):
        """One record per person and station: a clear sentence before the unique index refuses it bluntly.
        ``keys``: the (station id, ID number) pairs about to be saved for the records of ``self``.

        Called once the user is known to work at those stations: the sentence names the existing record only
        when the user may read it, so that nobody learns from it who is registered where."""
        if len(set(keys)) < len(keys):
            raise ValidationError(self.env._("The same ID card number appears twice among the new records."))
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
                if other.with_env(self.env).has_access("read"):
                    raise ValidationError(
                        self.env._(
                            "A beneficiary with the ID card number %(number)s is already registered at this "
                            "station (%(name)s): open that record instead of creating another.",
                            number=mask_id_number(other.id_number),
                            name=other.name,
                        )
                    )
                raise ValidationError(
                    self.env._(
                        "This ID card number is already registered at this station, in a record you cannot "
                        "see: ask the county civil affairs bureau to check the beneficiary register."
                    )
                )

    @api.model
    def _sgz_check_station(self, station_ids):
        """A provider records beneficiaries only at the stations it runs (checked before saving, so that the
        sentence comes before the record rules' refusal)."""
        if self.env.su:
            return
        user_companies = self.env.user.company_ids
        for station in self.env["sgz.station"].sudo().browse(station_ids):
            if station.provider_id not in user_companies and station.company_id not in user_companies:
                raise UserError(
                    self.env._(
                        "The station you chose is not run by your organization: record beneficiaries only at "
                        "your own stations."
                    )
                )

    @api.constrains(
        "consent_date",
        "consent_giver",
        "guardian_name",
        "guardian_relation",
        "sensitive_consent_date",
        "category_ids",
        "id_number",
    )
    def _sgz_check_consent(self):
        """No record without the consents the law asks (``lib/consent.py``), each refusal naming what to add."""
        for beneficiary in self:
            if not beneficiary.consent_date:
                raise ValidationError(
                    self.env._(
                        "Record the consent date of %(name)s: the day the person (or the guardian) agreed in writing "
                        "that the station keeps these data. Without a consent no beneficiary record is kept "
                        "(Personal Information Protection Law, art. 13).",
                        name=beneficiary.name,
                    )
                )
            needs = beneficiary._sgz_consent_needs()
            if needs.guardian and beneficiary.consent_giver != "guardian":
                raise ValidationError(
                    self.env._(
                        "%(name)s was %(age)s years old on the consent date: a minor's consent is given by a parent "
                        "or other guardian (Personal Information Protection Law, art. 31). Choose the guardian as "
                        "the one who gave consent and record the guardian's name and relation.",
                        name=beneficiary.name,
                        age=age_on(beneficiary.birth_date, beneficiary.consent_date),
                    )
                )
            if beneficiary.consent_giver == "guardian" and not (
                (beneficiary.guardian_name or "").strip() and beneficiary.guardian_relation
            ):
                raise ValidationError(
                    self.env._(
                        "The consent of %(name)s was given by the guardian: record the guardian's name and relation.",
                        name=beneficiary.name,
                    )
                )
            if needs.separate and not beneficiary.sensitive_consent_date:
                raise ValidationError(
                    self.env._(
                        "%(name)s is recorded as %(what)s: this is sensitive personal information, kept only with a "
                        "separate consent (Personal Information Protection Law, arts. 28 and 29). Record the date "
                        "of the separate consent.",
                        name=beneficiary.name,
                        what=beneficiary._sgz_sensitive_words(needs),
                    )
                )

    def _sgz_sensitive_words(self, needs):
        """What makes this record's information sensitive, in words: its sensitive categories, or its age."""
        words = self.category_ids.filtered("sensitive").mapped("name")
        if needs.young_child:
            words.append(self.env._("a child under 14"))
        return format_list(self.env, words)

    @api.constrains("household_size")
    def _check_household_size(self):
        for beneficiary in self:
            if beneficiary.household_size < 0:
                raise ValidationError(self.env._("The number of household members cannot be negative."))

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
            self._sgz_check_duplicates(
                [
                    (vals.get("station_id", b.station_id.id), vals.get("id_number", b.id_number))
                    for b in self.sudo()
                ]
            )
        elif isinstance(vals.get("station_id"), int):
            self._sgz_check_station({vals["station_id"]})
        if "active" in vals and not vals["active"]:
            self._sgz_check_not_in_locked_activities()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_locked_activities(self):
        self._sgz_check_not_in_locked_activities()

    def _sgz_check_not_in_locked_activities(self):
        """A beneficiary served by an activity of a submitted brief stays on record as it is: deleting them
        would take them out of the locked activity's participants (and its person-times), archiving them out of
        the submitted figures."""
        if not self:
            return
        locked = (
            self.env["sgz.activity"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("lock_state", "=", "locked"),
                    "|",
                    ("beneficiary_id", "in", self.ids),
                    ("participant_ids", "in", self.ids),
                ],
                limit=1,
            )
        )
        if locked:
            people = self.sudo().filtered(lambda b: b in (locked.beneficiary_id | locked.participant_ids))
            raise UserError(
                self.env._(
                    "%(name)s took part in %(activity)s, whose monthly brief has been submitted: the beneficiary "
                    "can be neither deleted nor archived while the brief stands.",
                    name=people[:1].name,
                    activity=locked.name
                    if locked.with_env(self.env).has_access("read")
                    else self.env._("an activity of another organization"),
                )
            )

    # ---- masking outside the form ------------------------------------------------------------------------------
    # sgz_base's mask (``_sgz_masked_fields``): lists, searches, reads of several records and exports carry the
    # masked number, even through the records that point to the person; no aggregate but a count, no grouping.

    @api.model
    def _sgz_mask_value(self, field_name, value):
        if field_name == "id_number":
            return mask_id_number(value) if value else value
        return super()._sgz_mask_value(field_name, value)

    def action_open_activities(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_reporting.sgz_activity_action")
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {"default_beneficiary_id": self.id, "default_station_id": self.station_id.id}
        return action
