"""The engine's refusals: a :class:`PayrollError` says what is wrong with a code and the figures involved.

``str()`` gives an English sentence for logs and unit tests; the Odoo layer translates ``code`` and
``params`` into the reader's language (``sgz.payslip._sgz_engine_message``), so the engine stays free of any
translation machinery.
"""


class PayrollError(ValueError):
    """A value the engine refuses. ``code`` is stable (``"negative"``, ``"not_a_number"``, …); ``params``
    holds the named figures of the message (``field``, ``value``, …)."""

    def __init__(self, code, message, **params):
        super().__init__(message)
        self.code = code
        self.params = params


class BatchError(PayrollError):
    """A payslip of a batch could not be computed: ``index`` (0-based) and the payslip's ``error``."""

    def __init__(self, index, error):
        super().__init__(
            error.code if isinstance(error, PayrollError) else "invalid",
            f"payslip {index + 1} of the batch: {error}",
            **(error.params if isinstance(error, PayrollError) else {}),
        )
        self.index = index
        self.error = error
