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

from ..lib import mask_id_number

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
    _inherit = ["sgz.person.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "station_id, name, id"
    # a person in a sensitive category needs the separate consent too
    _sgz_consent_depends = ("category_ids",)

    id_number = fields.Char(
        groups=ID_NUMBER_GROUPS,
        help="Resident identity card number (18 characters, checked). Shown in full on this form only, to the "
        "provider's staff and the county bureau.",
    )
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
        help="The day the beneficiary (or the guardian) agreed in writing that the station keeps these data."
    )
    guardian_relation = fields.Selection(
        help="Who the guardian is, as the Civil Code names them (民法典第二十七条、第三十二条)."
    )
    sensitive_consent_date = fields.Date(
        help="The day of the separate consent to keeping sensitive personal information: an assistance category "
        "such as 低保 or 特困, a disability, a child left behind or in difficulty, any child under 14 "
        "(个人信息保护法第二十八、二十九条).",
    )
    note = fields.Html()
    activity_count = fields.Integer(compute="_compute_activity_count", string="Service Records")
    active = fields.Boolean(default=True)

    def _sgz_consent_sensitive(self):
        return any(self.category_ids.mapped("sensitive"))

    def _compute_activity_count(self):
        Activity = self.env["sgz.activity"]
        counts = dict(
            Activity._read_group([("beneficiary_id", "in", self.ids)], ["beneficiary_id"], ["__count"])
        )
        for beneficiary in self:
            beneficiary.activity_count = counts.get(beneficiary, 0)

    # ---- checks ----------------------------------------------------------------------------------------------

    def _sgz_twice_sentence(self):
        return self.env._("The same ID card number appears twice among the new records.")

    def _sgz_duplicate_sentence(self, other, visible):
        if visible:
            return self.env._(
                "A beneficiary with the ID card number %(number)s is already registered at this station "
                "(%(name)s): open that record instead of creating another.",
                number=mask_id_number(other.id_number),
                name=other.name,
            )
        return self.env._(
            "This ID card number is already registered at this station, in a record you cannot see: ask the "
            "county civil affairs bureau to check the beneficiary register."
        )

    @api.model
    def _sgz_check_station(self, station_ids):
        """A provider records beneficiaries only at the stations it runs; the county bureau at its own."""
        self.env["sgz.station"].browse(station_ids)._sgz_check_run_by_user(
            self.env._(
                "The station you chose is not run by your organization: record beneficiaries only at your own "
                "stations."
            ),
            county_too=True,
        )

    def _sgz_no_consent_sentence(self):
        return self.env._(
            "Record the consent date of %(name)s: the day the person (or the guardian) agreed in writing that the "
            "station keeps these data. Without a consent no beneficiary record is kept (Personal Information "
            "Protection Law, art. 13).",
            name=self.name,
        )

    def _sgz_separate_consent_sentence(self, needs):
        return self.env._(
            "%(name)s is recorded as %(what)s: this is sensitive personal information, kept only with a separate "
            "consent (Personal Information Protection Law, arts. 28 and 29). Record the date of the separate "
            "consent.",
            name=self.name,
            what=self._sgz_sensitive_words(needs),
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

    def write(self, vals):
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

    def action_open_activities(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_reporting.sgz_activity_action")
        action["domain"] = [("beneficiary_id", "=", self.id)]
        action["context"] = {"default_beneficiary_id": self.id, "default_station_id": self.station_id.id}
        return action
