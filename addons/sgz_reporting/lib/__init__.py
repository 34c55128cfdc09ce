"""Pure-Python helpers of sgz_reporting (no ORM import): reporting periods and ID-number masking."""

from .masking import mask_id_number
from .periods import Period, period_of, periods_between

__all__ = ["Period", "mask_id_number", "period_of", "periods_between"]
