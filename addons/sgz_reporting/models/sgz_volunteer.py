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
from odoo.exceptions import UserError

from ..lib import mask_id_number

# who reads the full ID number: the provider's staff registering the volunteer (provider managers hold the HR
# role) and the administrator; the bureaus, evaluators and stationed workers read the masked number
VOLUNTEER_ID_GROUPS = "sgz_base.sgz_base_group_provider_hr,base.group_system"


class SgzVolunteer(models.Model):
    _name = "sgz.volunteer"
    _description = "Volunteer"
    _inherit = ["sgz.person.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "station_id, name, id"

    id_number = fields.Char(
        groups=VOLUNTEER_ID_GROUPS,
        help="Resident identity card number (18 characters, checked). Shown in full on this form only, to the "
        "staff of the provider running the station.",
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
        help="The day the volunteer (or the guardian) agreed in writing that the station keeps these data."
    )
    sensitive_consent_date = fields.Date(
        help="A child under 14: the separate consent to keeping the child's information (个人信息保护法第二十八、"
        "二十九条).",
    )
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

    # ---- checks ----------------------------------------------------------------------------------------------

    def _sgz_twice_sentence(self):
        return self.env._("The same ID card number appears twice among the new volunteers.")

    def _sgz_duplicate_sentence(self, other, visible):
        return self.env._(
            "A volunteer with the ID card number %(number)s is already registered at this station (%(name)s, "
            "archived records included): open that record instead of registering the person twice.",
            number=mask_id_number(other.id_number),
            name=other.name if visible else self.env._("a record you cannot see"),
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

    def _sgz_no_consent_sentence(self):
        return self.env._(
            "Record the consent date of %(name)s: the day the volunteer (or the guardian) agreed in writing that "
            "the station keeps these data. Without a consent no volunteer record is kept (Personal Information "
            "Protection Law, art. 13).",
            name=self.name,
        )

    def _sgz_separate_consent_sentence(self, needs):
        return self.env._(
            "%(name)s is a child under 14: the child's information is kept only with a separate consent (Personal "
            "Information Protection Law, arts. 28 and 29). Record the date of the separate consent.",
            name=self.name,
        )

    def _sgz_check_station_change(self):
        if self.sudo().hour_ids:
            raise UserError(
                self.env._(
                    "%(name)s has served at %(station)s: the hours stay with that station. Register the "
                    "volunteer at the other station as a new record.",
                    name=self[:1].name,
                    station=self[:1].station_id.name,
                )
            )

    # ---- deletion ------------------------------------------------------------------------------------------------

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
