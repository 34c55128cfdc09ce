"""Pure-Python helpers of sgz_reporting (no ORM import): reporting periods, ID-number masking and the consents
a beneficiary's record needs."""

from .consent import ADULT_AGE, SENSITIVE_CHILD_AGE, ConsentNeeds, consent_needs
from .masking import mask_id_number
from .periods import Period, period_of, periods_between

__all__ = [
    "ADULT_AGE",
    "SENSITIVE_CHILD_AGE",
    "ConsentNeeds",
    "Period",
    "consent_needs",
    "mask_id_number",
    "period_of",
    "periods_between",
]
