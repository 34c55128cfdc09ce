"""Service activities (服务记录, §五(二)): case work with sessions, group work with sessions and participants,
community activities, home visits and policy outreach, entered by the provider's staff at the stations it
runs, and locked once the month's brief is submitted.

Every change refreshes the monthly aggregates (``sgz.activity.stat``, ``sgz.activity.category.stat``) of the
station-months it touches, so that dashboards and reports never scan the activity rows themselves.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

ACTIVITY_TYPES = [
    ("case", "Case Work"),
    ("group", "Group Work"),
    ("community", "Community Activity"),
    ("home_visit", "Home Visit"),
    ("policy", "Policy Outreach"),
]
WITH_SESSIONS = ("case", "group")


class SgzActivity(models.Model):
    _name = "sgz.activity"
    _description = "Service Activity"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.lock.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _sgz_lock_field = "lock_state"
    _sgz_locked_states = ("locked",)
    _sgz_action_fields = ("lock_state", "brief_id")
    _sgz_unlink_states = ("open",)

    name = fields.Char(string="Subject", required=True, tracking=True)
    activity_type = fields.Selection(
        ACTIVITY_TYPES, string="Type", required=True, default="case", tracking=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True, sgz_not_future=True)
    month = fields.Date(compute="_compute_month", store=True, index=True, string="Month")
    station_id = fields.Many2one(
        "sgz.station", string="Station", required=True, index=True, tracking=True, ondelete="restrict"
    )
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
    worker_id = fields.Many2one(
        "hr.employee",
        string="Social Worker",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('company_id', '=', company_id), ('sgz_station_id', '=', station_id)]",
        help="One of the station's workers.",
    )
    service_area_id = fields.Many2one(
        "sgz.service.area",
        string="Service Area",
        required=True,
        index=True,
        domain=[("parent_id", "=", False)],
        ondelete="restrict",
    )
    service_id = fields.Many2one(
        "sgz.service.area",
        string="Service",
        domain="[('parent_id', '=', service_area_id)]",
        ondelete="restrict",
    )
    duration = fields.Float(string="Duration (Hours)", digits=(6, 1), sgz_limit="hours")
    person_times = fields.Integer(
        string="Person-Times",
        sgz_limit="count",
        compute="_compute_person_times",
        store=True,
        readonly=False,
        precompute=True,
        help="服务人次: case work counts one per session, group work the attendance of its sessions; other "
        "activities are entered.",
    )
    category_ids = fields.Many2many(
        "sgz.beneficiary.category",
        "sgz_activity_category_rel",
        "activity_id",
        "category_id",
        string="Beneficiary Categories",
        compute="_compute_category_ids",
        store=True,
        readonly=False,
        precompute=True,
        help="Filled from the beneficiary's and the participants' categories when they are chosen; editable.",
    )
    beneficiary_id = fields.Many2one(
        "sgz.beneficiary", string="Beneficiary", index="btree_not_null", ondelete="restrict"
    )
    participant_ids = fields.Many2many(
        "sgz.beneficiary",
        "sgz_activity_participant_rel",
        "activity_id",
        "beneficiary_id",
        string="Participants",
    )
    session_ids = fields.One2many("sgz.activity.session", "activity_id", string="Sessions")
    session_count = fields.Integer(compute="_compute_session_count", string="Session Count")
    location = fields.Char()
    description = fields.Html(string="Record")
    attachment_ids = fields.Many2many(
        "ir.attachment", string="Photos and Attachments", help="Photos, sign-in sheets, case files."
    )
    # the volunteers who served in the activity (sgz.volunteer.hour)
    volunteer_hour_ids = fields.One2many("sgz.volunteer.hour", "activity_id", string="Volunteer Hours")
    lock_state = fields.Selection(
        [("open", "Open"), ("locked", "Brief Submitted")],
        string="Lock",
        default="open",
        required=True,
        index=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    brief_id = fields.Many2one(
        "sgz.report", string="Monthly Brief", readonly=True, copy=False, index="btree_not_null"
    )
    active = fields.Boolean(default=True)

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS sgz_activity_station_month ON sgz_activity (station_id, month)"
        )

    @api.depends("date")
    def _compute_month(self):
        for activity in self:
            activity.month = activity.date and activity.date.replace(day=1)

    @api.depends("station_id")
    def _compute_company_id(self):
        for activity in self:
            activity.company_id = activity.station_id.sudo().provider_id

    @api.depends("activity_type", "session_ids.attendance", "participant_ids")
    def _compute_person_times(self):
        for activity in self:
            sessions = activity.session_ids
            if activity.activity_type == "case" and sessions:
                activity.person_times = len(sessions)
            elif activity.activity_type == "group" and sessions:
                activity.person_times = sum(sessions.mapped("attendance"))
            elif activity.activity_type == "group" and activity.participant_ids:
                activity.person_times = len(activity.participant_ids)
            else:
                activity.person_times = activity.person_times or (
                    1 if activity.activity_type == "case" else 0
                )

    def _compute_session_count(self):
        for activity in self:
            activity.session_count = len(activity.session_ids)

    # ---- checks ------------------------------------------------------------------------------------------------

    @api.depends("beneficiary_id", "participant_ids")
    def _compute_category_ids(self):
        # the categories of whom the activity served, added when they are chosen (not when a beneficiary's
        # categories change later: a submitted month's activities keep theirs)
        for activity in self:
            people = (activity.beneficiary_id | activity.participant_ids).sudo()
            activity.category_ids |= people.category_ids

    @api.constrains("worker_id", "station_id")
    def _sgz_check_worker_station(self):
        for activity in self.sudo():
            if activity.worker_id and activity.worker_id.sgz_station_id != activity.station_id:
                raise ValidationError(
                    self.env._(
                        "%(worker)s is not stationed at %(station)s: choose one of the station's social workers.",
                        worker=activity.worker_id.name,
                        station=activity.station_id.name,
                    )
                )

    @api.constrains("person_times", "duration")
    def _check_figures(self):
        for activity in self:
            if activity.person_times < 0:
                raise ValidationError(
                    self.env._("Person-times cannot be negative (%(value)s).", value=activity.person_times)
                )
            if activity.duration < 0:
                raise ValidationError(self.env._("The duration cannot be negative."))

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for activity in self:
            if activity.date > today:
                raise ValidationError(
                    self.env._(
                        "%(subject)s is dated %(date)s, in the future: record an activity once it has taken "
                        "place.",
                        subject=activity.name,
                        date=activity.date,
                    )
                )

    @api.constrains("activity_type", "beneficiary_id", "participant_ids", "station_id", "service_id")
    def _check_beneficiaries(self):
        for activity in self.sudo():
            if activity.activity_type == "case" and not activity.beneficiary_id:
                raise ValidationError(
                    self.env._(
                        "Case work is about one beneficiary: choose the beneficiary of %(subject)s.",
                        subject=activity.name,
                    )
                )
            people = activity.beneficiary_id | activity.participant_ids
            if people.filtered(lambda b, s=activity.station_id: b.station_id != s):
                raise ValidationError(
                    self.env._(
                        "The beneficiaries of %(subject)s must be registered at the station of the activity.",
                        subject=activity.name,
                    )
                )
            if activity.service_id and activity.service_id.parent_id != activity.service_area_id:
                raise ValidationError(
                    self.env._(
                        "%(service)s is not a service of the area %(area)s.",
                        service=activity.service_id.name,
                        area=activity.service_area_id.name,
                    )
                )

    @api.model
    def _sgz_check_station(self, station_ids):
        """A provider's staff record activities only at the stations their provider runs (checked before
        saving, so that the sentence comes before the record rules' refusal)."""
        if self.env.su:
            return
        self.env["sgz.station"].browse(station_ids)._sgz_check_run_by_user(
            self.env._(
                "The station you chose is not run by your organization: record activities only at "
                "your own stations."
            )
        )
        self._sgz_check_worker_own_station(station_ids)

    @api.model
    def _sgz_check_worker_own_station(self, station_ids):
        """A stationed worker (without a provider staff role) records activities at their own station only."""
        user = self.env.user
        if not user.has_group("sgz_base.sgz_base_group_station_worker") or user.has_group(
            "sgz_base.sgz_base_group_provider_hr"
        ):
            return
        own = self._sgz_worker_stations()
        foreign = self.env["sgz.station"].sudo().browse(station_ids) - own
        if foreign:
            raise UserError(
                self.env._(
                    "%(station)s is not your station: a stationed worker records the activities of their own "
                    "station (%(own)s) only.",
                    station=foreign[0].name,
                    own=self.env._("、").join(own.mapped("name")) or self.env._("none"),
                )
            )

    @api.model
    def _sgz_worker_stations(self):
        """The stations of the current user's worker records (a stationed worker's own station)."""
        employees = self.env["hr.employee"].sudo().search([("user_id", "=", self.env.uid)])
        return employees.sgz_station_id.sudo()

    @api.model
    def default_get(self, fields_list):
        """A stationed worker's new activity is at their station and theirs by default."""
        values = super().default_get(fields_list)
        if self.env.su or not self.env.user.has_group("sgz_base.sgz_base_group_station_worker"):
            return values
        employee = (
            self.env["hr.employee"]
            .sudo()
            .search([("user_id", "=", self.env.uid), ("sgz_station_id", "!=", False)], limit=1)
        )
        if employee:
            if "station_id" in fields_list and not values.get("station_id"):
                values["station_id"] = employee.sgz_station_id.id
            if "worker_id" in fields_list and not values.get("worker_id"):
                values["worker_id"] = employee.id
        return values

    def _sgz_check_month_open(self):
        """No activity in a month whose brief has been submitted (it is locked with the brief).

        The briefs still open for those months are claimed (their rows written) in the same transaction, so that
        a brief submitted at the same moment either waits for this one and then sees the activity, or makes
        this one retry and refuse: an activity never slips into a month locked meanwhile."""
        keys = {(a.station_id.id, a.month) for a in self.sudo() if a.station_id and a.month}
        if not keys:
            return
        Report = self.env["sgz.report"]
        Report._sgz_claim_open_briefs(keys)
        briefs = Report._sgz_locking_briefs(keys)
        if briefs:
            brief = briefs[0]
            raise UserError(
                self.env._(
                    "The monthly brief %(brief)s has been submitted: no activity of %(month)s can be added or "
                    "moved into it. Ask the county bureau to return the brief if a record is missing.",
                    brief=brief.display_name,
                    month=brief.period_label,
                )
            )

    # ---- CRUD ------------------------------------------------------------------------------------------------

    def _sgz_stat_keys(self):
        return {(a.station_id.id, a.month) for a in self.sudo() if a.station_id and a.month}

    @api.model_create_multi
    def create(self, vals_list):
        self._sgz_check_station(
            {vals["station_id"] for vals in vals_list if isinstance(vals.get("station_id"), int)}
        )
        activities = super().create(vals_list)
        activities._sgz_check_month_open()
        if any(vals.get("attachment_ids") for vals in vals_list):
            activities._sgz_adopt_attachments()
        self.env["sgz.activity.stat"]._sgz_refresh(activities._sgz_stat_keys())
        return activities

    def write(self, vals):
        keys = self._sgz_stat_keys() if self else set()
        if isinstance(vals.get("station_id"), int):
            self._sgz_check_station({vals["station_id"]})
        result = super().write(vals)
        # archiving or restoring changes a month's figures as much as moving the activity does
        if {"station_id", "date", "active"} & set(vals):
            self._sgz_check_month_open()
        if "attachment_ids" in vals:
            self._sgz_adopt_attachments()
        if {
            "station_id",
            "date",
            "activity_type",
            "service_area_id",
            "person_times",
            "duration",
            "category_ids",
            "beneficiary_id",
            "participant_ids",
            "active",
            "session_ids",
        } & set(vals):
            self.env["sgz.activity.stat"]._sgz_refresh(keys | self._sgz_stat_keys())
        return result

    def unlink(self):
        keys = self._sgz_stat_keys()
        result = super().unlink()
        self.env["sgz.activity.stat"]._sgz_refresh(keys)
        return result

    def _sgz_adopt_attachments(self):
        """The photos and files of an activity are the activity's: read and changed by whoever may read and
        change the activity, under its record rules. A file uploaded before the activity was saved (no record
        yet) becomes the activity's; a file of another record (another county's activity, a payslip…) cannot be
        linked, since it would then be shown under this activity's rules."""
        if self.env.su:
            return
        for activity in self.sudo():
            foreign = activity.attachment_ids.filtered(
                lambda a, act=activity: (a.res_model, a.res_id) != (act._name, act.id)
            )
            for attachment in foreign:
                orphan = not attachment.res_id and attachment.create_uid == self.env.user
                if not orphan or attachment.res_field:
                    raise AccessError(
                        self.env._(
                            "%(file)s is a file of another record: upload it again to attach it to this activity.",
                            file=attachment.name,
                        )
                    )
            foreign.write({"res_model": activity._name, "res_id": activity.id})

    # ---- locking by the monthly brief ---------------------------------------------------------------------------

    def _sgz_lock_by(self, brief):
        with self._sgz_unlocked():
            self.sudo().write({"lock_state": "locked", "brief_id": brief.id})

    def _sgz_unlock(self):
        with self._sgz_unlocked():
            self.sudo().write({"lock_state": "open"})

    def action_open_sessions(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sessions"),
            "res_model": "sgz.activity.session",
            "view_mode": "list,form",
            "domain": [("activity_id", "=", self.id)],
            "context": {"default_activity_id": self.id},
        }


class SgzActivitySession(models.Model):
    """A session of case or group work (a meeting with the beneficiary, a group meeting)."""

    _name = "sgz.activity.session"
    _description = "Activity Session"
    _inherit = ["sgz.lock.mixin"]
    _order = "activity_id, date, id"

    _sgz_lock_parent = "activity_id"
    # a session stays with the activity it was recorded for (moving it would carry it to another station,
    # another provider or a locked month)
    _sgz_fixed_fields = ("activity_id",)

    activity_id = fields.Many2one("sgz.activity", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="activity_id.company_id", store=True, index=True)
    station_id = fields.Many2one(related="activity_id.station_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, sgz_not_future=True)
    duration = fields.Float(string="Duration (Hours)", digits=(6, 1), sgz_limit="hours")
    attendance = fields.Integer(default=1, help="People present (for a case session, 1).", sgz_limit="count")
    note = fields.Text(string="Session Record")

    @api.depends("activity_id.display_name", "date")
    def _compute_display_name(self):
        for session in self:
            session.display_name = self.env._(
                "%(activity)s, %(date)s",
                activity=session.activity_id.display_name or "",
                date=session.date or "",
            )

    @api.constrains("attendance", "duration")
    def _check_figures(self):
        for session in self:
            if session.attendance < 0:
                raise ValidationError(self.env._("The attendance of a session cannot be negative."))
            if session.duration < 0:
                raise ValidationError(self.env._("The duration cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        self.env["sgz.activity.stat"]._sgz_refresh(sessions.activity_id._sgz_stat_keys())
        return sessions

    def write(self, vals):
        result = super().write(vals)
        if {"attendance", "activity_id"} & set(vals):
            self.env["sgz.activity.stat"]._sgz_refresh(self.activity_id._sgz_stat_keys())
        return result

    def unlink(self):
        activities = self.activity_id
        result = super().unlink()
        self.env["sgz.activity.stat"]._sgz_refresh(activities.exists()._sgz_stat_keys())
        return result
