"""China Standard Time (UTC+8, no daylight saving): the time of every deadline of the program.

Odoo stores datetimes as naive UTC; a bid deadline of 09:30 on 24 March 2025 in Changsha is stored as
01:30 UTC. Legal periods count Beijing dates, whatever the timezone of the user or server.
"""

import datetime

CHINA_OFFSET = datetime.timedelta(hours=8)


def china_date(utc_datetime):
    """The Beijing date of a naive UTC datetime (or None)."""
    if not utc_datetime:
        return None
    return (utc_datetime + CHINA_OFFSET).date()


def china_to_utc(day, hour=0, minute=0):
    """The naive UTC datetime of ``hour:minute`` Beijing time on ``day``."""
    return datetime.datetime.combine(day, datetime.time(hour, minute)) - CHINA_OFFSET
