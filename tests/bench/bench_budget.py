"""Benchmark of the budget: the province's execution report and the hard control of posting one bill.

Run it against any database where sgz_budget is installed (one transaction, rolled back at the end, so the
database is left as it was), one Odoo process at a time::

    cd /work/main && /opt/odoo-venv/bin/python tests/bench/bench_budget.py -d budget_dev
    # options: --counties 122 --years 3 --agreements 20 --bills 200 --repeat 5 --odoo /opt/odoo

Set-up (SQL and batched ORM, about a minute): a bench province with 14 cities and ``--counties`` counties, a
budget per county and year with 7 lines (the 7 fund sources), ``--agreements`` agreement-year commitments and
``--bills`` posted vendor bills per county spread over the years (122 × 200 = 24,400 bills: real account.move
rows with their payable line, half of them paid through a partial reconciliation), each bill an actual and a
release row in the ledger.

Measures, each ``--repeat`` times (median printed):
1. the consolidated execution report (one year, "as of" a date) of the province (all counties) and of one city
   (its ~9 counties): seconds and SQL queries — the query count must not depend on the number of counties;
2. the hard control when one more bill is posted on a county: the ledger rows of the bill plus the check
   (lock, figures, exceptions), with 200 bills already posted and with ten times more — the query count must
   not depend on the number of bills already posted.
"""

import datetime
import statistics
import time

import common


def parse_args():
    command_line = common.parser(__doc__)
    command_line.add_argument("--counties", type=int, default=122)
    command_line.add_argument("--years", type=int, default=3)
    command_line.add_argument("--agreements", type=int, default=20)
    command_line.add_argument("--bills", type=int, default=200)
    command_line.add_argument("--repeat", type=int, default=5)
    return common.parse(command_line)


FIRST_YEAR = 2025


def columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name != 'id'",
        (table,),
    )
    return [row[0] for row in cr.fetchall()]


def clone(cr, table, template_id, count, overrides):
    """``count`` copies of one row of ``table``, with ``overrides`` {column: odoo.tools.SQL expression of g, the
    copy's number 1..count}; returns the new ids in order."""
    from odoo.tools import SQL

    cols = columns(cr, table)
    cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s t, generate_series(1, %s) g WHERE t.id = %s ORDER BY g "
            "RETURNING id",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(col) for col in cols),
            SQL(", ").join(overrides.get(col) or SQL.identifier("t", col) for col in cols),
            SQL.identifier(table),
            count,
            template_id,
        )
    )
    return [row[0] for row in cr.fetchall()]


def build(env, args):
    """The bench province, its budgets, commitments and bills; returns (province, counties, funds)."""
    from odoo import Command
    from odoo.tools import SQL

    cr = env.cr
    Company = env["res.company"].with_context(tracking_disable=True)
    cny = env.ref("base.CNY")
    started = time.perf_counter()
    province = Company.create({"name": "基准省民政厅", "sgz_kind": "province", "currency_id": cny.id})
    cities = Company.create(
        [
            {
                "name": f"基准市{i:02d}民政局",
                "sgz_kind": "city",
                "parent_id": province.id,
                "currency_id": cny.id,
            }
            for i in range(14)
        ]
    )
    counties = Company.create(
        [
            {
                "name": f"基准县{i:03d}民政局",
                "sgz_kind": "county",
                "parent_id": cities[i % 14].id,
                "currency_id": cny.id,
            }
            for i in range(args.counties)
        ]
    )
    env["account.chart.template"].try_loading("cn", province, install_demo=False)
    print(f"setup: {1 + 14 + args.counties} companies in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    funds = env["sgz.fund.source"].search([])[:7]
    category = env.ref("sgz_budget.budget_category_service")
    years = [FIRST_YEAR + n for n in range(args.years)]
    Budget = env["sgz.budget"].with_context(tracking_disable=True)
    budgets = Budget.create(
        [
            {
                "company_id": county.id,
                "fiscal_year": year,
                "line_ids": [
                    Command.create({"fund_source_id": fund.id, "category_id": category.id, "amount": 1000000})
                    for fund in funds
                ],
            }
            for county in counties
            for year in years
        ]
    )
    cr.execute("UPDATE sgz_budget SET state = 'approved' WHERE id IN %s", (tuple(budgets.ids),))
    budgets.invalidate_recordset(["state"])
    # what approving each budget writes to the ledger: its amounts
    cr.execute(
        """
        INSERT INTO sgz_budget_entry (name, company_id, fiscal_year, fund_source_id, category_id, date, kind, amount,
                                      budget_id, create_uid, write_uid, create_date, write_date)
        SELECT '基准预算', b.company_id, b.fiscal_year, l.fund_source_id, l.category_id,
               make_date(b.fiscal_year, 1, 1), 'budget', l.amount, b.id, 1, 1, now(), now()
          FROM sgz_budget b JOIN sgz_budget_line l ON l.budget_id = b.id WHERE b.id IN %s
        """,
        (tuple(budgets.ids),),
    )
    print(f"setup: {len(budgets)} budgets in {time.perf_counter() - started:.1f} s", flush=True)

    # one real posted and partly paid bill of the first county: the template of every bill row
    started = time.perf_counter()
    partner = env["res.partner"].create({"name": "基准社工机构"})
    bill = (
        env["account.move"]
        .with_company(counties[0])
        .create(
            {
                "move_type": "in_invoice",
                "company_id": counties[0].id,
                "partner_id": partner.id,
                "invoice_date": f"{FIRST_YEAR}-03-01",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "基准服务",
                            "quantity": 1,
                            "price_unit": 1000,
                            "tax_ids": [Command.clear()],
                            # a bureau pays every bill line from a fund source of its budget
                            "sgz_fund_source_id": env.ref("sgz_base.fund_source_lottery_county").id,
                            "sgz_budget_category_id": category.id,
                        }
                    )
                ],
            }
        )
    )
    bill.action_post()
    wizard = (
        env["account.payment.register"]
        .with_company(counties[0])
        .with_context(active_model="account.move", active_ids=bill.ids)
        .create({"amount": 500, "payment_date": f"{FIRST_YEAR}-03-10"})
    )
    wizard._create_payments()
    payable = bill.line_ids.filtered(lambda line: line.account_id.account_type == "liability_payable")
    partial = payable.matched_debit_ids[:1]
    total = args.counties * args.bills
    county_ids = counties.ids
    # copy g → county g % N, years in blocks of N copies, amount 1,000.00 + g % 97
    county_of = SQL("(%s::int[])[1 + mod(g - 1, %s)]", county_ids, len(county_ids))
    year_of = SQL("(%s + mod((g - 1) / %s, %s))", FIRST_YEAR, len(county_ids), args.years)
    move_date = SQL("make_date(%s::int, 1 + mod(g, 12), 1)", year_of)
    move_ids = clone(
        cr,
        "account_move",
        bill.id,
        total,
        {
            "company_id": county_of,
            "name": SQL("'BENCH/' || g"),
            "amount_total": SQL("1000 + mod(g, 97)"),
            "date": move_date,
            "invoice_date": move_date,
        },
    )
    cr.execute("CREATE TEMP TABLE bench_moves (g int, move_id int) ON COMMIT DROP")
    cr.execute(
        "INSERT INTO bench_moves SELECT n, id FROM unnest(%s::int[]) WITH ORDINALITY AS t(id, n)", (move_ids,)
    )
    line_ids = clone(
        cr,
        "account_move_line",
        payable.id,
        total,
        {"move_id": SQL("(%s::int[])[g]", move_ids), "company_id": county_of},
    )
    half = total // 2
    clone(
        cr,
        "account_partial_reconcile",
        partial.id,
        half,
        {
            "credit_move_id": SQL("(%s::int[])[g]", line_ids[:half]),
            "amount": SQL("(1000 + mod(g, 97)) / 2.0"),
            "max_date": SQL("make_date(%s::int, 1 + mod(g, 12), 15)", year_of),
        },
    )
    print(f"setup: {total} bills (SQL) in {time.perf_counter() - started:.1f} s", flush=True)

    # the ledger: commitments of the agreement years, then an actual and a release per bill
    started = time.perf_counter()
    cr.execute(
        """
        INSERT INTO sgz_budget_entry (name, company_id, fiscal_year, fund_source_id, category_id, date, kind, amount,
                                      create_uid, write_uid, create_date, write_date)
        SELECT '基准协议年度', c, %(first)s + (a %% %(years)s), (%(funds)s::int[])[1 + a %% 7], %(category)s,
               make_date(%(first)s + (a %% %(years)s), 2, 1), 'commitment', 300000, 1, 1, now(), now()
          FROM unnest(%(counties)s::int[]) c, generate_series(1, %(agreements)s) a;
        INSERT INTO sgz_budget_entry (name, company_id, fiscal_year, fund_source_id, category_id, date, kind, amount,
                                      move_id, create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH', m.company_id, EXTRACT(YEAR FROM m.date)::int, (%(funds)s::int[])[1 + b.g %% 7],
               %(category)s, m.date, k.kind,
               CASE WHEN k.kind = 'actual' THEN m.amount_total ELSE -m.amount_total END, m.id, 1, 1, now(), now()
          FROM bench_moves b JOIN account_move m ON m.id = b.move_id,
               (VALUES ('actual'), ('release')) k(kind);
        ANALYZE sgz_budget_entry;
        """,
        {
            "budgets": tuple(budgets.ids),
            "first": FIRST_YEAR,
            "years": args.years,
            "funds": funds.ids,
            "category": category.id,
            "counties": county_ids,
            "agreements": args.agreements,
        },
    )
    cr.execute("SELECT count(*) FROM sgz_budget_entry WHERE company_id IN %s", (tuple(county_ids),))
    print(
        f"setup: {cr.fetchone()[0]} ledger rows in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    env.invalidate_all()
    return province, counties, funds, category, partner


def measure(env, func):
    cr = env.cr
    cr.execute("SAVEPOINT sgz_bench")
    env.invalidate_all()
    env.registry.clear_cache()
    before = cr.sql_log_count
    started = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - started
    queries = cr.sql_log_count - before
    cr.execute("ROLLBACK TO SAVEPOINT sgz_bench")
    env.invalidate_all()
    return seconds, queries, result


def report_run(env, company, year):
    def run():
        report = env["sgz.budget.report"].create(
            {
                "company_id": company.id,
                "fiscal_year": year,
                "scope": "consolidated",
                "date_as_of": f"{year}-12-31",
            }
        )
        return len(report._sgz_rows())

    return run


def control_run(env, county, fund, category, year):
    """The ledger rows of one more posted bill and the hard control (what posting adds to Odoo's own work)."""

    def run():
        Entry = env["sgz.budget.entry"]
        entries = Entry._sgz_record(
            [
                {
                    "name": "BENCH-NEW",
                    "kind": "actual",
                    "company_id": county.id,
                    "fiscal_year": year,
                    "fund_source_id": fund.id,
                    "category_id": category.id,
                    "date": datetime.date(year, 6, 1),
                    "amount": 1234.56,
                }
            ]
        )
        Entry._sgz_check(entries, env["account.move"])
        return 1

    return run


def post_run(env, county, fund, category, partner, year):
    """A whole vendor bill posting (Odoo's accounting plus the budget)."""
    from odoo import Command

    def run():
        bill = (
            env["account.move"]
            .with_company(county)
            .create(
                {
                    "move_type": "in_invoice",
                    "company_id": county.id,
                    "partner_id": partner.id,
                    "invoice_date": f"{year}-06-01",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "新账单",
                                "quantity": 1,
                                "price_unit": 1234.56,
                                "tax_ids": [Command.clear()],
                                "sgz_fund_source_id": fund.id,
                                "sgz_budget_category_id": category.id,
                            }
                        )
                    ],
                }
            )
        )
        env.flush_all()
        before = env.cr.sql_log_count
        bill.action_post()
        return env.cr.sql_log_count - before

    return run


def main():
    args = parse_args()
    registry = common.registry(args)
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "zh_CN", "tracking_disable": True})
        try:
            province, counties, funds, category, partner = build(env, args)
            year = FIRST_YEAR + 1
            print(f"\n1. province execution report, {year}, consolidated over the counties")
            print(f"{'counties':>9} {'seconds':>8} {'queries':>8}")
            city = counties[0].parent_id
            for label, company in (
                (len(counties), province),
                (len(counties.filtered(lambda c: c.parent_id == city)), city),
            ):
                results = [measure(env, report_run(env, company, year)) for _repeat in range(args.repeat)]
                for seconds, queries, _rows in results:
                    print(f"{label:>9} {seconds:>8.3f} {queries:>8}", flush=True)
                print(
                    f"median of {args.repeat} for {label} counties: "
                    f"{statistics.median(r[0] for r in results):.3f} s, "
                    f"{statistics.median(r[1] for r in results):.0f} queries",
                    flush=True,
                )
            print("\n2. hard control of one more bill on a county")
            county = counties[0]
            fund = funds.filtered(lambda f: f.category != "lottery")[:1] or funds[:1]
            for extra in (0, 9 * args.bills):
                if extra:
                    cr.execute(
                        """
                        INSERT INTO sgz_budget_entry (name, company_id, fiscal_year, fund_source_id, category_id,
                                                      date, kind, amount, create_uid, write_uid, create_date,
                                                      write_date)
                        SELECT 'BENCH-MORE', %s, %s, %s, %s, make_date(%s, 3, 1), k.kind,
                               CASE WHEN k.kind = 'actual' THEN 10 ELSE -10 END, 1, 1, now(), now()
                          FROM generate_series(1, %s) g, (VALUES ('actual'), ('release')) k(kind);
                        ANALYZE sgz_budget_entry;
                        """,
                        (county.id, year, fund.id, category.id, year, extra),
                    )
                cr.execute(
                    "SELECT count(*) FROM sgz_budget_entry WHERE company_id = %s AND kind = 'actual'",
                    (county.id,),
                )
                posted = cr.fetchone()[0]
                checks = [
                    measure(env, control_run(env, county, fund, category, year)) for _r in range(args.repeat)
                ]
                posts = [
                    measure(env, post_run(env, county, fund, category, partner, year))
                    for _r in range(args.repeat)
                ]
                print(
                    f"{posted:>6} bills already posted on the county: check {statistics.median(c[0] for c in checks) * 1000:.1f} ms, "
                    f"{statistics.median(c[1] for c in checks):.0f} queries (all runs: {[c[1] for c in checks]}); "
                    f"whole posting {statistics.median(p[0] for p in posts) * 1000:.0f} ms, "
                    f"{statistics.median(p[2] for p in posts):.0f} queries in action_post",
                    flush=True,
                )
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
