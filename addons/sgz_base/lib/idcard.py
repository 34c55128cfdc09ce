"""Resident identity card (居民身份证, GB 11643) numbers, checked with ``stdnum.cn.ric``."""

import datetime
from dataclasses import dataclass

from stdnum import exceptions as stdnum_exceptions
from stdnum.cn import ric


class IdCardError(ValueError):
    """An invalid resident ID number; ``reason`` is one of format, checksum, birth_date, region."""

    def __init__(self, number, reason):
        self.number = number
        self.reason = reason
        super().__init__(f"Invalid resident ID number {number!r}: {reason}.")


@dataclass(frozen=True)
class IdCard:
    number: str
    birth_date: datetime.date
    gender: str  # "male" or "female"
    region_code: str


def parse_id_card(number):
    """Validate an 18-digit ID number; return its birth date, gender and birth-place region code."""
    compact = ric.compact(number or "")
    if len(compact) != 18 or not compact[:17].isdigit() or not (compact[17].isdigit() or compact[17] == "X"):
        raise IdCardError(number, "format")
    try:
        birth = ric.get_birth_date(compact)
    except stdnum_exceptions.ValidationError:
        raise IdCardError(number, "birth_date") from None
    if ric.calc_check_digit(compact) != compact[-1]:
        raise IdCardError(number, "checksum")
    gender = "male" if int(compact[16]) % 2 else "female"
    return IdCard(compact, birth, gender, compact[:6])


def age_on(birth_date, day):
    """Age in full years on ``day``: a person turns 40 on their 40th birthday (29 Feb → 1 Mar)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years
