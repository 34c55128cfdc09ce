"""Amounts in RMB uppercase (人民币大写), as written on cheques, contracts and payslips."""

from decimal import ROUND_HALF_UP, Decimal

import cn2an


def rmb_upper(amount):
    """``Decimal('12345.67')`` → ``壹万贰仟叁佰肆拾伍元陆角柒分``; negative amounts get a 负 prefix."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value < 0:
        return "负" + rmb_upper(-value)
    if value == 0:
        return "零元整"
    return cn2an.an2cn(format(value, "f"), "rmb")
