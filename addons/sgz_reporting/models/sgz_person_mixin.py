"""A person a station registers (a beneficiary, a volunteer): identity, consent and the ID number's mask, written once.

- Identity: the resident ID number (``id_number``, checked and kept compact; gender and birth date read from
  it), one record per person and station (a unique index and a sentence before it), the number masked for
  every reader but the form's (``id_number_masked``, sgz_base's ``_sgz_masked_fields``). Who reads the full
  number is the model's own: it redefines ``id_number`` with its ``groups``.
- Consent (个人信息保护法, ``lib/consent.py``): a record is kept only with a written consent, given by the guardian
  for a minor, and with a separate consent when its information is sensitive: a child under 14 always, a
  person in a sensitive category where the model has categories (``_sgz_consent_sensitive``).

A model using it says who may register people at which station (``_sgz_check_station``) and words its own
refusals (the ``_sgz_*_sentence`` methods).
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.sgz_base.lib import IdCardError, age_on, parse_id_card

from ..lib import consent_needs, mask_id_number

GUARDIAN_RELATIONS = [
    ("parent", "Parent"),
    ("grandparent", "Grandparent"),
    ("sibling", "Elder brother or sister"),
    ("other", "Other person or organization acting as guardian"),
    ("committee", "Residents' or villagers' committee"),
    ("civil_affairs", "Civil affairs department"),
]


class SgzPersonMixin(models.AbstractModel):
    _name = "sgz.person.mixin"
    _description = "Person Registered at a Station"
    _sgz_masked_fields = ("id_number",)
    #: fields besides the birth date and the consent's own that decide what consent a record needs
    _sgz_consent_depends = ()

    name = fields.Char(string="Full Name", required=True, tracking=True)
    id_number = fields.Char(
        string="ID Card Number",
        required=True,
        copy=False,
        tracking=True,
        groups="base.group_system",
        help="Resident identity card number (18 characters, checked).",
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
    consent_date = fields.Date(
        string="Consent Date",
        tracking=True,
        sgz_not_future=True,
        help="The day the person (or the guardian) agreed in writing that the station keeps these data.",
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
    guardian_relation = fields.Selection(GUARDIAN_RELATIONS, string="Guardian's Relation", tracking=True)
    sensitive_consent_date = fields.Date(string="Separate Consent Date", tracking=True, sgz_not_future=True)
    needs_guardian_consent = fields.Boolean(compute="_compute_consent_needs", string="Minor")
    needs_separate_consent = fields.Boolean(compute="_compute_consent_needs", string="Sensitive Information")

    def init(self):
        if self._abstract:
            return
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (station_id, id_number)",
                SQL.identifier(f"{self._table}_station_id_number"),
                SQL.identifier(self._table),
            )
        )

    # ---- identity ----------------------------------------------------------------------------------------------

    @api.depends("id_number")
    def _compute_id_number_masked(self):
        # compute_sudo: the masked number is computed for the users who may not read the full one
        for person in self:
            person.id_number_masked = mask_id_number(person.id_number)

    @api.depends("id_number")
    def _compute_id_card(self):
        for person in self:
            try:
                card = parse_id_card(person.id_number)
            except IdCardError:
                person.gender = person.birth_date = False
                continue
            person.gender = card.gender
            person.birth_date = card.birth_date

    @api.depends("birth_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for person in self:
            person.age = age_on(person.birth_date, today) if person.birth_date else 0

    @api.depends("name")
    def _compute_display_name(self):
        for person in self:
            person.display_name = person.name or ""

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
                    reason=self._sgz_id_card_reason(error.reason),
                )
            ) from None
        return {**vals, "id_number": card.number}

    def _sgz_check_duplicates(self, keys):
        """One record per person and station: a clear sentence before the unique index refuses it bluntly.
        ``keys``: the (station id, ID number) pairs about to be saved for the records of ``self``.

        Called once the user is known to work at those stations: the sentence names the existing record only
        when the user may read it, so that nobody learns from it who is registered where."""
        if len(set(keys)) < len(keys):
            raise ValidationError(self._sgz_twice_sentence())
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
                visible = other.with_env(self.env).has_access("read")
                raise ValidationError(self._sgz_duplicate_sentence(other, visible))

    @api.model
    def _sgz_mask_value(self, field_name, value):
        if field_name == "id_number":
            return mask_id_number(value) if value else value
        return super()._sgz_mask_value(field_name, value)

    # ---- consent -----------------------------------------------------------------------------------------------

    def _sgz_consent_sensitive(self):
        """Whether the record's information is sensitive by itself (an assistance category, say), its age
        aside. A model with categories says so."""
        return False

    def _sgz_consent_needs(self):
        """What consent this record needs (``lib/consent.py``): age on the consent date (today without one)."""
        self.ensure_one()
        day = self.consent_date or fields.Date.context_today(self)
        age = age_on(self.birth_date, day) if self.birth_date else None
        return consent_needs(age, self._sgz_consent_sensitive())

    @api.depends(lambda self: ("birth_date", "consent_date", *self._sgz_consent_depends))
    def _compute_consent_needs(self):
        for person in self:
            needs = person._sgz_consent_needs()
            person.needs_guardian_consent = needs.guardian
            person.needs_separate_consent = needs.separate

    @api.depends("birth_date", "consent_date")
    def _compute_consent_giver(self):
        for person in self:
            if person._sgz_consent_needs().guardian:
                person.consent_giver = "guardian"
            elif not person.consent_giver:
                person.consent_giver = "self"

    @api.constrains(
        lambda self: (
            "consent_date",
            "consent_giver",
            "guardian_name",
            "guardian_relation",
            "sensitive_consent_date",
            "id_number",
            *self._sgz_consent_depends,
        )
    )
    def _sgz_check_consent(self):
        """No record without the consents the law asks (``lib/consent.py``), each refusal naming what to add."""
        for person in self:
            if not person.consent_date:
                raise ValidationError(person._sgz_no_consent_sentence())
            needs = person._sgz_consent_needs()
            if needs.guardian and person.consent_giver != "guardian":
                raise ValidationError(
                    self.env._(
                        "%(name)s was %(age)s years old on the consent date: a minor's consent is given by a parent "
                        "or other guardian (Personal Information Protection Law, art. 31). Choose the guardian as "
                        "the one who gave consent and record the guardian's name and relation.",
                        name=person.name,
                        age=age_on(person.birth_date, person.consent_date),
                    )
                )
            if person.consent_giver == "guardian" and not (
                (person.guardian_name or "").strip() and person.guardian_relation
            ):
                raise ValidationError(
                    self.env._(
                        "The consent of %(name)s was given by the guardian: record the guardian's name and relation.",
                        name=person.name,
                    )
                )
            if needs.separate and not person.sensitive_consent_date:
                raise ValidationError(person._sgz_separate_consent_sentence(needs))

    # ---- the model's own words -----------------------------------------------------------------------------------

    def _sgz_twice_sentence(self):
        """The refusal of new records carrying one ID number twice."""
        raise NotImplementedError

    def _sgz_duplicate_sentence(self, other, visible):
        """The refusal of a second record of ``other``'s person at its station; ``visible``: the user may read
        ``other``."""
        raise NotImplementedError

    def _sgz_no_consent_sentence(self):
        """The refusal of this record without its consent date."""
        raise NotImplementedError

    def _sgz_separate_consent_sentence(self, needs):
        """The refusal of a record whose sensitive information has no separate consent."""
        raise NotImplementedError

    # ---- create and write --------------------------------------------------------------------------------------

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
            if "station_id" in vals:
                self._sgz_check_station_change()
            self._sgz_check_duplicates(
                [
                    (vals.get("station_id", person.station_id.id), vals.get("id_number", person.id_number))
                    for person in self.sudo()
                ]
            )
        return super().write(vals)

    @api.model
    def _sgz_check_station(self, station_ids):
        """Refuse, with a sentence, the stations the user may not register people at (checked before saving,
        so that the sentence comes before the record rules' refusal)."""
        raise NotImplementedError

    def _sgz_check_station_change(self):
        """Refuse moving these records to another station when their history stays with theirs."""
