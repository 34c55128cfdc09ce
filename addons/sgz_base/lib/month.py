"""A month or a day as a reader reads it: 2026年10月, 2026年3月1日 in Chinese, Oct 2026, Mar 1, 2026 in English
(babel's year-month and year-month-day skeletons)."""

import babel
from babel.dates import format_skeleton


def _locale(lang):
    try:
        return babel.Locale.parse(lang or "en_US")
    except (ValueError, babel.UnknownLocaleError):
        return babel.Locale.parse("en_US")


def format_month(day, lang="zh_CN"):
    """The month of ``day`` (a date) in ``lang`` (an Odoo language code); empty for no date."""
    if not day:
        return ""
    return format_skeleton("yMMM", day, locale=_locale(lang))


def format_day(day, lang="zh_CN"):
    """``day`` (a date) in ``lang``, the month in words (2026年3月1日); empty for no date."""
    if not day:
        return ""
    return format_skeleton("yMMMd", day, locale=_locale(lang))
