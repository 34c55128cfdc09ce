"""Benchmark of the roster import: a provider's HR staff import 1,000 workers from the spreadsheet template.

Run it against any database where sgz_hr is installed (it works in one transaction and rolls everything back, so
the database is left as it was), one Odoo process at a time::

    scripts/bench tests/bench/bench_roster_import.py
    # or on a database of your own:
    /opt/odoo-venv/bin/python tests/bench/bench_roster_import.py -d hr_dev
    # options: --size 1000 --repeat 3 --odoo /opt/odoo --addons-path <path,…>

It builds a provider running four stations of 攸县 with an HR user, writes a roster .xlsx of ``--size`` workers
(valid ID numbers, education, household county, station, bank account, contract start/end and wages) with the
template's own header row, then imports it through the import wizard as that HR user, ``--repeat`` times (each
rolled back to a savepoint), and prints the seconds and the SQL queries of each import and the median: workers,
labor contracts and salary accounts created, every row checked first. Target: under 60 s for 1,000 workers.
"""

import base64
import io
import os
import statistics
import time

import common

TOWNSHIPS = ("430223001", "430223002", "430223003", "430223004")  # 攸县: 联星、江桥、春联、谭桥街道


def parse_args():
    command_line = common.parser(__doc__)
    command_line.add_argument("--size", type=int, default=1000)
    command_line.add_argument("--repeat", type=int, default=3)
    command_line.add_argument("--profile", action="store_true", help="print a cProfile of one import")
    return common.parse(command_line)


def id_card(index):
    from stdnum.cn import ric

    body = f"430223{1980 + index % 20}{1 + index % 12:02d}{1 + index % 28:02d}{index % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def build(env):
    """A county bureau of 攸县, a provider running four stations there, and the provider's HR user."""
    from odoo import Command

    region = env.ref("sgz_base.region_430223")
    Company = env["res.company"]
    county = Company.search([("sgz_region_id", "=", region.id), ("sgz_kind", "=", "county")], limit=1)
    if not county:
        province = Company.search([("sgz_kind", "=", "province")], limit=1) or Company.create(
            {"name": "基准省厅", "sgz_kind": "province"}
        )
        city = Company.create(
            {
                "name": "基准市局（导入）",
                "sgz_kind": "city",
                "parent_id": province.id,
                "sgz_region_id": env.ref("sgz_base.region_430200").id,
            }
        )
        county = Company.create(
            {
                "name": "基准县局（导入）",
                "sgz_kind": "county",
                "parent_id": city.id,
                "sgz_region_id": region.id,
            }
        )
    provider = Company.create(
        {"name": "基准导入社工机构", "sgz_kind": "provider", "currency_id": env.ref("base.CNY").id}
    )
    townships = [env.ref(f"sgz_base.region_{code}") for code in TOWNSHIPS]
    env["sgz.station"].search([("township_id", "in", [t.id for t in townships])]).write({"active": False})
    env["sgz.station"].create(
        [{"township_id": t.id, "company_id": county.id, "provider_id": provider.id} for t in townships]
    )
    hr = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "基准人事",
                "login": "bench_roster_hr",
                "company_id": provider.id,
                "company_ids": [Command.set(provider.ids)],
                "groups_id": [Command.set([env.ref("sgz_base.sgz_base_group_provider_hr").id])],
                "lang": "zh_CN",
            }
        )
    )
    return provider, hr, [t.name for t in townships]


def roster(env, hr, size, townships):
    """The roster .xlsx: the template's header row (downloaded as the HR user), then ``size`` workers."""
    import openpyxl

    header = [
        cell.value
        for cell in next(
            openpyxl.load_workbook(
                io.BytesIO(env["sgz.import.roster"].with_user(hr)._sgz_import_template()[1])
            )
            .worksheets[0]
            .iter_rows(max_row=1)
        )
    ]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    educations = ("大专", "本科", "硕士")
    for index in range(size):
        values = {
            "姓名": f"社工{index:04d}",
            "身份证号": id_card(index),
            "手机号码": f"138{index:08d}",
            "学历": educations[index % 3],
            "所学专业": "社会工作",
            "社会工作专业": "是" if index % 2 else "否",
            "职业资格": "助理社会工作师" if index % 4 == 0 else None,
            "户籍所在县（市、区）": "攸县" if index % 3 else "茶陵县",
            "驻站站点": townships[index % len(townships)],
            "开户银行": "中国建设银行攸县支行" if index % 2 else "中国工商银行攸县支行",
            "银行账号": f"621700292010{index:07d}",
            "合同开始日期": "2026-01-01",
            "合同结束日期": "2027-12-31",
            "月基本工资": 4000 + index % 40 * 50,
            "津贴补贴": "300",
            "绩效工资": "500.50",
        }
        sheet.append([values.get(name.lstrip("*")) for name in header])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def backend_cpu(cr):
    """CPU seconds of this connection's PostgreSQL backend so far (None where /proc cannot tell)."""
    cr.execute("SELECT pg_backend_pid()")
    try:
        with open(f"/proc/{cr.fetchone()[0]}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def measure(env, hr, provider, content):
    cr = env.cr
    cr.execute("SAVEPOINT sgz_bench")
    env.invalidate_all()
    user_env = env(user=hr.id, context={"lang": "zh_CN", "allowed_company_ids": [provider.id]})
    start_queries = cr.sql_log_count
    start_db = backend_cpu(cr)
    start, start_cpu = time.perf_counter(), time.process_time()
    wizard = user_env["sgz.import.wizard"].create(
        {"kind": "sgz.import.roster", "file": base64.b64encode(content), "file_name": "花名册.xlsx"}
    )
    action = wizard.action_import()
    user_env.flush_all()
    seconds = time.perf_counter() - start
    cpu = time.process_time() - start_cpu
    end_db = backend_cpu(cr)
    db_cpu = end_db - start_db if start_db is not None and end_db is not None else float("nan")
    queries = cr.sql_log_count - start_queries
    count = len(action["params"]["next"]["domain"][0][2])
    cr.execute("ROLLBACK TO SAVEPOINT sgz_bench")
    env.invalidate_all()
    return seconds, cpu, db_cpu, queries, count


def main():
    args = parse_args()
    registry = common.registry(args)
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        try:
            started = time.perf_counter()
            provider, hr, townships = build(env)
            cr.flush()  # the new provider's pending hooks (its chart of accounts) belong to the setup
            content = roster(env, hr, args.size, townships)
            print(
                f"setup: provider, 4 stations, a roster of {args.size} workers ({len(content) / 1024:.0f} KB) "
                f"in {time.perf_counter() - started:.1f} s",
                flush=True,
            )
            # cpu: this Odoo process's own CPU seconds, db: its PostgreSQL backend's (the wall clock also waits,
            # on a shared machine, for the other processes: cpu + db is what the import costs by itself)
            print(
                f"{'workers':>8} {'contracts':>9} {'seconds':>8} {'cpu':>6} {'db':>6} {'workers/s':>9} {'queries':>8}"
            )
            results = []
            for _repeat in range(args.repeat):
                seconds, cpu, db_cpu, queries, count = measure(env, hr, provider, content)
                results.append((seconds, cpu + db_cpu, queries))
                print(
                    f"{args.size:>8} {count:>9} {seconds:>8.2f} {cpu:>6.1f} {db_cpu:>6.1f} {args.size / seconds:>9.0f} "
                    f"{queries:>8}",
                    flush=True,
                )
            median = statistics.median(seconds for seconds, _c, _q in results)
            cpu = statistics.median(cpu for _s, cpu, _q in results)
            queries = statistics.median(queries for _s, _c, queries in results)
            print(
                f"median of {args.repeat} for {args.size} workers: {median:.2f} s, {cpu:.1f} s CPU (Odoo + PostgreSQL) "
                f"({args.size / median:.0f} workers/s, target under 60 s), {queries:.0f} queries",
                flush=True,
            )
            if args.profile:
                import cProfile
                import pstats

                profiler = cProfile.Profile()
                profiler.runcall(measure, env, hr, provider, content)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
