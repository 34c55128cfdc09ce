"""Benchmark of the reporting at the size of Hunan: 14 cities, 122 counties, 1,940 stations, 5,000 workers,
12 months of activities (about 2 million rows).

Run it against a database where sgz_reporting is installed (everything happens in one transaction that is
rolled back, so the database is left as it was), one Odoo process at a time::

    cd /work/main && /opt/odoo-venv/bin/python tests/bench/bench_reporting.py -d sgz
    # options: --stations 1940 --per-month 86 --workers 5000 --repeat 3 --odoo /opt/odoo --addons-path <…>

The regions, bureaus, providers, stations and agreements are written with SQL and the ORM in batches, the
activities with one INSERT … SELECT per month (so the set-up stays in minutes). It measures, as the province
officer (record rules applied), the seconds and SQL queries of:

* opening the province overview (the coverage kanban) and the activity dashboard (graph by month);
* producing one county's quarterly report and the province's quarterly overview (creation, deadline and
  figures, this quarter and the previous one);
* the same province quarter read directly from the activity rows (the alternative the aggregates replace);
* entering a month of one station's activities through the ORM, one form save at a time and in one batch.

Each measure is taken after 1 month and after 12 months of activities: the query counts must not change.
Figures are printed, never asserted.
"""

import datetime
import statistics
import time

import common


def parse_args():
    command_line = common.parser(__doc__)
    command_line.add_argument("--stations", type=int, default=1940)
    command_line.add_argument("--per-month", type=int, default=86, help="activities per station and month")
    command_line.add_argument("--workers", type=int, default=5000)
    command_line.add_argument("--repeat", type=int, default=3)
    return common.parse(command_line)


YEAR = 2026


def timed(label, func):
    started = time.perf_counter()
    result = func()
    print(f"setup: {label} in {time.perf_counter() - started:.1f} s", flush=True)
    return result


def build_organizations(env, station_count):
    """A bureau for every city and county of the shipped regions, one provider per county, townships and
    stations spread over the counties, one signed agreement per county (quota 2 or 3 per station)."""
    from odoo.tools import SQL

    cr = env.cr
    Company = env["res.company"].with_context(tracking_disable=True)
    Region = env["sgz.region"]
    cny = env.ref("base.CNY")
    province = Company.search([("sgz_kind", "=", "province")], limit=1) or Company.create(
        {
            "name": "湖南省民政厅（基准）",
            "sgz_kind": "province",
            "sgz_region_id": env.ref("sgz_base.region_430000").id,
            "currency_id": cny.id,
        }
    )
    cities = Region.search([("level", "=", "city")])
    counties = Region.search([("level", "=", "county")])
    existing = {c.sgz_region_id.id: c for c in Company.search([("sgz_kind", "in", ("city", "county"))])}
    city_vals = [
        {
            "name": f"{r.name}民政局（基准）",
            "sgz_kind": "city",
            "parent_id": province.id,
            "sgz_region_id": r.id,
            "currency_id": cny.id,
        }
        for r in cities
        if r.id not in existing
    ]
    for company in Company.create(city_vals):
        existing[company.sgz_region_id.id] = company
    county_vals = [
        {
            "name": f"{r.name}民政局（基准）",
            "sgz_kind": "county",
            "parent_id": existing[r.parent_id.id].id,
            "sgz_region_id": r.id,
            "currency_id": cny.id,
        }
        for r in counties
        if r.id not in existing
    ]
    for company in Company.create(county_vals):
        existing[company.sgz_region_id.id] = company
    providers = Company.create(
        [
            {"name": f"{r.name}基准社会工作服务中心", "sgz_kind": "provider", "currency_id": cny.id}
            for r in counties
        ]
    )
    env.flush_all()
    # townships and stations, spread round-robin over the counties
    cr.execute(
        SQL(
            """
            INSERT INTO sgz_region (name, code, level, parent_id, active, complete_name, parent_path)
            SELECT '基准镇' || n, county.code || lpad((900 + n / %(k)s)::text, 3, '0') || lpad(mod(n, 1000)::text, 3, '0'),
                   'township', county.id, TRUE, county.complete_name || '基准镇' || n, county.parent_path
              FROM generate_series(0, %(n)s - 1) n
              JOIN (SELECT id, code, complete_name, parent_path, row_number() OVER (ORDER BY id) - 1 AS i
                      FROM sgz_region WHERE level = 'county') county ON county.i = mod(n, %(k)s)
            RETURNING id, parent_id
            """,
            n=station_count,
            k=len(counties),
        )
    )
    townships = cr.fetchall()
    bureau_of = {r.id: existing[r.id].id for r in counties}
    provider_of = {r.id: providers[index].id for index, r in enumerate(counties)}
    cr.execute(
        SQL(
            """
            INSERT INTO sgz_station (name, township_id, county_region_id, company_id, provider_id, state,
                                     opening_date, demonstration, active, completeness,
                                     create_uid, write_uid, create_date, write_date)
            SELECT '基准站' || t.id, t.id, t.county, t.bureau, t.provider, 'active', '2025-01-01',
                   mod(t.id, 10) = 0, TRUE, 100, 1, 1, now(), now()
              FROM unnest(%s::int[], %s::int[], %s::int[], %s::int[]) AS t(id, county, bureau, provider)
            RETURNING id, company_id, provider_id
            """,
            [t for t, _c in townships],
            [c for _t, c in townships],
            [bureau_of[c] for _t, c in townships],
            [provider_of[c] for _t, c in townships],
        )
    )
    stations = cr.fetchall()
    # one agreement per county, signed, with its stations (quota 2 or 3)
    cr.execute(
        SQL(
            """
            INSERT INTO sgz_agreement (name, company_id, provider_id, state, date_start, sign_date, payment_schedule,
                                       worker_quota, annual_amount, create_uid, write_uid, create_date, write_date)
            SELECT '基准协议' || b, b, p, 'active', '2025-01-01', '2024-12-20', 'quarterly', 0, 0, 1, 1, now(), now()
              FROM unnest(%s::int[], %s::int[]) AS t(b, p)
            RETURNING id, company_id
            """,
            list(bureau_of.values()),
            [provider_of[r] for r in bureau_of],
        )
    )
    agreement_of = {bureau: agreement for agreement, bureau in cr.fetchall()}
    cr.execute(
        SQL(
            """
            INSERT INTO sgz_agreement_station (agreement_id, company_id, station_id, worker_quota, annual_amount,
                                               create_uid, write_uid, create_date, write_date)
            SELECT a, b, s, 2 + mod(s, 2), 100000, 1, 1, now(), now()
              FROM unnest(%s::int[], %s::int[], %s::int[]) AS t(a, b, s)
            """,
            [agreement_of[b] for _s, b, _p in stations],
            [b for _s, b, _p in stations],
            [s for s, _b, _p in stations],
        )
    )
    env.invalidate_all()
    return province, stations


def build_workers(env, stations, count):
    """``count`` workers under running contracts, spread over the stations."""
    Employee = env["hr.employee"].with_context(tracking_disable=True, mail_create_nolog=True)
    employees = Employee.create(
        [
            {
                "name": f"基准社工{index}",
                "company_id": stations[index % len(stations)][2],
                "sgz_station_id": stations[index % len(stations)][0],
                "sgz_hire_date": "2025-01-01",
                "sgz_education": "bachelor",
            }
            for index in range(count)
        ]
    )
    env["hr.contract"].with_context(tracking_disable=True, mail_create_nolog=True).create(
        [
            {
                "name": f"基准合同{employee.id}",
                "employee_id": employee.id,
                "company_id": employee.company_id.id,
                "sgz_station_id": employee.sgz_station_id.id,
                "wage": 4500,
                "date_start": "2025-01-01",
                "state": "open",
            }
            for employee in employees
        ]
    )
    env.flush_all()


def insert_activities(env, months, per_month):
    """``per_month`` activities per station and month, by SQL; 60 % of them carry a beneficiary category."""
    from odoo.tools import SQL

    cr = env.cr
    areas = env["sgz.service.area"].search([("parent_id", "=", False)]).ids
    categories = env["sgz.beneficiary.category"].search([]).ids
    for month in months:
        first = datetime.date(YEAR, month, 1)
        cr.execute(
            SQL(
                """
                INSERT INTO sgz_activity (name, activity_type, date, month, station_id, company_id, county_id, city_id,
                                          service_area_id, duration, person_times, lock_state, active,
                                          create_uid, write_uid, create_date, write_date)
                SELECT '基准活动', (ARRAY['case', 'group', 'community', 'home_visit', 'policy'])[1 + mod(n, 5)],
                       %(first)s::date + mod(n, 28), %(first)s, s.id, s.provider_id, s.company_id, county.parent_id,
                       (%(areas)s::int[])[1 + mod(s.id + n, %(area_count)s)], 1.5, 1 + mod(n, 20), 'open', TRUE,
                       1, 1, now(), now()
                  FROM sgz_station s JOIN res_company county ON county.id = s.company_id
                 CROSS JOIN generate_series(1, %(per_month)s) n
                 WHERE left(s.name, 3) = '基准站'
                RETURNING id
                """,
                first=first,
                areas=areas,
                area_count=len(areas),
                per_month=per_month,
            )
        )
        ids = [row[0] for row in cr.fetchall()]
        cr.execute(
            SQL(
                """
                INSERT INTO sgz_activity_category_rel (activity_id, category_id)
                SELECT id, (%s::int[])[1 + mod(id, %s)] FROM unnest(%s::int[]) id WHERE mod(id, 5) < 3
                """,
                categories,
                len(categories),
                ids,
            )
        )
    env["sgz.activity.stat"]._sgz_rebuild()
    cr.execute("ANALYZE sgz_activity; ANALYZE sgz_activity_stat; ANALYZE sgz_activity_category_stat")
    env.invalidate_all()


def measure(env, label, func, repeat):
    """Median seconds and queries of ``func`` run ``repeat`` times, each rolled back to a savepoint."""
    cr = env.cr
    results = []
    for _index in range(repeat):
        cr.execute("SAVEPOINT sgz_bench")
        env.invalidate_all()
        env.registry.clear_cache()
        queries = cr.sql_log_count
        started = time.perf_counter()
        func()
        env.flush_all()
        results.append((time.perf_counter() - started, cr.sql_log_count - queries))
        cr.execute("ROLLBACK TO SAVEPOINT sgz_bench")
    seconds = statistics.median(s for s, _q in results)
    queries = statistics.median(q for _s, q in results)
    print(f"{label:<58} {seconds:>8.3f} s {queries:>6.0f} queries", flush=True)
    return seconds, queries


def scenarios(env, province, officer, county, station, hr_user, per_month):
    from odoo.tools import SQL

    from odoo.addons.sgz_reporting.lib.periods import period_of

    Report = env["sgz.report"]
    quarter = period_of("quarter", datetime.date(YEAR, 5, 15))  # Q2: no demo report exists for it
    county_type = env.ref("sgz_reporting.report_type_county_quarterly")
    province_type = env.ref("sgz_reporting.report_type_province_quarterly")
    as_officer = env(user=officer.id)

    def open_overview():
        Coverage = as_officer["sgz.coverage"]
        Coverage.web_search_read(
            [("level", "in", ("province", "city"))],
            {
                f: {}
                for f in (
                    "region_id",
                    "level",
                    "coverage",
                    "stations",
                    "townships",
                    "staffed",
                    "staffed_rate",
                    "demonstration",
                    "workers",
                    "quota",
                    "vacancies",
                )
            },
        )
        Coverage.read_group(
            [("level", "=", "county")], ["coverage", "stations", "townships"], ["parent_region_id"]
        )

    def open_activity_graph():
        as_officer["sgz.activity.stat"].read_group(
            [], ["person_times:sum"], ["month:month", "activity_type"], lazy=False
        )

    def county_report():
        Report._sgz_generate(county_type, [quarter], county)

    def province_overview():
        Report._sgz_generate(province_type, [quarter], province)

    def raw_province_quarter():
        env.cr.execute(
            SQL(
                "SELECT activity_type, service_area_id, count(*), sum(person_times) FROM sgz_activity "
                "WHERE active AND month BETWEEN %s AND %s GROUP BY 1, 2",
                quarter.date_from,
                quarter.date_to,
            )
        )
        env.cr.fetchall()

    def raw_province_quarter_by_category():
        env.cr.execute(
            SQL(
                "SELECT rel.category_id, count(*), sum(a.person_times) FROM sgz_activity a "
                "JOIN sgz_activity_category_rel rel ON rel.activity_id = a.id "
                "WHERE a.active AND a.month BETWEEN %s AND %s GROUP BY 1",
                quarter.date_from,
                quarter.date_to,
            )
        )
        env.cr.fetchall()

    def raw_activity_graph():
        env.cr.execute(
            "SELECT month, activity_type, sum(person_times) FROM sgz_activity WHERE active GROUP BY 1, 2"
        )
        env.cr.fetchall()

    area = env.ref("sgz_base.service_area_community").id
    entry_day = datetime.date(YEAR, 11, 1)  # a past month (activities are never dated ahead)

    def entry_vals(index):
        return {
            "name": f"录入活动{index}",
            "activity_type": "community",
            "date": entry_day + datetime.timedelta(days=index % 27),
            "station_id": station,
            "service_area_id": area,
            "person_times": 10,
            "duration": 2,
        }

    def enter_one_by_one():
        Activity = env(user=hr_user.id)["sgz.activity"]
        for index in range(per_month):
            Activity.create(entry_vals(index))
            env.flush_all()

    def enter_batch():
        env(user=hr_user.id)["sgz.activity"].create([entry_vals(index) for index in range(per_month)])

    return [
        ("open the province overview (coverage kanban + pivot)", open_overview),
        ("open the activity dashboard (graph by month, province)", open_activity_graph),
        ("produce one county's quarterly report", county_report),
        ("produce the province's quarterly overview", province_overview),
        ("(alternative) province quarter from the activity rows", raw_province_quarter),
        ("(alternative) same, by beneficiary category", raw_province_quarter_by_category),
        ("(alternative) activity graph from the activity rows", raw_activity_graph),
        (f"enter a month of one station's activities ({per_month}), one by one", enter_one_by_one),
        (f"enter a month of one station's activities ({per_month}), one batch", enter_batch),
    ]


def main():
    args = parse_args()
    registry = common.registry(args)
    from odoo import SUPERUSER_ID, Command, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        try:
            province, stations = timed(
                f"{args.stations} stations, townships, bureaus, providers, agreements",
                lambda: build_organizations(env, args.stations),
            )
            timed(
                f"{args.workers} workers with contracts", lambda: build_workers(env, stations, args.workers)
            )
            Users = env["res.users"].with_context(no_reset_password=True, tracking_disable=True)
            officer = Users.create(
                {
                    "name": "基准省厅干部",
                    "login": "bench_province",
                    "groups_id": [Command.set([env.ref("sgz_base.sgz_base_group_province_officer").id])],
                    "company_id": province.id,
                    "company_ids": [Command.set(province.ids)],
                }
            )
            station_id, county_id, provider_id = stations[0]
            hr_user = Users.create(
                {
                    "name": "基准机构人事",
                    "login": "bench_hr",
                    "groups_id": [Command.set([env.ref("sgz_base.sgz_base_group_provider_hr").id])],
                    "company_id": provider_id,
                    "company_ids": [Command.set([provider_id])],
                }
            )
            county = env["res.company"].browse(county_id)
            rows = {}
            for months, label in (([5], "1 month"), ([m for m in range(1, 13) if m != 5], "12 months")):
                timed(f"activities of {label}", lambda m=months: insert_activities(env, m, args.per_month))
                cr.execute("SELECT count(*) FROM sgz_activity")
                total = cr.fetchone()[0]
                cr.execute("SELECT count(*) FROM sgz_activity_stat")
                stat_rows = cr.fetchone()[0]
                print(f"--- {total:,} activity rows ({stat_rows:,} monthly aggregate rows) ---", flush=True)
                for name, func in scenarios(
                    env, province, officer, county, station_id, hr_user, args.per_month
                ):
                    rows.setdefault(name, []).append(measure(env, name, func, args.repeat))
            print("--- query counts after 1 and 12 months (must be equal) ---")
            for name, results in rows.items():
                print(f"{name:<58} {results[0][1]:>6.0f} → {results[-1][1]:>6.0f}")
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
