"""Odoo's own command line (what ``odoo-bin`` runs), with a clock the test moves.

The program year plays over twelve months in a few minutes, so the server's clock is the test's: before each
request a worker reads the date in the file named by ``SGZ_HTTP_CLOCK`` (an ISO datetime, UTC) and, when it
changed, moves its clock there; the clock then runs on from that moment. Python's time is moved with freezegun,
which the addons' own tests use for the same purpose, and the transaction's timestamp (``cr.now()``, which stamps
create_date and write_date) follows it, as it does in Odoo's test cursor. Passwords are hashed with fewer rounds.
Nothing else differs from a production start: the same addons, prefork workers, real sockets, real sessions and
access rights.

Usage: python odoo_clock.py <odoo-bin arguments>   (ODOO_PATH: the Odoo source tree, default /opt/odoo)
"""

import datetime
import logging  # noqa: F401 - before the clock: logging.Formatter keeps time.localtime as a class attribute
import os
import sys

import freezegun
from freezegun.api import real_datetime

CLOCK = os.environ.get("SGZ_HTTP_CLOCK", "")
# (a bound method: freezegun replaces every module attribute that *is* the real datetime class, even this one's)
_real_now = real_datetime.now
_factory = freezegun.freeze_time(real_datetime.now(datetime.UTC).replace(tzinfo=None), tick=True).start()
_seen = {"stamp": None}


def follow_clock():
    """Moves this process's clock to the file's date when the file changed since the last request."""
    try:
        stamp = os.stat(CLOCK).st_mtime_ns
    except OSError:
        return
    if stamp == _seen["stamp"]:
        return
    _seen["stamp"] = stamp
    with open(CLOCK, encoding="ascii") as handle:
        text = handle.read().strip()
    if text:
        _factory.time_to_freeze = datetime.datetime.fromisoformat(text)
        _factory.start = _real_now()


def main():
    sys.path.insert(0, os.environ.get("ODOO_PATH", "/opt/odoo"))
    import odoo
    import odoo.http
    import odoo.sql_db

    def now(cursor):
        if cursor._now is None:
            cursor._now = datetime.datetime.now()
        return cursor._now

    odoo.sql_db.Cursor.now = now
    # Password hashing with 1,000 pbkdf2 rounds instead of 600,000: at 600,000 each new user and each login costs
    # two seconds on a shared test machine, for two dozen users (the one setting that differs from production).
    from odoo.addons.base.models import res_users

    res_users.MIN_ROUNDS = 1000
    serve = odoo.http.Application.__call__

    def __call__(app, environ, start_response):
        follow_clock()
        return serve(app, environ, start_response)

    odoo.http.Application.__call__ = __call__
    odoo.cli.main()


if __name__ == "__main__":
    main()
