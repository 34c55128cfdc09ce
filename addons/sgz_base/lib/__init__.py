"""Pure-Python utilities of sgz (no ORM import): working days, ID cards, USCC, RMB uppercase, months,
spreadsheets."""

from .chinatime import CHINA_OFFSET, china_date, china_to_utc
from .idcard import IdCard, IdCardError, age_on, parse_id_card
from .mask import mask_number
from .month import format_day, format_month
from .rmb import rmb_upper
from .sheet import Book, display_width
from .uscc import UsccError, validate_uscc
from .workdays import (
    CalendarRangeError,
    WorkCalendar,
    add_working_days,
    default_calendar,
    package_calendar_days,
    working_days_between,
)

__all__ = [
    "Book",
    "CHINA_OFFSET",
    "CalendarRangeError",
    "IdCard",
    "IdCardError",
    "UsccError",
    "WorkCalendar",
    "add_working_days",
    "age_on",
    "china_date",
    "china_to_utc",
    "default_calendar",
    "display_width",
    "format_day",
    "format_month",
    "mask_number",
    "package_calendar_days",
    "parse_id_card",
    "rmb_upper",
    "validate_uscc",
    "working_days_between",
]
