"""A real Odoo server for the HTTP tests: a fresh database without demo data, every sgz addon installed, then
``--workers 2`` on a free loopback port; stopped and dropped at the end.

    with OdooServer() as server:      # installs, starts, waits for /web/health
        server.url, server.db, server.set_clock("2026-01-05 09:00")

SGZ_HTTP_TEMPLATE=<database> copies an installed database instead of installing (for working on the tests; the
runner of scripts/test always installs)."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo")
PYTHON = os.environ.get("ODOO_PYTHON", sys.executable)
MODULES = "sgz_base,sgz_procurement,sgz_budget,sgz_hr,sgz_reporting"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def db_args():
    """--db_host and friends from the usual libpq variables, as scripts/common.sh passes them."""
    args = []
    for variable, option in (
        ("PGHOST", "--db_host"),
        ("PGPORT", "--db_port"),
        ("PGUSER", "--db_user"),
        ("PGPASSWORD", "--db_password"),
    ):
        if os.environ.get(variable):
            args += [option, os.environ[variable]]
    return args


class OdooServer:
    def __init__(self, db=None, log=None):
        self.db = db or f"sgz_http_{os.getpid()}"
        self.log_path = (
            log or os.environ.get("SGZ_HTTP_LOG") or os.path.join(tempfile.gettempdir(), f"{self.db}.log")
        )
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.clock = os.path.join(tempfile.gettempdir(), f"{self.db}.clock")
        self.process = None
        self.install_seconds = 0.0
        self.data_dir = tempfile.mkdtemp(prefix="sgz-http-data-")

    def _odoo(self):
        odoo_addons = os.environ.get("SGZ_ODOO_ADDONS") or f"{ODOO_PATH}/addons,{ODOO_PATH}/odoo/addons"
        addons = f"{odoo_addons},{REPO}/addons"
        return [
            PYTHON,
            os.path.join(HERE, "odoo_clock.py"),
            *db_args(),
            "--addons-path",
            addons,
            "--data-dir",
            self.data_dir,
            "-d",
            self.db,
            "--db-filter",
            f"^{self.db}$",
        ]

    def install(self, demo=False):
        started = time.monotonic()
        subprocess.run(["dropdb", "--if-exists", self.db], check=True, capture_output=True)
        template = os.environ.get("SGZ_HTTP_TEMPLATE")
        with open(self.log_path, "a", encoding="utf-8") as log:
            if template:
                subprocess.run(["createdb", "-T", template, self.db], check=True, stdout=log, stderr=log)
            else:
                subprocess.run(["createdb", self.db], check=True, stdout=log, stderr=log)
                command = self._odoo() + [
                    "-i",
                    MODULES,
                    *([] if demo else ["--without-demo=all"]),
                    "--load-language",
                    "zh_CN",
                    "--stop-after-init",
                    "--http-port",
                    str(self.port),
                    "--log-level",
                    "warn",
                ]
                done = subprocess.run(command, stdout=log, stderr=log, cwd=REPO, check=False)
                if done.returncode:
                    raise RuntimeError(
                        f"the installation failed (exit {done.returncode}); see {self.log_path}"
                    )
        self.install_seconds = time.monotonic() - started

    def start(self, workers=2, config=None):
        """Serves the database with ``workers`` HTTP workers (and the options of the ``config`` file, if any)."""
        self.set_clock(None)
        # a configuration file (the production profile) keeps its limits, cron threads and log level
        own = [
            "--max-cron-threads",
            "0",
            "--limit-time-real",
            "600",
            "--limit-time-cpu",
            "300",
            "--log-level",
            "warn",
        ]
        command = (
            self._odoo()
            + (["-c", config] if config else own)
            + [
                "--workers",
                str(workers),
                "--http-interface",
                "127.0.0.1",
                "--http-port",
                str(self.port),
                "--gevent-port",
                str(free_port()),
            ]
        )
        env = dict(os.environ, SGZ_HTTP_CLOCK=self.clock, ODOO_PATH=ODOO_PATH)
        log = open(self.log_path, "a", encoding="utf-8")
        self.process = subprocess.Popen(
            command, stdout=log, stderr=log, cwd=REPO, env=env, start_new_session=True
        )
        self._log = log
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the server stopped at start (exit {self.process.returncode}); see {self.log_path}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/web/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"the server did not answer /web/health within 60 s; see {self.log_path}")

    def set_clock(self, moment):
        """Moves the server's clock to ``moment`` (``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM``, Beijing time), or
        back to the real time with None. Written atomically; the workers follow it at their next request."""
        text = ""
        if moment:
            from datetime import datetime, timedelta

            value = datetime.fromisoformat(moment if " " in moment else f"{moment} 10:00")
            text = (value - timedelta(hours=8)).isoformat()
        temporary = f"{self.clock}.tmp"
        with open(temporary, "w", encoding="ascii") as handle:
            handle.write(text)
        os.replace(temporary, self.clock)
        # the mtime must change even when two moves fall in the same clock tick
        now = time.time_ns()
        os.utime(self.clock, ns=(now, now))

    def stop(self):
        if self.process and self.process.poll() is None:
            # the server and its children (workers, the gevent process): a group of their own
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process:
            self._log.close()

    def drop(self):
        if not os.environ.get("SGZ_KEEP_DB"):
            subprocess.run(["dropdb", "--if-exists", self.db], check=False, capture_output=True)
        for path in (self.clock,):
            if os.path.exists(path):
                os.unlink(path)

    def __enter__(self):
        self.install()
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        self.drop()
