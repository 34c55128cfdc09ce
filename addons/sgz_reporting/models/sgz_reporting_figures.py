"""The figures of the periodic reports, read with a fixed number of grouped queries per period.

A *scope* says what a report covers (an agreement's stations and provider, a county, a city, the province);
:meth:`SgzReportingFigures._sgz_indicator_rows` returns the indicator rows of one period for it. The activity
figures come from the monthly aggregates (``sgz.activity.stat``), never from the activity rows, so the number
and the cost of the queries do not grow with the number of activities.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.sgz_hr.models.sgz_payslip_month import WORKER_MONTH_SQL

from ..lib.plan_progress import elapsed_percent, progress_percent
from .sgz_activity import ACTIVITY_TYPES

# a pay figure is given only when it sums this many distinct workers (sgz.payroll.stat's record rule too)
MIN_WORKERS_FOR_PAY = 3

SECTIONS = [
    ("stations", "Stations"),
    ("workers", "Stationed Workers"),
    ("beneficiaries", "Beneficiaries"),
    ("volunteers", "Volunteers"),
    ("activity_type", "Activities by Type"),
    ("service_area", "Activities by Service Area"),
    ("category", "Activities by Beneficiary Category"),
    ("plan", "Service Plan Against Actual"),
    ("payroll", "Payroll (Confirmed Payslips)"),
    ("budget", "Budget Execution by Fund Source"),
    ("agreements", "Agreement Years and Evaluations"),
    ("breakdown", "By Organization"),
]
MEASURES = [
    ("number", "Number"),
    ("percent", "Percent"),
    ("count", "Activities"),
    ("person_times", "Person-Times"),
    ("hours", "Hours"),
    ("amount", "Amount (CNY)"),
]


@dataclass
class Scope:
    """What a report covers. ``kind``: agreement, county, city or province."""

    kind: str
    station_ids: list = field(default_factory=list)
    provider_id: int = 0
    county_ids: list = field(default_factory=list)
    city_id: int = 0
    agreement_ids: list = field(default_factory=list)

    def stat_condition(self):
        """The rows of the aggregate tables (sgz_activity_stat …) in the scope."""
        if self.kind == "agreement":
            return SQL(
                "station_id = ANY(%s) AND provider_id = %s", self.station_ids or [0], self.provider_id or 0
            )
        if self.kind == "county":
            return SQL("county_id = ANY(%s)", self.county_ids or [0])
        if self.kind == "city":
            return SQL("city_id = %s", self.city_id or 0)
        return SQL("TRUE")

    @property
    def breakdown(self):
        """Rows per city (province) or per county (city)."""
        return {"province": "city_id", "city": "county_id"}.get(self.kind)


def money(value):
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


class SgzReportingFigures(models.AbstractModel):
    _name = "sgz.reporting.figures"
    _description = "Report Figures"

    # ---- scopes --------------------------------------------------------------------------------------------------

    @api.model
    def _sgz_scope_agreement(self, agreements):
        agreements = agreements.sudo()
        return Scope(
            "agreement",
            station_ids=agreements.station_line_ids.station_id.ids,
            provider_id=agreements.provider_id[:1].id,
            county_ids=agreements.company_id.ids,
            agreement_ids=agreements.ids,
        )

    @api.model
    def _sgz_scope_company(self, company):
        """A county, city or the province bureau: its stations and those of the counties below it."""
        company = company.sudo()
        Company = self.env["res.company"].sudo()
        if company.sgz_kind == "county":
            counties = company
        elif company.sgz_kind == "city":
            counties = Company.search([("parent_id", "=", company.id), ("sgz_kind", "=", "county")])
        else:
            counties = Company.search([("sgz_kind", "=", "county")])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM sgz_station WHERE active AND company_id = ANY(%s) ORDER BY id",
                counties.ids or [0],
            )
        )
        station_ids = [row[0] for row in self.env.cr.fetchall()]
        kind = company.sgz_kind if company.sgz_kind in ("county", "city") else "province"
        return Scope(
            kind,
            station_ids=station_ids,
            county_ids=counties.ids,
            city_id=company.id if kind == "city" else 0,
        )

    # ---- figures of one period ----------------------------------------------------------------------------------

    @api.model
    def _sgz_indicator_rows(self, scope, date_from, date_to, with_budget_company=None):
        """The indicator rows of ``scope`` for the period ``date_from``–``date_to``: a list of dicts with
        section, code, measure, value and the record the indicator is about (type, area, category,
        organization)."""
        rows = []
        rows += self._sgz_station_rows(scope, date_to)
        rows += self._sgz_worker_rows(scope, date_to)
        rows += self._sgz_beneficiary_rows(scope, date_to)
        rows += self._sgz_volunteer_rows(scope, date_from, date_to)
        rows += self._sgz_activity_rows(scope, date_from, date_to)
        if scope.kind == "agreement":
            rows += self._sgz_plan_rows(scope, date_from, date_to)
        rows += self._sgz_payroll_rows(scope, date_from, date_to)
        if with_budget_company:
            rows += [
                {"section": "budget", "measure": "amount", **row}
                for row in self.env["sgz.report"]._sgz_budget_figures(with_budget_company, date_from, date_to)
            ]
        rows += self._sgz_agreement_rows(scope, date_to)
        if scope.breakdown:
            rows += self._sgz_breakdown_rows(scope, date_from, date_to)
        return rows

    def _row(self, section, code, measure, value, **refs):
        return {"section": section, "code": code, "measure": measure, "value": value, **refs}

    def _sgz_station_rows(self, scope, date_to):
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT count(*) FILTER (WHERE state = 'active' AND (opening_date IS NULL OR opening_date <= %(d)s)),
                       count(*) FILTER (WHERE state = 'active' AND demonstration
                                          AND (demonstration_date IS NULL OR demonstration_date <= %(d)s))
                  FROM sgz_station WHERE id = ANY(%(s)s)
                """,
                d=date_to,
                s=scope.station_ids or [0],
            )
        )
        active, demonstration = cr.fetchone()
        rows = [self._row("stations", "stations_active", "number", active)]
        if scope.kind != "agreement":
            cr.execute(
                SQL(
                    """
                    SELECT count(*) FROM sgz_region township
                      JOIN res_company county ON county.sgz_region_id = township.parent_id
                     WHERE township.level = 'township' AND township.active AND county.id = ANY(%s)
                    """,
                    scope.county_ids or [0],
                )
            )
            townships = cr.fetchone()[0]
            rows += [
                self._row("stations", "townships", "number", townships),
                self._row(
                    "stations",
                    "coverage",
                    "percent",
                    round(100.0 * active / townships, 1) if townships else 0.0,
                ),
            ]
        rows.append(self._row("stations", "stations_demonstration", "number", demonstration))
        return rows

    def _sgz_worker_rows(self, scope, date_to):
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                WITH w AS (
                    SELECT c.sgz_station_id AS station_id, count(DISTINCT c.employee_id) AS n,
                           count(DISTINCT c.employee_id) FILTER (WHERE e.sgz_priority_qualification) AS qualified
                      FROM hr_contract c JOIN hr_employee e ON e.id = c.employee_id
                     WHERE c.sgz_station_id = ANY(%(s)s) AND c.state IN ('open', 'close')
                       AND c.date_start <= %(d)s AND (c.date_end IS NULL OR c.date_end >= %(d)s)
                  GROUP BY c.sgz_station_id
                ), q AS (
                    SELECT l.station_id, sum(l.worker_quota) AS n
                      FROM sgz_agreement_station l JOIN sgz_agreement a ON a.id = l.agreement_id
                     WHERE l.station_id = ANY(%(s)s) AND a.state = 'active'
                       AND (a.date_start IS NULL OR a.date_start <= %(d)s)
                  GROUP BY l.station_id
                )
                SELECT COALESCE(sum(w.n), 0), COALESCE(sum(w.qualified), 0), COALESCE(sum(q.n), 0),
                       COALESCE(sum(GREATEST(COALESCE(q.n, 0) - COALESCE(w.n, 0), 0)), 0),
                       count(*) FILTER (WHERE q.n > 0 AND COALESCE(w.n, 0) >= q.n)
                  FROM w FULL JOIN q ON q.station_id = w.station_id
                """,
                s=scope.station_ids or [0],
                d=date_to,
            )
        )
        workers, qualified, quota, vacancies, staffed = cr.fetchone()
        return [
            self._row("workers", "workers", "number", workers),
            self._row("workers", "quota", "number", quota),
            self._row("workers", "vacancies", "number", vacancies),
            self._row("workers", "staffed_stations", "number", staffed),
            self._row("workers", "qualified", "number", qualified),
        ]

    def _sgz_beneficiary_rows(self, scope, date_to):
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT count(*) FROM sgz_beneficiary WHERE active AND station_id = ANY(%s) AND create_date::date <= %s",
                scope.station_ids or [0],
                date_to,
            )
        )
        return [self._row("beneficiaries", "beneficiaries", "number", cr.fetchone()[0])]

    def _sgz_volunteer_rows(self, scope, date_from, date_to):
        """Volunteers registered by the end of the period, volunteers who served in it (a confirmed record) and
        the confirmed hours of the period (§四(三) 志愿者队伍). An agreement's report counts the records of its
        provider's activities only."""
        cr = self.env.cr
        provider = SQL("AND company_id = %s", scope.provider_id) if scope.kind == "agreement" else SQL()
        cr.execute(
            SQL(
                "SELECT count(*) FROM sgz_volunteer WHERE active AND station_id = ANY(%s) AND registration_date <= %s",
                scope.station_ids or [0],
                date_to,
            )
        )
        registered = cr.fetchone()[0]
        cr.execute(
            SQL(
                """
                SELECT count(DISTINCT volunteer_id), COALESCE(sum(hours), 0) FROM sgz_volunteer_hour
                 WHERE state = 'confirmed' AND station_id = ANY(%s) AND date BETWEEN %s AND %s %s
                """,
                scope.station_ids or [0],
                date_from,
                date_to,
                provider,
            )
        )
        active, hours = cr.fetchone()
        return [
            self._row("volunteers", "volunteers_registered", "number", registered),
            self._row("volunteers", "volunteers_active", "number", active),
            self._row("volunteers", "volunteer_hours", "hours", round(hours, 1)),
        ]

    def _sgz_activity_rows(self, scope, date_from, date_to):
        cr = self.env.cr
        where = SQL("%s AND month BETWEEN %s AND %s", scope.stat_condition(), date_from, date_to)
        cr.execute(
            SQL(
                """
                SELECT activity_type, service_area_id, sum(activity_count), sum(person_times), sum(duration)
                  FROM sgz_activity_stat WHERE %s GROUP BY activity_type, service_area_id
                """,
                where,
            )
        )
        by_type, by_area = {}, {}
        total = [0, 0, 0.0]
        for activity_type, area_id, count, person_times, hours in cr.fetchall():
            for bucket, key in ((by_type, activity_type), (by_area, area_id)):
                values = bucket.setdefault(key, [0, 0])
                values[0] += count
                values[1] += person_times
            total[0] += count
            total[1] += person_times
            total[2] += hours or 0.0
        cr.execute(
            SQL(
                "SELECT category_id, sum(activity_count), sum(person_times) FROM sgz_activity_category_stat "
                "WHERE %s GROUP BY category_id",
                where,
            )
        )
        by_category = {
            category_id: (count, person_times) for category_id, count, person_times in cr.fetchall()
        }
        return self._sgz_activity_rows_of(total, by_type, by_area, by_category)

    def _sgz_activity_rows_of(self, total, by_type, by_area, by_category):
        """The report rows of the activity figures: totals, then per type, service area and category."""
        rows = [
            self._row("activity_type", "activities", "count", total[0]),
            self._row("activity_type", "person_times", "person_times", total[1]),
            self._row("activity_type", "hours", "hours", round(total[2], 1)),
        ]
        for activity_type, _label in ACTIVITY_TYPES:
            count, person_times = by_type.get(activity_type, (0, 0))
            rows += [
                self._row("activity_type", "type_count", "count", count, activity_type=activity_type),
                self._row(
                    "activity_type",
                    "type_person_times",
                    "person_times",
                    person_times,
                    activity_type=activity_type,
                ),
            ]
        areas = self.env["sgz.service.area"].sudo().search([("parent_id", "=", False)])
        for area in areas:
            count, person_times = by_area.get(area.id, (0, 0))
            rows += [
                self._row("service_area", "area_count", "count", count, service_area_id=area.id),
                self._row(
                    "service_area", "area_person_times", "person_times", person_times, service_area_id=area.id
                ),
            ]
        for category in self.env["sgz.beneficiary.category"].sudo().search([]):
            count, person_times = by_category.get(category.id, (0, 0))
            rows += [
                self._row("category", "category_count", "count", count, category_id=category.id),
                self._row(
                    "category", "category_person_times", "person_times", person_times, category_id=category.id
                ),
            ]
        return rows

    def _sgz_plan_rows(self, scope, date_from, date_to):
        """Plan against actual (a provider's briefs and reports): per current service plan of the scope's stations
        whose year overlaps the period, the share of its year elapsed at the period's end, and per target what is
        done by then and its progress (see sgz.service.plan)."""
        plans = (
            self.env["sgz.service.plan"]
            .sudo()
            .search(
                [
                    ("state", "=", "current"),
                    ("station_id", "in", scope.station_ids),
                    ("company_id", "=", scope.provider_id),
                    ("date_start", "<=", date_to),
                    ("date_end", ">=", date_from),
                ],
                order="station_id, id",
            )
        )
        if not plans:
            return []
        done = plans.target_ids._sgz_done(date_to)
        _ = self.env._
        rows = []
        for plan in plans:
            station = plan.station_id.name
            rows.append(
                self._row(
                    "plan",
                    f"plan_{plan.id}_elapsed",
                    "percent",
                    elapsed_percent(plan.date_start, plan.date_end, date_to),
                    label=_("%(station)s: share of the plan's year elapsed (%%)", station=station),
                )
            )
            for target in plan.target_ids:
                rows += self._sgz_plan_target_rows(station, target, done.get(target.id, 0))
        return rows

    def _sgz_plan_target_rows(self, station, target, value):
        """The two rows of a plan's target: done by the period's end and its progress."""
        _ = self.env._
        return [
            self._row(
                "plan",
                f"plan_target_{target.id}_done",
                "number",
                value,
                label=_(
                    "%(station)s · %(target)s: done (target %(quantity)s)",
                    station=station,
                    target=target.display_name,
                    quantity=target.quantity,
                ),
            ),
            self._row(
                "plan",
                f"plan_target_{target.id}_progress",
                "percent",
                progress_percent(value, target.quantity),
                label=_(
                    "%(station)s · %(target)s: progress (%%)", station=station, target=target.display_name
                ),
            ),
        ]

    def _sgz_payroll_rows(self, scope, date_from, date_to):
        """Pay of the worker-months of the period (a corrected month once, its original plus its adjustments:
        sgz_hr's ``WORKER_MONTH_SQL``). Amounts summing fewer than 3 distinct workers are withheld (the rule of
        the payroll statistics): the report would give one or two people's pay."""
        cr = self.env.cr
        provider = SQL("AND m.company_id = %s", scope.provider_id) if scope.provider_id else SQL()
        cr.execute(
            SQL(
                """
                WITH m AS (%s)
                SELECT COALESCE(sum(m.versions), 0), count(DISTINCT m.employee_id), COALESCE(sum(m.gross), 0),
                       COALESCE(sum(m.employee_insurance), 0), COALESCE(sum(m.employer_insurance), 0),
                       COALESCE(sum(m.tax), 0), COALESCE(sum(m.net), 0)
                  FROM m
                 WHERE m.station_id = ANY(%s) AND m.month BETWEEN %s AND %s %s
                """,
                WORKER_MONTH_SQL,
                scope.station_ids or [0],
                date_from,
                date_to,
                provider,
            )
        )
        count, workers, gross, employee, employer, tax, net = cr.fetchone()
        withheld = 0 < workers < MIN_WORKERS_FOR_PAY
        amounts = [
            ("gross", gross),
            ("employee_insurance", employee),
            ("employer_insurance", employer),
            ("tax", tax),
            ("net", net),
        ]
        return [self._row("payroll", "payslips", "number", count)] + [
            self._row("payroll", code, "amount", 0.0 if withheld else money(amount), withheld=withheld)
            for code, amount in amounts
        ]

    def _sgz_agreement_rows(self, scope, date_to):
        cr = self.env.cr
        if scope.kind == "agreement":
            agreements = SQL("a.id = ANY(%s)", scope.agreement_ids or [0])
        else:
            agreements = SQL("a.company_id = ANY(%s)", scope.county_ids or [0])
        cr.execute(
            SQL(
                """
                SELECT count(*) FILTER (WHERE y.state IN ('confirmed', 'evaluated') AND y.date_start <= %(d)s),
                       count(*) FILTER (WHERE y.evaluation_result = 'qualified'),
                       count(*) FILTER (WHERE y.evaluation_result = 'unqualified'),
                       count(*) FILTER (WHERE y.state = 'confirmed' AND y.date_end <= %(d)s)
                  FROM sgz_agreement_year y JOIN sgz_agreement a ON a.id = y.agreement_id
                 WHERE %(agreements)s
                """,
                d=date_to,
                agreements=agreements,
            )
        )
        signed, qualified, unqualified, pending = cr.fetchone()
        return [
            self._row("agreements", "years_signed", "number", signed),
            self._row("agreements", "years_qualified", "number", qualified),
            self._row("agreements", "years_unqualified", "number", unqualified),
            self._row("agreements", "years_pending", "number", pending),
        ]

    def _sgz_breakdown_rows(self, scope, date_from, date_to):
        """Stations in service, workers, activities and person-times per city (province) or county (city)."""
        cr = self.env.cr
        column = SQL.identifier(scope.breakdown)
        Company = self.env["res.company"].sudo()
        if scope.kind == "province":
            children = Company.search([("sgz_kind", "=", "city")], order="sgz_region_id, id")
            station_group = SQL("county.parent_id")
        else:
            children = Company.search(
                [("parent_id", "=", scope.city_id), ("sgz_kind", "=", "county")], order="sgz_region_id, id"
            )
            station_group = SQL("county.id")
        cr.execute(
            SQL(
                """
                SELECT %(group)s, count(*) FILTER (WHERE s.state = 'active')
                  FROM sgz_station s JOIN res_company county ON county.id = s.company_id
                 WHERE s.id = ANY(%(s)s) GROUP BY 1
                """,
                group=station_group,
                s=scope.station_ids or [0],
            )
        )
        stations = dict(cr.fetchall())
        cr.execute(
            SQL(
                """
                SELECT %(group)s, count(DISTINCT c.employee_id)
                  FROM hr_contract c JOIN sgz_station s ON s.id = c.sgz_station_id
                  JOIN res_company county ON county.id = s.company_id
                 WHERE c.sgz_station_id = ANY(%(s)s) AND c.state IN ('open', 'close')
                   AND c.date_start <= %(d)s AND (c.date_end IS NULL OR c.date_end >= %(d)s)
                 GROUP BY 1
                """,
                group=station_group,
                s=scope.station_ids or [0],
                d=date_to,
            )
        )
        workers = dict(cr.fetchall())
        cr.execute(
            SQL(
                "SELECT %s, sum(activity_count), sum(person_times) FROM sgz_activity_stat "
                "WHERE %s AND month BETWEEN %s AND %s GROUP BY 1",
                column,
                scope.stat_condition(),
                date_from,
                date_to,
            )
        )
        activities = {key: (count, person_times) for key, count, person_times in cr.fetchall()}
        return self._sgz_breakdown_rows_of(children, stations, workers, activities)

    def _sgz_breakdown_rows_of(self, children, stations, workers, activities):
        """The report rows of the breakdown: four figures per city or county below the scope."""
        rows = []
        for child in children:
            count, person_times = activities.get(child.id, (0, 0))
            rows += [
                self._row(
                    "breakdown",
                    "child_stations",
                    "number",
                    stations.get(child.id, 0),
                    company_ref_id=child.id,
                ),
                self._row(
                    "breakdown", "child_workers", "number", workers.get(child.id, 0), company_ref_id=child.id
                ),
                self._row("breakdown", "child_activities", "count", count, company_ref_id=child.id),
                self._row(
                    "breakdown", "child_person_times", "person_times", person_times, company_ref_id=child.id
                ),
            ]
        return rows
