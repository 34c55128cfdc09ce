"""Money helpers: every amount in the engine is a :class:`~decimal.Decimal`, rounded to the fen half-up."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import PayrollError

ZERO = Decimal(0)
CENT = Decimal("0.01")


def D(value):
    """Return ``value`` as a finite :class:`Decimal`.

    Accepts ``Decimal``, ``int``, numeric ``str`` and ``float``; a float goes through ``str()`` so that
    ``0.1`` becomes ``Decimal("0.1")`` and not the binary ``0.1000000000000000055511…``.
    Refuses ``bool``, ``None``, NaN, infinities and anything else with ``ValueError("not a number: …")``.
    """
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (int, float, str)) and not isinstance(value, bool):
        if isinstance(value, int):
            return Decimal(value)
        try:
            result = Decimal(str(value))
        except InvalidOperation:
            raise PayrollError("not_a_number", f"not a number: {value!r}", value=value) from None
    else:
        # ValueError, not TypeError: to a clerk "abc" or an empty cell is the same mistake as None
        raise PayrollError("not_a_number", f"not a number: {value!r}", value=value)
    if not result.is_finite():
        raise PayrollError("not_a_number", f"not a number: {value!r}", value=value)
    return result


def field_amount(value, field, *, allow_negative=False):
    """``D(value)`` for the input ``field``; errors name the field, negatives are refused unless allowed."""
    try:
        result = D(value)
    except PayrollError as exc:
        raise PayrollError("not_a_number", f"{field}: {exc}", field=field, value=value) from None
    if result < 0 and not allow_negative:
        raise PayrollError(
            "negative", f"{field} must not be negative (got {result})", field=field, value=result
        )
    return result


def to_decimal(value):
    """A float read from an Odoo monetary or two-digit column as the Decimal it stands for, exact to the fen
    (``4308.0`` → ``Decimal("4308.0")``, ``0.1 + 0.2`` → ``Decimal("0.3")``); ``False``/``None`` → 0."""
    return Decimal(repr(round(value or 0.0, 2)))


def fraction(percentage):
    """A percentage stored as a float (``16.0``, ``0.7``) as the engine's fraction (``Decimal("0.16")``),
    exact to the 6 decimals the rates are kept to."""
    return Decimal(repr(round(percentage or 0.0, 6))) / 100


def fen(value):
    """Round ``value`` to the fen (0.01), half-up, as the social security and tax offices do."""
    if type(value) is not Decimal or not value.is_finite():
        value = D(value)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
