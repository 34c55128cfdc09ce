"""Volunteer service records (志愿服务记录): who served, on which activity of the station, on which day, doing
what, for how many hours.

The practice of the volunteer service records (志愿服务记录): a record counts once the organization running the
service has confirmed it. A stationed worker or the provider's staff enter a record (draft); the provider's
staff confirm it (``action_confirm``), after which it is locked (``sgz.lock.mixin``): the confirmed hours are the
volunteer's yearly hours, the certificate's and the reports' figures.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

# the hours a person can serve in one day, whatever the records
HOURS_PER_DAY = 24
PROVIDER_GROUP = "sgz_base.sgz_base_group_provider_hr"
WORKER_GROUP = "sgz_base.sgz_base_group_station_worker"


class SgzVolunteerHour(models.Model):
    _name = "sgz.volunteer.hour"
    _description = "Volunteer Service Record"
    _inherit = ["mail.thread", "sgz.lock.mixin"]
    _order = "date desc, id desc"

    _sgz_locked_states = ("confirmed",)
    _sgz_action_fields = ("state", "confirmed_by_id", "confirmed_date")
    _sgz_unlink_states = ("draft",)
    # a record stays with the volunteer it was entered for
    _sgz_fixed_fields = ("volunteer_id",)

    volunteer_id = fields.Many2one(
        "sgz.volunteer", string="Volunteer", required=True, index=True, tracking=True, ondelete="restrict"
    )
    activity_id = fields.Many2one(
        "sgz.activity",
        string="Activity",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('station_id', '=', station_id)]",
    )
    station_id = fields.Many2one(related="volunteer_id.station_id", store=True, index=True, string="Station")
    company_id = fields.Many2one(related="activity_id.company_id", store=True, index=True, string="Provider")
    county_id = fields.Many2one(
        related="station_id.company_id", store=True, index=True, string="County Bureau"
    )
    city_id = fields.Many2one(related="county_id.parent_id", store=True, index=True, string="City Bureau")
    date = fields.Date(
        required=True,
        compute="_compute_date",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        sgz_not_future=True,
        help="The day of the service (the activity's day unless another is entered).",
    )
    service = fields.Char(
        string="Service Provided", required=True, tracking=True, sgz_max_length=200, help="服务内容"
    )
    hours = fields.Float(digits=(6, 1), required=True, tracking=True, sgz_limit="hours")
    state = fields.Selection(
        [("draft", "To Confirm"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        index=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    confirmed_by_id = fields.Many2one("res.users", string="Confirmed By", readonly=True, copy=False)
    confirmed_date = fields.Date(string="Confirmed On", readonly=True, copy=False)
    note = fields.Text()

    @api.depends("activity_id")
    def _compute_date(self):
        for record in self:
            if not record.date and record.activity_id:
                record.date = record.activity_id.sudo().date

    @api.depends("volunteer_id.name", "date", "hours")
    def _compute_display_name(self):
        for record in self:
            record.display_name = self.env._(
                "%(volunteer)s, %(date)s, %(hours)s h",
                volunteer=record.volunteer_id.sudo().name or "",
                date=record.date or "",
                hours=record.hours,
            )

    # ---- checks ------------------------------------------------------------------------------------------------

    @api.constrains("hours")
    def _check_hours(self):
        for record in self:
            if record.hours <= 0:
                raise ValidationError(
                    self.env._(
                        "The hours of a volunteer service record must be more than zero (%(hours)s entered): "
                        "delete a record of no service.",
                        hours=record.hours,
                    )
                )

    @api.constrains("hours", "date", "volunteer_id")
    def _check_hours_per_day(self):
        """A person serves at most 24 hours in a day: the records of a volunteer on one day (every record,
        confirmed or not, whoever entered it) add up to no more."""
        records = self.sudo()
        if not records:
            return
        rows = (
            self.env["sgz.volunteer.hour"]
            .sudo()
            ._read_group(
                [
                    ("volunteer_id", "in", records.volunteer_id.ids),
                    ("date", "in", list(set(records.mapped("date")))),
                ],
                ["volunteer_id", "date:day"],
                ["hours:sum"],
            )
        )
        keys = {(record.volunteer_id, record.date) for record in records}
        for volunteer, day, hours in rows:
            if (volunteer, day) in keys and hours > HOURS_PER_DAY:
                raise ValidationError(
                    self.env._(
                        "%(name)s would have %(hours)s hours of volunteer service on %(date)s: a day has at most "
                        "%(limit)s hours. Check the hours already recorded for that day.",
                        name=volunteer.name,
                        hours=round(hours, 1),
                        date=fields.Date.to_string(day),
                        limit=HOURS_PER_DAY,
                    )
                )

    @api.constrains("activity_id", "volunteer_id")
    def _check_activity_station(self):
        for record in self.sudo():
            if record.activity_id.station_id != record.volunteer_id.station_id:
                activity = record.activity_id
                raise ValidationError(
                    self.env._(
                        "%(activity)s is an activity of %(other)s: record the hours of %(name)s on an activity of "
                        "%(station)s, the volunteer's station.",
                        activity=activity.name
                        if activity.with_env(self.env).has_access("read")
                        else self.env._("an activity of another organization"),
                        other=record.activity_id.station_id.name,
                        name=record.volunteer_id.name,
                        station=record.volunteer_id.station_id.name,
                    )
                )

    @api.model
    def _sgz_check_volunteers(self, volunteer_ids):
        """The provider's staff record hours for the volunteers of the stations their provider runs, a stationed
        worker for those of their own station (checked before saving: a sentence before the record rules)."""
        if self.env.su:
            return
        user = self.env.user
        companies = user.company_ids
        own_station = user.sudo().employee_id.sgz_station_id if user.has_group(WORKER_GROUP) else None
        for volunteer in self.env["sgz.volunteer"].sudo().browse(volunteer_ids):
            if user.has_group(PROVIDER_GROUP) and volunteer.provider_id in companies:
                continue
            if own_station and volunteer.station_id == own_station:
                continue
            raise UserError(
                self.env._(
                    "The volunteer you chose is registered at a station you do not work for: record hours only "
                    "for the volunteers of your own station."
                )
            )

    # ---- CRUD ------------------------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self.browse().check_access("create")
        self._sgz_check_volunteers(
            {vals["volunteer_id"] for vals in vals_list if isinstance(vals.get("volunteer_id"), int)}
        )
        return super().create(vals_list)

    # ---- actions ---------------------------------------------------------------------------------------------

    @sgz_action(groups=PROVIDER_GROUP, lock_rows=True)
    def action_confirm(self):
        """The station's provider confirms the records: they count from now on and can no longer change."""
        done = self.filtered(lambda record: record.state != "draft")
        if done:
            raise UserError(self.env._("%(record)s is already confirmed.", record=done[0].display_name))
        self.write(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.user.id,
                "confirmed_date": fields.Date.context_today(self),
            }
        )
