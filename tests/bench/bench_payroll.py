"""Benchmark of a monthly payroll run: generate + compute + confirm for 500 and for 5,000 workers.

Run it against any database where sgz_hr is installed (it works in one transaction and rolls everything
back, so the database is left as it was), one Odoo process at a time::

    cd /work/main && /opt/odoo-venv/bin/python tests/bench/bench_payroll.py -d hr_dev
    # options: --sizes 500,5000 --repeat 3 --odoo /opt/odoo --addons-path <path,…>

It creates two providers with 500 and 5,000 stationed workers (employees and contracts created in batch),
then runs the payroll of January 2025 for each ``--repeat`` times (each run rolled back to a savepoint so
every repeat measures the same work) and prints, per size: seconds, payslips per second and the number of
SQL queries of the run, with the median of the repeats. The query count must not depend on the size.
"""

import datetime
import statistics
import time

import common


def parse_args():
    command_line = common.parser(__doc__)
    command_line.add_argument("--sizes", default="500,5000")
    command_line.add_argument("--repeat", type=int, default=3)
    command_line.add_argument(
        "--profile", action="store_true", help="print a cProfile of one run of the largest size"
    )
    command_line.add_argument(
        "--keep",
        action="store_true",
        help="commit the providers and workers it builds and reuse them on the next run (a database kept "
        "for measuring again and again; the payroll runs are still rolled back)",
    )
    return common.parse(command_line)


def id_card(index):
    from stdnum.cn import ric

    body = f"430223{1985 + index % 15}{1 + index % 12:02d}{1 + index % 28:02d}{index % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def build(env, size, tag):
    """A provider with ``size`` workers under contract at one station of a county with a scheme."""
    from odoo import Command

    region_county = env.ref("sgz_base.region_430223")  # 攸县
    Region = env["sgz.region"]
    township = Region.search([("code", "=", f"4302239{tag}")]) or Region.create(
        {"name": f"基准镇{tag}", "code": f"4302239{tag}", "level": "township", "parent_id": region_county.id}
    )
    county = env["res.company"].search(
        [("sgz_region_id", "=", region_county.id), ("sgz_kind", "=", "county")]
    )
    if not county:
        province = env["res.company"].search([("sgz_kind", "=", "province")], limit=1) or env[
            "res.company"
        ].create({"name": "基准省厅", "sgz_kind": "province"})
        city = env["res.company"].create(
            {
                "name": "基准市局",
                "sgz_kind": "city",
                "parent_id": province.id,
                "sgz_region_id": env.ref("sgz_base.region_430200").id,
            }
        )
        county = env["res.company"].create(
            {
                "name": "基准县局",
                "sgz_kind": "county",
                "parent_id": city.id,
                "sgz_region_id": region_county.id,
            }
        )
    provider = env["res.company"].create(
        {"name": f"基准社工机构{tag}", "sgz_kind": "provider", "currency_id": env.ref("base.CNY").id}
    )
    station = env["sgz.station"].create(
        {"township_id": township.id, "company_id": county[:1].id, "provider_id": provider.id}
    )
    if not env["sgz.insurance.scheme"].search([("region_id", "=", region_county.id)]):
        env["sgz.insurance.scheme"].create(
            {
                "name": "基准方案",
                "region_id": region_county.id,
                "date_from": "2024-01-01",
                "line_ids": [
                    Command.create(
                        {
                            "kind": kind,
                            "employer_rate": er,
                            "employee_rate": ee,
                            "base_floor": 4308,
                            "base_ceiling": 21540,
                        }
                    )
                    for kind, er, ee in (
                        ("pension", 16, 8),
                        ("medical", 8.7, 2),
                        ("unemployment", 0.7, 0.3),
                        ("injury", 0.2, 0),
                        ("maternity", 0, 0),
                    )
                ],
            }
        )
    Employee = env["hr.employee"].with_context(tracking_disable=True, mail_create_nolog=True)
    employees = Employee.create(
        [
            {
                "name": f"社工{tag}-{index}",
                "company_id": provider.id,
                "identification_id": id_card(index),
                "sgz_station_id": station.id,
                "sgz_hire_date": "2024-01-01",
                "sgz_education": "bachelor",
            }
            for index in range(size)
        ]
    )
    env["hr.contract"].with_context(tracking_disable=True, mail_create_nolog=True).create(
        [
            {
                "name": f"合同{employee.id}",
                "employee_id": employee.id,
                "company_id": provider.id,
                "wage": 4000 + index % 40 * 250,
                "sgz_allowance": 300,
                "sgz_performance_pay": 500,
                # some joiners in the month, prorated
                "date_start": "2025-01-16" if index % 10 == 0 else "2024-01-01",
                "state": "open",
            }
            for index, employee in enumerate(employees)
        ]
    )
    env.flush_all()
    return provider


def measure(env, provider, day):
    cr = env.cr
    cr.execute("SAVEPOINT sgz_bench")
    env.invalidate_all()
    start_queries = cr.sql_log_count
    start = time.perf_counter()
    run = env["sgz.payroll.run"].create({"company_id": provider.id, "date_from": day})
    run.action_generate()
    run.action_compute()
    run.action_confirm()
    env.flush_all()
    seconds = time.perf_counter() - start
    queries = cr.sql_log_count - start_queries
    count = len(run.payslip_ids)
    cr.execute("ROLLBACK TO SAVEPOINT sgz_bench")
    env.invalidate_all()
    return seconds, queries, count


def main():
    args = parse_args()
    registry = common.registry(args)
    from odoo import SUPERUSER_ID, api

    sizes = [int(size) for size in args.sizes.split(",")]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        try:
            providers = {}
            for tag, size in enumerate(sizes):
                started = time.perf_counter()
                name = f"基准社工机构{tag:02d}"
                kept = env["res.company"].search([("name", "=", name)], limit=1) if args.keep else None
                if kept:
                    providers[size] = kept
                    print(f"setup: {size} workers reused", flush=True)
                    continue
                providers[size] = build(env, size, f"{tag:02d}")
                if args.keep:
                    cr.commit()
                print(
                    f"setup: {size} workers with contracts in {time.perf_counter() - started:.1f} s",
                    flush=True,
                )
            day = datetime.date(2025, 1, 1)
            print(f"{'workers':>8} {'payslips':>8} {'seconds':>8} {'payslips/s':>10} {'queries':>8}")
            for size in sizes:
                results = [measure(env, providers[size], day) for _repeat in range(args.repeat)]
                for seconds, queries, count in results:
                    print(
                        f"{size:>8} {count:>8} {seconds:>8.2f} {count / seconds:>10.0f} {queries:>8}",
                        flush=True,
                    )
                median = statistics.median(seconds for seconds, _q, _c in results)
                queries = statistics.median(queries for _s, queries, _c in results)
                print(
                    f"median of {args.repeat} for {size} workers: {median:.2f} s, {size / median:.0f} payslips/s, "
                    f"{queries:.0f} queries",
                    flush=True,
                )
            if args.profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                profiler.runcall(measure, env, providers[sizes[-1]], day)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
