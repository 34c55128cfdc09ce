"""Load with writes (``make load``): twenty clients of mixed roles for 60 s against the multi-process server.

    scripts/load                       # installs a demo database, prepares it, serves it, loads it, drops it
    scripts/load --db sgz_load --keep  # reuse a database where this script already ran its preparation

The server runs the production profile (``deploy/odoo.production.conf``: proxy mode, memory and time limits, one
cron thread, no database list) with ``--workers 4`` on a loopback port; only the database differs: the demo
database, so that every role has its documents to work on, plus what the preparation adds in one transaction:
two providers of 200 workers under contract with a draft payroll run each (bench_payroll's builder) and their HR
users, and 400 budget transfers of 长沙县民政局 submitted for approval.

The clients (threads, each logged in as its own user over JSON-RPC, ``/jsonrpc`` ``execute_kw``):
  2 provider HR        recompute their draft run of 200 workers
  2 county finance     open the execution report (create, compute, read its lines)
  3 county finance     post a vendor bill of 12.34 on the training line
  2 county approvers   approve the next pending transfer (each its own half of the queue)
  6 provider HR        record an activity of their station
  5 officers           open the dashboards (coverage, activities by month, stations): county, city, province
Printed: per kind of call its count, throughput, p50/p95/max latency and errors; then the check that nothing was
lost or duplicated: the bills, activities and approvals the database holds against what the clients say they did.
Targets: 0 errors, p95 under 1 s for reads and under 3 s for writes. Exit status 1 when a record is lost or
duplicated or a call failed.
"""

import argparse
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "tests", "http"))
from server import OdooServer, free_port  # noqa: E402

MODULES = "sgz_base,sgz_procurement,sgz_budget,sgz_hr,sgz_reporting"
TAG = "压测"  # marks what the clients create, to count it afterwards
READS = {"execution report", "dashboard"}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="a demo database already prepared by this script (with --keep)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="seconds a client waits between two calls, on average (0: each client calls again at once)",
    )
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--count", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--odoo", default=os.environ.get("ODOO_PATH", "/opt/odoo"))
    return parser.parse_args()


# ---------------------------------------------------------------------------------------------- preparation
@contextlib.contextmanager
def odoo_env(database, odoo_path):
    """The superuser's environment on ``database``, inside Odoo's Python (committed by the caller)."""
    sys.path.insert(0, odoo_path)
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    addons = f"{odoo_path}/addons,{odoo_path}/odoo/addons,{REPO}/addons"
    odoo.tools.config.parse_config(["--addons-path", addons, "-d", database, "--log-level", "warn"])
    with Registry(database).cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {"lang": "zh_CN", "tracking_disable": True})


def prepare(database, odoo_path):
    """Runs inside Odoo's Python: the data the clients work on, committed; prints the plan as JSON."""
    sys.path.insert(0, HERE)
    from bench_payroll import build

    with odoo_env(database, odoo_path) as env:
        from odoo import Command

        cr = env.cr
        plan = env["ir.config_parameter"].get_param("sgz.load.plan")
        if plan:
            print(plan)
            return
        runs, hr_logins = [], []
        for tag in ("91", "92"):
            provider = build(env, 200, tag)
            login = f"load_hr_{tag}"
            env["res.users"].create(
                {
                    "name": f"压测人事{tag}",
                    "login": login,
                    "password": login,
                    "company_id": provider.id,
                    "company_ids": [Command.set(provider.ids)],
                    "groups_id": [Command.set(env.ref("sgz_base.sgz_base_group_provider_hr").ids)],
                    "lang": "zh_CN",
                    "tz": "Asia/Shanghai",
                }
            )
            run = env["sgz.payroll.run"].create({"company_id": provider.id, "date_from": "2025-01-01"})
            run.action_generate()
            runs.append(run.id)
            hr_logins.append(login)
        county = env.ref("sgz_base.company_changsha_county")
        finance = env.ref("sgz_base.user_county_finance")
        budget = env.ref("sgz_budget.budget_changsha_county_2026")
        lines = budget.line_ids
        lottery = env.ref("sgz_base.fund_source_lottery_county")
        training = env.ref("sgz_budget.budget_category_training")
        source = lines.filtered(lambda line: line.fund_source_id == lottery)[:1]
        target = lines.filtered(lambda line: line.category_id == training)[:1]
        as_finance = env(user=finance, context=dict(env.context, allowed_company_ids=county.ids))
        transfers = as_finance["sgz.budget.transfer"].create(
            [
                {
                    "budget_id": budget.id,
                    "source_line_id": source.id,
                    "target_line_id": target.id,
                    "amount": 1,
                    "date": "2026-11-30",
                    "reason": f"{TAG}调剂{index}",
                }
                for index in range(400)
            ]
        )
        transfers.action_submit()
        plan = json.dumps(
            {
                "runs": runs,
                "hr_logins": hr_logins,
                "county": county.id,
                "partner": env.ref("sgz_base.company_provider_xingsha").partner_id.id,
                "fund": env.ref("sgz_base.fund_source_relief_work").id,
                "category": training.id,
                "station": env.ref("sgz_base.station_xingsha").id,
                "area": env.ref("sgz_base.service_area_community").id
                if env.ref("sgz_base.service_area_community", raise_if_not_found=False)
                else env.ref("sgz_base.service_area_assistance").id,
                "beneficiary_category": env.ref("sgz_reporting.beneficiary_category_lonely_elderly").id,
                "transfers": transfers.ids,
            }
        )
        env["ir.config_parameter"].set_param("sgz.load.plan", plan)
        cr.commit()
        print(plan)


# ---------------------------------------------------------------------------------------------- the clients
class Rpc:
    """One user over ``/jsonrpc`` (``common.login`` once, then ``object.execute_kw``)."""

    def __init__(self, url, db, login, password=None):
        self.url, self.db, self.password = url, db, password or login
        self.uid = self._call("common", "login", db, login, self.password)
        if not self.uid:
            raise RuntimeError(f"{login} cannot log in")

    def _call(self, service, method, *args):
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"service": service, "method": method, "args": args},
            }
        ).encode()
        request = urllib.request.Request(
            f"{self.url}/jsonrpc", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=120) as answer:
            reply = json.loads(answer.read())
        if "error" in reply:
            data = reply["error"].get("data") or {}
            raise RuntimeError(f"{data.get('name')}: {data.get('message')}")
        return reply["result"]

    def __call__(self, model, method, *args, **kwargs):
        context = {"lang": "zh_CN", "tz": "Asia/Shanghai"}
        kwargs = {**kwargs, "context": {**context, **kwargs.get("context", {})}}
        return self._call(
            "object", "execute_kw", self.db, self.uid, self.password, model, method, list(args), kwargs
        )


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.calls = {}  # kind → [(seconds, error or None)]
        self.done = {"bills": 0, "activities": 0, "approvals": 0}

    def time(self, kind, func):
        """Runs ``func``, records its latency; returns (True, its result) or (False, None) when it failed."""
        started = time.perf_counter()
        error = None
        try:
            return True, func()
        except Exception as exc:  # every failure is counted and shown
            error = str(exc)[:300]
            return False, None
        finally:
            with self.lock:
                self.calls.setdefault(kind, []).append((time.perf_counter() - started, error))


# One operation of each kind: (rpc, plan, client index, the client's state) → what it did, for the count.
def payroll(rpc, plan, index, _state):
    rpc("sgz.payroll.run", "action_compute", [plan["runs"][index % len(plan["runs"])]])


def execution_report(rpc, plan, _index, _state):
    report = rpc("sgz.budget.report", "create", {"company_id": plan["county"], "fiscal_year": 2026})
    rpc("sgz.budget.report", "action_compute", [report])
    rpc("sgz.budget.report.line", "search_read", [("report_id", "=", report)], ["allocated", "actual"])


def post_bill(rpc, plan, index, _state):
    county = {"allowed_company_ids": [plan["county"]]}
    line = {
        "name": f"{TAG}服务费",
        "quantity": 1,
        "price_unit": 12.34,
        "tax_ids": [(5, 0, 0)],
        "sgz_fund_source_id": plan["fund"],
        "sgz_budget_category_id": plan["category"],
    }
    bill = rpc(
        "account.move",
        "create",
        {
            "move_type": "in_invoice",
            "partner_id": plan["partner"],
            "invoice_date": "2026-11-30",
            "ref": f"{TAG}-{index}-{random.randrange(10**9)}",
            "invoice_line_ids": [(0, 0, line)],
        },
        context=county,
    )
    rpc("account.move", "action_post", [bill], context=county)
    return "bills"


def approve(rpc, plan, index, state):
    """The next transfer of this approver's half of the queue; the dashboards once the queue is empty."""
    if "queue" not in state:
        pending = rpc(
            "sgz.budget.transfer", "search", [("id", "in", plan["transfers"]), ("state", "!=", "confirmed")]
        )
        state["queue"] = [transfer for transfer in pending if transfer % 2 == index % 2]
    if not state["queue"]:
        return dashboard(rpc, plan, index, state)
    rpc("sgz.budget.transfer", "action_sgz_approve", [state["queue"].pop(0)])
    return "approvals"


def activity(rpc, plan, index, _state):
    values = {
        "name": f"{TAG}社区活动{index}",
        "activity_type": "community",
        "date": "2026-12-01",
        "station_id": plan["station"],
        "service_area_id": plan["area"],
        "person_times": 12,
        "duration": 1.5,
        "category_ids": [(6, 0, [plan["beneficiary_category"]])],
    }
    rpc("sgz.activity", "create", values)
    return "activities"


def dashboard(rpc, _plan, _index, _state):
    rpc("sgz.coverage", "search_read", [], ["region_id", "townships", "stations", "coverage"], limit=80)
    groups = ["month:month", "activity_type"]
    rpc("sgz.activity.stat", "read_group", [], ["activity_count:sum", "person_times:sum"], groups, lazy=False)
    rpc("sgz.station.coverage", "search_read", [], ["station_id"], limit=80)


KINDS = {
    payroll: "payroll recompute (200 workers)",
    execution_report: "execution report",
    post_bill: "post bill",
    approve: "approve",
    activity: "record activity",
    dashboard: "dashboard",
}


def clients(plan):
    """(login, operation) of the twenty clients."""
    hr = plan["hr_logins"]
    return (
        [(hr[0], payroll), (hr[1], payroll)]
        + [("finance", execution_report)] * 2
        + [("finance", post_bill)] * 3
        + [("approver", approve)] * 2
        + [("hr", activity)] * 6
        + [("county", dashboard)] * 2
        + [("city", dashboard)] * 2
        + [("admin", dashboard)]
    )


def work(rpc, plan, index, operation, recorder, stop, once=False, think=0.0):
    """One client: its operation again and again until ``stop`` (or once), ``think`` seconds apart on average."""
    state = {}
    while not stop.is_set():
        if think and stop.wait(random.uniform(0.5, 1.5) * think):
            return
        kind = (
            KINDS[operation] if not (operation is approve and state.get("queue") == []) else KINDS[dashboard]
        )
        ok, did = recorder.time(kind, lambda: operation(rpc, plan, index, state))
        if ok and did:
            with recorder.lock:
                recorder.done[did] += 1
        if once:
            return


# ---------------------------------------------------------------------------------------------- the server
def production_conf(server, workers):
    """deploy/odoo.production.conf with this run's values (the demo database, loopback, ``workers``)."""
    with open(os.path.join(REPO, "deploy", "odoo.production.conf"), encoding="utf-8") as handle:
        text = handle.read()
    values = {
        "SGZ_ADMIN_PASSWD": "load-test-master-password",
        "PGHOST": os.environ.get("PGHOST", "False"),
        "PGPORT": os.environ.get("PGPORT", "False"),
        "PGUSER": os.environ.get("PGUSER", "False"),
        "PGPASSWORD": os.environ.get("PGPASSWORD", "False"),
        "SGZ_REPLICA_HOST": "False",
        "SGZ_DB": server.db,
        "SGZ_HTTP_INTERFACE": "127.0.0.1",
        "SGZ_WORKERS": str(workers),
    }
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    text = text.replace("http_port = 8069", f"http_port = {server.port}")
    text = text.replace("gevent_port = 8072", f"gevent_port = {free_port()}")
    text = text.replace("log_level = info", "log_level = warn")
    path = os.path.join(tempfile.gettempdir(), f"{server.db}.conf")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(recorder, alone, warm, seconds):
    print(
        f"\n{'kind of call':<34}{'alone s':>8}{'calls':>7}{'per s':>7}{'p50 s':>8}{'p95 s':>8}{'max s':>8}{'errors':>7}"
    )
    errors = 0
    for kind, calls in sorted(recorder.calls.items()):
        times = [elapsed for elapsed, _error in calls]
        before = alone.calls.get(kind, []) + warm.calls.get(kind, [])
        failed = [error for _elapsed, error in calls + before if error]
        errors += len(failed)
        baseline = statistics.median([elapsed for elapsed, _error in alone.calls.get(kind, [(0, None)])])
        target = 1.0 if kind in READS else 3.0
        p95 = percentile(times, 0.95)
        flag = "" if p95 < target else f"  (p95 above {target:.0f} s)"
        print(
            f"{kind:<34}{baseline:>8.3f}{len(calls):>7}{len(calls) / seconds:>7.2f}{statistics.median(times):>8.3f}"
            f"{p95:>8.3f}{max(times):>8.3f}{len(failed):>7}{flag}"
        )
        for error in sorted(set(failed))[:3]:
            print(f"    {error}")
    total = sum(len(calls) for calls in recorder.calls.values())
    print(f"all: {total} calls in {seconds:.0f} s, {total / seconds:.1f} per s, {errors} errors")
    return errors


def count(database, odoo_path):
    """Runs inside Odoo's Python: what the clients' records are in the database, as JSON."""
    with odoo_env(database, odoo_path) as env:
        plan = json.loads(env["ir.config_parameter"].get_param("sgz.load.plan"))
        bills = env["account.move"].search([("ref", "like", f"{TAG}-"), ("state", "=", "posted")])
        entries = env["sgz.budget.entry"].search([("move_id", "in", bills.ids), ("kind", "=", "actual")])
        transfers = env["sgz.budget.transfer"].browse(plan["transfers"])
        print(
            json.dumps(
                {
                    "bills": len(bills),
                    "total": round(sum(bills.mapped("amount_total")), 2),
                    "ledger": round(sum(entries.mapped("amount")), 2),
                    "activities": env["sgz.activity"].search_count([("name", "like", f"{TAG}社区活动")]),
                    "approved": len(transfers.filtered(lambda transfer: transfer.state == "confirmed")),
                    "transfer_entries": env["sgz.budget.entry"].search_count(
                        [("transfer_id", "in", transfers.ids)]
                    ),
                }
            )
        )


def in_odoo(option, database, odoo_path):
    """``load.py --prepare`` or ``--count`` in Odoo's Python; its last line of output, as JSON."""
    python = os.environ.get("ODOO_PYTHON", sys.executable)
    done = subprocess.run(
        [python, __file__, option, "--db", database, "--odoo", odoo_path],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{option} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def check(database, odoo_path, recorder, before):
    """What the database holds against what the clients say they did (``before``: the counts before the load)."""
    after = in_odoo("--count", database, odoo_path)
    found = {key: round(after[key] - before[key], 2) for key in after}
    said = recorder.done
    total = round(12.34 * said["bills"], 2)
    rows = (
        ("posted bills", found["bills"], said["bills"]),
        ("their total", found["total"], total),
        ("their ledger rows", found["ledger"], total),
        ("activities", found["activities"], said["activities"]),
        ("approved transfers", found["approved"], said["approvals"]),
        ("transfers' ledger rows", found["transfer_entries"], 2 * said["approvals"]),
    )
    print(f"\n{'record':<22}{'in the database':>16}{'the clients said':>18}")
    good = True
    for label, found, expected in rows:
        good &= found == expected
        print(f"{label:<22}{found:>16}{expected:>18}{'' if found == expected else '  MISMATCH'}")
    return good


def main():
    args = parse_args()
    if args.prepare:
        prepare(args.db, args.odoo)
        return 0
    if args.count:
        count(args.db, args.odoo)
        return 0
    server = OdooServer(db=args.db or f"sgz_load_{os.getpid()}", log=None)
    if not args.db:
        started = time.monotonic()
        server.install(demo=True)
        print(f"install (demo data): {time.monotonic() - started:.0f} s", flush=True)
    started = time.monotonic()
    plan = in_odoo("--prepare", server.db, args.odoo)
    before = in_odoo("--count", server.db, args.odoo)
    print(
        f"prepare: 2 × 200 workers, draft runs, {len(plan['transfers'])} transfers: {time.monotonic() - started:.0f} s"
    )
    server.start(config=production_conf(server, args.workers))
    print(
        f"server: {server.url}, --workers {args.workers}, the production profile; log {server.log_path}",
        flush=True,
    )
    recorder, alone, warm = Recorder(), Recorder(), Recorder()
    alone.done = warm.done = recorder.done  # what the warm-up and the baseline do counts too
    stop = threading.Event()
    try:
        sessions = [(Rpc(server.url, server.db, login), operation) for login, operation in clients(plan)]
        # the baseline: each kind of call alone on the idle server, three times, after a warm-up of each worker
        firsts = {operation: (index, rpc) for index, (rpc, operation) in reversed(list(enumerate(sessions)))}
        for recording, times in ((warm, args.workers), (alone, 3)):
            for operation, (index, rpc) in firsts.items():
                for _time in range(times):
                    work(rpc, plan, index, operation, recording, stop, once=True)
        threads = [
            threading.Thread(
                target=work, args=(rpc, plan, index, operation, recorder, stop), kwargs={"think": args.think}
            )
            for index, (rpc, operation) in enumerate(sessions)
        ]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=180)
        elapsed = time.monotonic() - began
        print(f"{len(threads)} clients for {elapsed:.0f} s, {args.think:g} s between two calls of a client")
        errors = report(recorder, alone, warm, elapsed)
        good = check(server.db, args.odoo, recorder, before)
    finally:
        stop.set()
        server.stop()
        if not args.keep and not args.db:
            server.drop()
    return 0 if good and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
