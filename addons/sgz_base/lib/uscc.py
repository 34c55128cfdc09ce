"""Unified Social Credit Code (统一社会信用代码, GB 32100-2015), checked with ``stdnum.cn.uscc``."""

from stdnum import exceptions as stdnum_exceptions
from stdnum.cn import uscc


class UsccError(ValueError):
    def __init__(self, code, reason):
        self.code = code
        self.reason = reason
        super().__init__(f"Invalid Unified Social Credit Code {code!r}: {reason}.")


def validate_uscc(code):
    """Return the compact, upper-case code, or raise :class:`UsccError` (reason: length, format, checksum)."""
    try:
        return uscc.validate(code or "")
    except stdnum_exceptions.InvalidLength:
        raise UsccError(code, "length") from None
    except stdnum_exceptions.InvalidChecksum:
        raise UsccError(code, "checksum") from None
    except stdnum_exceptions.ValidationError:
        raise UsccError(code, "format") from None
