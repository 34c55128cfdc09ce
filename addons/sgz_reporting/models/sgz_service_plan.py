"""Service plan (服务计划, 湘民发〔2018〕16号 §七(四)): per station and agreement year, the targets of the year per
service area and activity type (cases, group sessions, community activities, home visits, person-times…) and
its milestones by month, drawn from the needs survey. The provider files it with the county bureau within the
first month of stationing (``sgz.service.plan.rule``, a deadline); once filed it changes only by a new version
with its reason, the filed version staying on record, locked and readable.

The station's activities count against the targets: done / target beside the share of the year elapsed, on the
plan's form, in the provider's briefs and reports (plan against actual) and on the bureaus' dashboard of the
stations behind plan (``sgz.service.plan.progress``). One query (:func:`done_query`) counts them for all three.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.sgz_base.lib import format_month
from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from ..lib.plan_progress import behind, elapsed_percent, progress_percent
from .sgz_activity import ACTIVITY_TYPES, WITH_SESSIONS

PLAN_MEASURES = [
    ("count", "Activities"),
    ("sessions", "Sessions"),
    ("person_times", "Person-Times"),
]
PLAN_STATES = [("current", "Current"), ("superseded", "Superseded")]
DEADLINE_CODE = "filing"


def done_expression(as_of):
    """SQL expression of what is done for the plan target ``t`` of the plan ``p``: the station's activities of the
    plan's provider from the start of the plan's year to ``as_of`` (an SQL date, within the year), of the target's
    type and service area when it names them, counted as activities, sessions (the sessions of case and group work
    held in that time) or person-times.

    Activities and person-times read the whole months in between from the monthly aggregates (``sgz.activity.stat``)
    and only the first and last month from the activity rows (a year or a period may start or end mid-month), so
    the cost of a target does not grow with the station's activities. Evaluated per target row, after the rows are
    chosen (the dashboard's record rules narrow them first)."""
    last = SQL("LEAST(%s, p.date_end)", as_of)
    matches = SQL(
        "x.station_id = p.station_id AND (t.activity_type IS NULL OR x.activity_type = t.activity_type)"
        " AND (t.service_area_id IS NULL OR x.service_area_id = t.service_area_id)"
    )

    def figure(stat_sum, activity_sum):
        return SQL(
            """(SELECT COALESCE(sum(n), 0) FROM (
                   SELECT %(stat_sum)s AS n FROM sgz_activity_stat x
                    WHERE %(matches)s AND x.provider_id = p.company_id
                      AND x.month > date_trunc('month', p.date_start)::date
                      AND x.month < date_trunc('month', %(last)s)::date
                   UNION ALL
                   SELECT %(activity_sum)s FROM sgz_activity x
                    WHERE %(matches)s AND x.active AND x.company_id = p.company_id
                      AND x.month IN (date_trunc('month', p.date_start)::date, date_trunc('month', %(last)s)::date)
                      AND x.date BETWEEN p.date_start AND %(last)s) parts)""",
            stat_sum=stat_sum,
            activity_sum=activity_sum,
            matches=matches,
            last=last,
        )

    return SQL(
        """
        CASE t.measure
          WHEN 'sessions' THEN (
              SELECT count(*) FROM sgz_activity_session s JOIN sgz_activity x ON x.id = s.activity_id
               WHERE %(matches)s AND x.active AND x.company_id = p.company_id
                 AND s.date BETWEEN p.date_start AND %(last)s)
          WHEN 'person_times' THEN %(person_times)s
          ELSE %(count)s
        END
        """,
        matches=matches,
        last=last,
        person_times=figure(SQL("sum(x.person_times)"), SQL("sum(x.person_times)")),
        count=figure(SQL("sum(x.activity_count)"), SQL("count(*)")),
    )


def done_query(where, as_of):
    """SQL giving ``(target_id, done)`` for the plan targets ``t`` of plans ``p`` matching ``where``
    (:func:`done_expression`)."""
    return SQL(
        "SELECT t.id, %s FROM sgz_service_plan_target t JOIN sgz_service_plan p ON p.id = t.plan_id WHERE %s",
        done_expression(as_of),
        where,
    )


def check_station_year(env, stations, year):
    """A provider's staff survey and plan only for the stations their organization runs, and for a year of an
    agreement of their organization that covers the station (checked before saving, so that the sentence comes
    before the record rules' refusal)."""
    if not env.su:
        companies = env.user.company_ids
        for station in stations.sudo():
            provider = station.provider_id
            if (
                not provider
                or provider not in companies
                or (year and year.sudo().provider_id not in companies)
            ):
                raise UserError(
                    env._(
                        "%(station)s is not run by your organization: survey and plan only for the stations "
                        "you run.",
                        station=station.name,
                    )
                )
    if year:
        year = year.sudo()
        outside = stations.sudo() - year.agreement_id.station_line_ids.station_id
        if outside:
            raise ValidationError(
                env._("%(station)s is not a station of %(year)s.", station=outside[0].name, year=year.name)
            )


def check_vals_stations(env, vals_list):
    """:func:`check_station_year` on the values a client sends (create or write), before saving."""
    for vals in vals_list:
        if isinstance(vals.get("station_id"), int):
            year = (
                env["sgz.agreement.year"].browse(vals["year_id"])
                if isinstance(vals.get("year_id"), int)
                else None
            )
            check_station_year(env, env["sgz.station"].browse(vals["station_id"]), year)


def adopt_attachments(records, field_name):
    """The files of a survey or plan are the document's: read and changed under its record rules. A file uploaded
    before the document was saved becomes the document's; a file of another record cannot be linked (it would
    then be shown under this document's rules)."""
    env = records.env
    if env.su:
        return
    for record in records.sudo():
        foreign = record[field_name].filtered(lambda a, r=record: (a.res_model, a.res_id) != (r._name, r.id))
        for attachment in foreign:
            orphan = not attachment.res_id and attachment.create_uid == env.user
            if not orphan or attachment.res_field:
                raise AccessError(
                    env._(
                        "%(file)s is a file of another record: upload it again to attach it here.",
                        file=attachment.name,
                    )
                )
        foreign.write({"res_model": record._name, "res_id": record.id})


class SgzServicePlan(models.Model):
    _name = "sgz.service.plan"
    _description = "Service Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.filing.mixin", "sgz.deadline.mixin"]
    _order = "date_start desc, station_id, version desc"

    # locked while the county holds it; a returned plan is corrected and filed again; a filed plan changes
    # only by a new version (action_new_version)
    _sgz_lock_field = "sgz_filing_state"
    _sgz_locked_states = ("submitted", "acknowledged")
    _sgz_unlink_states = ("none", "returned")
    _sgz_action_fields = ("state", "version", "previous_id", "filing_due_date")
    _sgz_fixed_fields = ("station_id", "year_id")

    name = fields.Char(compute="_compute_name", store=True, precompute=True, string="Plan")
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
    )
    agreement_id = fields.Many2one(related="year_id.agreement_id", store=True, string="Service Agreement")
    date_start = fields.Date(related="year_id.date_start", store=True, string="Year From")
    date_end = fields.Date(related="year_id.date_end", store=True, string="Year Until")
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
    survey_id = fields.Many2one(
        "sgz.needs.survey",
        string="Needs Survey",
        tracking=True,
        domain="[('station_id', '=', station_id), ('year_id', '=', year_id)]",
    )
    version = fields.Integer(default=1, readonly=True, copy=False, tracking=True)
    previous_id = fields.Many2one(
        "sgz.service.plan", string="Replaces Version", readonly=True, copy=False, index="btree_not_null"
    )
    change_reason = fields.Text(
        string="Reason for the Change",
        tracking=True,
        copy=False,
        help="Why this version replaces the filed one.",
    )
    state = fields.Selection(
        PLAN_STATES, default="current", required=True, readonly=True, tracking=True, copy=False, index=True
    )
    filing_due_date = fields.Date(string="File By", readonly=True, copy=False)
    summary = fields.Html(string="Approach")
    target_ids = fields.One2many("sgz.service.plan.target", "plan_id", string="Targets", copy=True)
    milestone_ids = fields.One2many(
        "sgz.service.plan.milestone", "plan_id", string="Milestones by Month", copy=True
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "sgz_service_plan_attachment_rel",
        "plan_id",
        "attachment_id",
        string="Attachments",
        copy=False,
    )
    sgz_worker_user_ids = fields.Many2many(
        "res.users",
        compute="_compute_sgz_worker_user_ids",
        search="_search_sgz_worker_user_ids",
        string="Users of the Station's Workers",
        help="The stationed workers who read the plan (the record rule of their role).",
    )
    elapsed_percent = fields.Float(compute="_compute_progress", string="Year Elapsed (%)", digits=(5, 1))
    behind_count = fields.Integer(compute="_compute_progress", string="Targets Behind Plan")

    def init(self):
        # one current plan per station and year (the check below gives the sentence; this holds under concurrency)
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS sgz_service_plan_one_current "
            "ON sgz_service_plan (station_id, year_id) WHERE state = 'current'"
        )

    @api.depends("station_id.name", "year_id.date_start", "version")
    def _compute_name(self):
        env = self._sgz_lang_env()
        for plan in self:
            start = plan.year_id.sudo().date_start
            plan.name = env._(
                "%(station)s: service plan %(year)s, version %(version)s",
                station=plan.station_id.sudo().name or "",
                year=start.year if start else "",
                version=plan.version,
            )

    @api.depends("year_id")
    def _compute_company_id(self):
        for plan in self:
            plan.company_id = plan.year_id.sudo().provider_id

    def _compute_sgz_worker_user_ids(self):
        employees = self.env["hr.employee"].sudo().search([("sgz_station_id", "in", self.station_id.ids)])
        for plan in self:
            plan.sgz_worker_user_ids = employees.filtered(
                lambda e, p=plan: e.sgz_station_id == p.station_id
            ).user_id

    def _search_sgz_worker_user_ids(self, operator, value):
        """The plans of the stations where the given users' employees are stationed, read when the query runs (a
        worker moved to another station reads that station's plan at once: no cached domain holds the old one)."""
        if operator not in ("in", "="):
            raise UserError(self.env._("Unsupported search on the users of the station's workers."))
        user_ids = [value] if isinstance(value, int) else [v for v in value or [] if isinstance(v, int)]
        self.env["hr.employee"].flush_model(["user_id", "sgz_station_id", "active"])
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT sgz_station_id FROM hr_employee"
                " WHERE active AND sgz_station_id IS NOT NULL AND user_id = ANY(%s)",
                user_ids,
            )
        )
        return [("station_id", "in", [row[0] for row in self.env.cr.fetchall()])]

    @api.depends("target_ids", "date_start", "date_end")
    def _compute_progress(self):
        today = fields.Date.context_today(self)
        for plan in self:
            plan.elapsed_percent = elapsed_percent(plan.date_start, plan.date_end, today)
            plan.behind_count = len(plan.target_ids.filtered("behind"))

    @api.constrains("station_id", "year_id")
    def _check_station_year(self):
        for plan in self:
            check_station_year(self.env, plan.station_id, plan.year_id)

    @api.constrains("station_id", "year_id", "state")
    def _check_one_current(self):
        for plan in self.filtered(lambda p: p.state == "current"):
            self._sgz_check_no_current(plan.station_id, plan.year_id, plan)

    @api.model
    def _sgz_check_no_current(self, station, year, plan=None):
        """Refuse a second current plan of ``station`` and ``year`` (besides ``plan``)."""
        domain = [("station_id", "=", station.id), ("year_id", "=", year.id), ("state", "=", "current")]
        if plan:
            domain.append(("id", "!=", plan.id))
        if self.sudo().search_count(domain):
            raise ValidationError(
                self.env._(
                    "%(station)s already has a service plan for %(year)s: change that plan, or once it is "
                    "filed make a new version of it.",
                    station=station.sudo().name,
                    year=year.sudo().name,
                )
            )

    @api.constrains("version", "change_reason")
    def _check_change_reason(self):
        for plan in self:
            if plan.version > 1 and not (plan.change_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Version %(version)s of a plan gives the reason for the change.", version=plan.version
                    )
                )

    @api.constrains("survey_id", "station_id", "year_id")
    def _check_survey(self):
        for plan in self.sudo().filtered("survey_id"):
            if (plan.survey_id.station_id, plan.survey_id.year_id) != (plan.station_id, plan.year_id):
                raise ValidationError(
                    self.env._("The needs survey of a plan is the survey of its station and year.")
                )

    # ---- CRUD ------------------------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self.browse().check_access("create")  # who may not create at all hears so first
        check_vals_stations(self.env, vals_list)
        # before saving: the database's unique index would refuse without a sentence
        for vals in vals_list:
            if vals.get("state", "current") == "current" and vals.get("station_id") and vals.get("year_id"):
                self._sgz_check_no_current(
                    self.env["sgz.station"].browse(vals["station_id"]),
                    self.env["sgz.agreement.year"].browse(vals["year_id"]),
                )
        plans = super().create(vals_list)
        if any(vals.get("attachment_ids") for vals in vals_list):
            adopt_attachments(plans, "attachment_ids")
        for plan in plans.filtered(lambda p: p.version == 1):
            plan._sgz_set_filing_deadline()
        return plans

    def write(self, vals):
        if "station_id" in vals:
            self.check_access("write")
            check_vals_stations(self.env, [vals])
        result = super().write(vals)
        if "attachment_ids" in vals:
            adopt_attachments(self, "attachment_ids")
        return result

    def unlink(self):
        # deleting a draft new version makes the filed version it replaced current again
        previous = self.filtered(lambda p: p.state == "current").previous_id
        result = super().unlink()
        if previous:
            with previous._sgz_unlocked():
                previous.sudo().write({"state": "current"})
        return result

    # ---- filing and its deadline -------------------------------------------------------------------------------

    def _sgz_stationing_start(self):
        """The day the filing deadline counts from: the stationing of the workers for year 1 of an agreement
        (when the county recorded it), the start of the year otherwise."""
        year = self.year_id.sudo()
        if year.sequence == 1 and year.agreement_id.stationing_date:
            return year.agreement_id.stationing_date
        return year.date_start

    def _sgz_set_filing_deadline(self):
        self.ensure_one()
        start = self._sgz_stationing_start()
        rule = self.env["sgz.service.plan.rule"]._sgz_rule_on(start)
        if not rule:
            return
        deadline = self._sgz_deadline_set(
            DEADLINE_CODE,
            self._sgz_lang_env()._(
                "File the service plan with the county bureau (within %(months)s month(s) of stationing)",
                months=rule.months,
            ),
            "months",
            start,
            rule.months,
        )
        with self._sgz_unlocked():
            self.sudo().write({"filing_due_date": deadline.date_deadline})

    def _sgz_filing_target_company(self):
        return self.county_id.sudo()

    def _sgz_filing_due_date(self):
        return self.filing_due_date

    def _sgz_filing_ready(self):
        return self.state == "current"

    def _sgz_filing_check(self):
        if self.state != "current":
            raise UserError(self.env._("%(plan)s has been replaced by a newer version.", plan=self.name))
        if not self.target_ids:
            raise UserError(
                self.env._("Give the targets of the year before filing %(plan)s.", plan=self.name)
            )

    def _sgz_filing_submitted(self, filing):
        self._sgz_deadline_done(DEADLINE_CODE, filing.submit_date)

    # ---- versions ------------------------------------------------------------------------------------------------

    def action_open_version_wizard(self):
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Version of the Plan"),
            "res_model": "sgz.service.plan.version.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_plan_id": self.id},
        }

    @sgz_action(lock_rows=True)
    def action_new_version(self, reason=None):
        """A filed plan changes only by a new version with its reason: the filed one is kept, locked, as replaced;
        the new one is a copy to change and file again. Returns the new version's form."""
        self.ensure_one()
        reason = (reason or "").strip()
        if self.state != "current":
            raise UserError(self.env._("%(plan)s has been replaced by a newer version.", plan=self.name))
        if self.sgz_filing_state not in ("submitted", "acknowledged"):
            raise UserError(
                self.env._(
                    "%(plan)s is not filed: change it directly, without a new version.", plan=self.name
                )
            )
        if not reason:
            raise UserError(
                self.env._(
                    "Give the reason for the change: a filed plan changes only by a new version with its reason."
                )
            )
        self.write({"state": "superseded"})
        self.flush_recordset(["state"])
        new = self.copy(
            {"version": self.version + 1, "previous_id": self.id, "change_reason": reason, "state": "current"}
        )
        self.message_post(
            body=self.env._("Replaced by version %(version)s: %(reason)s", version=new.version, reason=reason)
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
            "target": "current",
        }


class SgzServicePlanTarget(models.Model):
    _name = "sgz.service.plan.target"
    _description = "Service Plan Target"
    _inherit = ["sgz.lock.mixin"]
    _order = "plan_id, sequence, id"

    _sgz_lock_parent = "plan_id"
    _sgz_fixed_fields = ("plan_id",)

    plan_id = fields.Many2one("sgz.service.plan", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    station_id = fields.Many2one(related="plan_id.station_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    service_area_id = fields.Many2one(
        "sgz.service.area",
        string="Service Area",
        domain=[("parent_id", "=", False)],
        ondelete="restrict",
        help="Empty: every service area.",
    )
    activity_type = fields.Selection(ACTIVITY_TYPES, string="Activity Type", help="Empty: every type.")
    measure = fields.Selection(PLAN_MEASURES, required=True, default="count", string="Counted As")
    quantity = fields.Integer(string="Target", required=True, sgz_limit="count")
    note = fields.Char()
    done = fields.Integer(compute="_compute_progress", string="Done")
    progress_percent = fields.Float(compute="_compute_progress", string="Progress (%)", digits=(5, 1))
    elapsed_percent = fields.Float(compute="_compute_progress", string="Year Elapsed (%)", digits=(5, 1))
    behind = fields.Boolean(compute="_compute_progress", string="Behind Plan")

    @api.depends("plan_id.date_start", "service_area_id", "activity_type", "measure", "quantity")
    def _compute_progress(self):
        today = fields.Date.context_today(self)
        done = self._sgz_done(today)
        for target in self:
            plan = target.plan_id
            target.done = done.get(target.id, 0)
            target.progress_percent = progress_percent(target.done, target.quantity)
            target.elapsed_percent = elapsed_percent(plan.date_start, plan.date_end, today)
            target.behind = behind(target.done, target.quantity, target.elapsed_percent)

    def _sgz_done(self, as_of):
        """{target id: done} as of ``as_of`` (one query)."""
        ids = [target_id for target_id in self.ids if isinstance(target_id, int)]
        if not ids:
            return {}
        for model in ("sgz.activity", "sgz.activity.session", "sgz.service.plan", "sgz.service.plan.target"):
            self.env[model].flush_model()
        self.env.cr.execute(done_query(SQL("t.id = ANY(%s)", ids), as_of))
        return dict(self.env.cr.fetchall())

    @api.depends("service_area_id", "activity_type", "measure")
    @api.depends_context("lang")
    def _compute_display_name(self):
        types = dict(self._fields["activity_type"]._description_selection(self.env))
        measures = dict(self._fields["measure"]._description_selection(self.env))
        for target in self:
            target.display_name = self.env._(
                "%(area)s · %(type)s (%(measure)s)",
                area=target.service_area_id.sudo().name or self.env._("All areas"),
                type=types.get(target.activity_type) or self.env._("All types"),
                measure=measures.get(target.measure, ""),
            )

    @api.constrains("quantity", "measure", "activity_type")
    def _check_target(self):
        for target in self:
            if target.quantity < 0:
                raise ValidationError(
                    self.env._(
                        "A target of a service plan cannot be below zero (%(target)s: %(value)s).",
                        target=target.display_name,
                        value=target.quantity,
                    )
                )
            if target.measure == "sessions" and target.activity_type not in WITH_SESSIONS:
                raise ValidationError(
                    self.env._("Only case work and group work are counted in sessions: choose one of them.")
                )


class SgzServicePlanMilestone(models.Model):
    _name = "sgz.service.plan.milestone"
    _description = "Service Plan Milestone"
    _inherit = ["sgz.lock.mixin"]
    _order = "plan_id, month, id"

    _sgz_lock_parent = "plan_id"
    _sgz_fixed_fields = ("plan_id",)

    plan_id = fields.Many2one("sgz.service.plan", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    month = fields.Date(required=True, help="Any day of the month.")
    month_label = fields.Char(compute="_compute_month_label", string="Month of the Milestone")
    name = fields.Char(string="Milestone", required=True)

    @api.depends("month")
    def _compute_month_label(self):
        for milestone in self:
            milestone.month_label = format_month(milestone.month) if milestone.month else ""

    @api.constrains("month", "plan_id")
    def _check_month(self):
        for milestone in self:
            plan = milestone.plan_id.sudo()
            start, end = plan.date_start, plan.date_end
            if start and end and not (start.replace(day=1) <= milestone.month <= end):
                raise ValidationError(
                    self.env._(
                        "The milestone %(milestone)s falls outside the plan's year (%(start)s – %(end)s).",
                        milestone=milestone.name,
                        start=start,
                        end=end,
                    )
                )
