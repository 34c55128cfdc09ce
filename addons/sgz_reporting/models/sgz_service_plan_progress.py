"""Stations against their plan (计划执行进度): one row per target of every current service plan, with what is done
today, the progress and the share of the plan's year elapsed, for the bureaus' dashboard of the stations behind
plan (progress below the elapsed share). A database view over the plans and the activities, counted by the same
expression as the plan's form (``done_expression``), evaluated only for the rows a reader's record rules leave;
"today" is China's date."""

from odoo import fields, models, tools
from odoo.tools import SQL

from .sgz_activity import ACTIVITY_TYPES
from .sgz_service_plan import PLAN_MEASURES, done_expression

CHINA_TODAY = SQL("(now() AT TIME ZONE 'Asia/Shanghai')::date")


class SgzServicePlanProgress(models.Model):
    _name = "sgz.service.plan.progress"
    _description = "Service Plan Progress"
    _auto = False
    _rec_name = "station_id"
    _order = "behind desc, gap desc, station_id"

    plan_id = fields.Many2one("sgz.service.plan", string="Service Plan", readonly=True)
    target_id = fields.Many2one("sgz.service.plan.target", string="Plan Target", readonly=True)
    station_id = fields.Many2one("sgz.station", string="Station", readonly=True)
    provider_id = fields.Many2one("res.company", string="Provider", readonly=True)
    county_id = fields.Many2one("res.company", string="County Bureau", readonly=True)
    city_id = fields.Many2one("res.company", string="City Bureau", readonly=True)
    year_id = fields.Many2one("sgz.agreement.year", string="Agreement Year", readonly=True)
    date_start = fields.Date(string="Year From", readonly=True)
    date_end = fields.Date(string="Year Until", readonly=True)
    service_area_id = fields.Many2one("sgz.service.area", string="Service Area", readonly=True)
    activity_type = fields.Selection(ACTIVITY_TYPES, string="Activity Type", readonly=True)
    measure = fields.Selection(PLAN_MEASURES, string="Counted As", readonly=True)
    quantity = fields.Integer(string="Target", readonly=True, aggregator="sum")
    done = fields.Integer(string="Done", readonly=True, aggregator="sum")
    progress_percent = fields.Float(string="Progress (%)", readonly=True, digits=(5, 1), aggregator="avg")
    elapsed_percent = fields.Float(string="Year Elapsed (%)", readonly=True, digits=(5, 1), aggregator="avg")
    gap = fields.Float(
        string="Behind by (Points)",
        readonly=True,
        digits=(5, 1),
        aggregator="max",
        help="The elapsed share of the year minus the progress, in percentage points (negative: ahead).",
    )
    behind = fields.Boolean(string="Behind Plan", readonly=True)
    filing_state = fields.Selection(
        [
            ("none", "Not Filed"),
            ("submitted", "Submitted"),
            ("acknowledged", "Acknowledged"),
            ("returned", "Returned"),
        ],
        string="Filing",
        readonly=True,
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        progress = SQL("CASE WHEN t.quantity > 0 THEN round(100.0 * d.done / t.quantity, 1) ELSE 100.0 END")
        elapsed = SQL(
            "CASE WHEN %(today)s < p.date_start THEN 0.0"
            " ELSE round(100.0 * (LEAST(%(today)s, p.date_end) - p.date_start + 1) / (p.date_end - p.date_start + 1), 1)"
            " END",
            today=CHINA_TODAY,
        )
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(view)s AS (
                    SELECT t.id AS id, t.plan_id, t.id AS target_id, p.station_id, p.company_id AS provider_id,
                           p.county_id, p.city_id, p.year_id, p.date_start, p.date_end, t.service_area_id,
                           t.activity_type, t.measure, t.quantity, d.done,
                           %(progress)s AS progress_percent, %(elapsed)s AS elapsed_percent,
                           %(elapsed)s - %(progress)s AS gap,
                           (t.quantity > 0 AND %(progress)s < %(elapsed)s) AS behind,
                           p.sgz_filing_state AS filing_state
                      FROM sgz_service_plan_target t
                      JOIN sgz_service_plan p ON p.id = t.plan_id
                     CROSS JOIN LATERAL (SELECT %(done)s AS done OFFSET 0) d  -- OFFSET 0: evaluated once per row
                     WHERE p.state = 'current'
                )
                """,
                view=SQL.identifier(self._table),
                done=done_expression(CHINA_TODAY),
                progress=progress,
                elapsed=elapsed,
            )
        )
