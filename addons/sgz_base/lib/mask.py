"""Masks for personal numbers shown outside their record's own form."""


def mask_number(value, keep_start=3, keep_end=4):
    """``430121199503121022`` → ``430***********1022``; values too short to keep anything are masked whole."""
    text = (value or "").strip() if isinstance(value, str) else ("" if value in (None, False) else str(value))
    if not text:
        return ""
    if len(text) <= keep_start + keep_end:
        return "*" * len(text)
    return text[:keep_start] + "*" * (len(text) - keep_start - keep_end) + text[-keep_end:]
