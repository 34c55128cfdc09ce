"""A month as a reader reads it: 2026年10月 in Chinese, Oct 2026 in English (babel's year-month skeleton)."""

import babel
from babel.dates import format_skeleton


def format_month(day, lang="zh_CN"):
    """The month of ``day`` (a date) in ``lang`` (an Odoo language code); empty for no date."""
    if not day:
        return ""
    try:
        locale = babel.Locale.parse(lang or "en_US")
    except (ValueError, babel.UnknownLocaleError):
        locale = babel.Locale.parse("en_US")
    return format_skeleton("yMMM", day, locale=locale)
