"""Benchmark of printing a payroll run's payslips (wkhtmltopdf): 50 payslips in one document, against one
wkhtmltopdf run per payslip merged afterwards (the way it printed before, 5.8 s for four).

Run it against a database where sgz_hr is installed (the workers and the run are rolled back)::

    cd /work/main && /opt/odoo-venv/bin/python tests/bench/bench_payslip_pdf.py -d hr_dev
    # options: --size 50 --repeat 3 --odoo /opt/odoo --addons-path <path,…>

wkhtmltopdf fetches the report's style sheets over HTTP, so the benchmark starts an Odoo server on a free
loopback port against the same database for the time of the run. It prints the seconds (median of the
repeats), the pages and the seconds per payslip of each way. Figures are printed, never asserted.
"""

import datetime
import os
import socket
import statistics
import subprocess
import sys
import time

import common
from bench_payroll import build


def parse_args():
    command_line = common.parser(__doc__)
    command_line.add_argument("--size", type=int, default=50)
    command_line.add_argument("--repeat", type=int, default=3)
    return common.parse(command_line)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args, port):
    server = subprocess.Popen(
        [
            sys.executable,
            os.path.join(args.odoo, "odoo-bin"),
            "--addons-path",
            args.addons_path,
            "-d",
            args.database,
            "--db-filter",
            f"^{args.database}$",
            "--http-interface",
            "127.0.0.1",
            "--http-port",
            str(port),
            "--log-level",
            "warn",
            "--max-cron-threads",
            "0",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _attempt in range(120):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the Odoo server did not start")


def pages(pdf):
    import io

    from odoo.tools.pdf import PdfFileReader

    return len(PdfFileReader(io.BytesIO(pdf)).pages)


def one_document(report, payslips):
    return report._render_qweb_pdf(report.report_name, payslips.ids)[0]


def one_per_payslip(report, payslips):
    from odoo.tools.pdf import merge_pdf

    return merge_pdf([report._render_qweb_pdf(report.report_name, [payslip.id])[0] for payslip in payslips])


def main():
    args = parse_args()
    registry = common.registry(args)
    from odoo import SUPERUSER_ID, api

    port = free_port()
    server = start_server(args, port)
    try:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": "zh_CN"})
            try:
                provider = build(env, args.size, "77")
                run = env["sgz.payroll.run"].create(
                    {"company_id": provider.id, "date_from": datetime.date(2025, 1, 1)}
                )
                run.action_generate()
                run.action_compute()
                env.flush_all()
                env["ir.config_parameter"].set_param("report.url", f"http://127.0.0.1:{port}")
                report = env.ref("sgz_hr.action_report_sgz_payslip").with_context(force_report_rendering=True)
                payslips = run.payslip_ids
                print(f"{'way':<22} {'payslips':>8} {'pages':>6} {'seconds':>8} {'s/payslip':>9}")
                medians = {}
                for name, way, repeat in (
                    ("one document", one_document, args.repeat),
                    ("one run per payslip", one_per_payslip, 1),
                ):
                    timings = []
                    for _repeat in range(repeat):
                        start = time.perf_counter()
                        pdf = way(report, payslips)
                        timings.append(time.perf_counter() - start)
                        print(
                            f"{name:<22} {len(payslips):>8} {pages(pdf):>6} {timings[-1]:>8.2f} "
                            f"{timings[-1] / len(payslips):>9.3f}",
                            flush=True,
                        )
                    medians[name] = statistics.median(timings)
                print(
                    f"median: {len(payslips)} payslips in {medians['one document']:.2f} s as one document "
                    f"(of {args.repeat}), {medians['one run per payslip']:.2f} s one run per payslip: "
                    f"{medians['one run per payslip'] / medians['one document']:.1f}× faster",
                    flush=True,
                )
            finally:
                cr.rollback()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
