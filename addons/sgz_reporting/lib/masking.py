"""Masking of resident ID numbers: the first 3 and the last 4 characters stay (430***********1234)."""


def mask_id_number(number):
    """``430121199503121022`` → ``430***********1022``; shorter or empty values are masked whole."""
    number = (number or "").strip()
    if not number:
        return ""
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]
