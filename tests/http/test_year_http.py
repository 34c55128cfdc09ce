"""The program year over real HTTP, then the collisions: run by scripts/test after Odoo's own tests.

    /opt/odoo-venv/bin/python tests/http/test_year_http.py

Starts its own server (tests/http/server.py), runs each step as one test, prints "http: N passed, N failed" and
the durations; a failed step fails the steps after it (they build on it). Exit status 0 only when all passed."""

import json
import os
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from collisions import Collisions
from server import OdooServer
from year import Year


def steps(year):
    collisions = Collisions(year)
    return [
        ("setup", year.setup),
        ("budget and plan", year.budget_and_plan),
        ("procurement", year.procurement),
        ("hiring", year.hiring),
        ("the months of 2026", year.year_months),
        ("year end and renewal", year.year_end),
        ("figures", year.figures),
        ("collision: payroll run", collisions.payroll_run),
        ("collision: tender approval", collisions.tender_approval),
        ("collision: bills over a budget line", collisions.bills_over_line),
        ("collision: brief and activity", collisions.brief_and_activity),
    ]


def snapshot(server, year, index):
    """(working on the tests) a copy of the database and of the ids after a step, for SGZ_HTTP_RESUME."""
    server.stop()
    subprocess.run(["dropdb", "--if-exists", f"{server.db}_snap{index}"], check=True)
    subprocess.run(["createdb", "-T", server.db, f"{server.db}_snap{index}"], check=True)
    with open(f"/tmp/{server.db}_{index}.json", "w", encoding="utf-8") as handle:
        json.dump({"ids": year.ids, "logins": list(year.users)}, handle)
    server.start()
    for client in year.users.values():
        client.login()


def main():
    started = time.monotonic()
    passed = failed = 0
    server = OdooServer(db=os.environ.get("SGZ_HTTP_DB"))
    try:
        server.install()
        print(
            f"http: database {server.db} installed without demo data in {server.install_seconds:.0f} s",
            flush=True,
        )
        server.start()
        year = Year(server)
        todo = steps(year)
        resume = os.environ.get("SGZ_HTTP_RESUME")  # working on the tests: start after this step's snapshot
        if resume:
            with open(
                f"/tmp/{server.db}_{os.environ['SGZ_HTTP_TEMPLATE'].rpartition('snap')[2]}.json",
                encoding="utf-8",
            ) as handle:
                state = json.load(handle)
            year.resume(state["ids"], state["logins"])
            todo = todo[[name for name, _step in todo].index(resume) + 1 :]
            done = len(steps(year)) - len(todo)
        else:
            done = 0
        for index, (name, step) in enumerate(todo):
            year.step = name
            t0 = time.monotonic()
            try:
                step()
                year.check_refusals(name)
            except Exception:
                traceback.print_exc()
                print(f"FAIL: http {name} ({time.monotonic() - t0:.1f} s)", flush=True)
                failed += len(todo) - index
                break
            passed += 1
            print(f"ok: http {name} ({time.monotonic() - t0:.1f} s)", flush=True)
            if os.environ.get("SGZ_HTTP_SNAPSHOT"):
                snapshot(server, year, done + index)
    except Exception:
        traceback.print_exc()
        failed += 1
    finally:
        server.stop()
        server.drop()
    print(f"http: server log {server.log_path}; total {time.monotonic() - started:.0f} s", flush=True)
    print(f"http: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
