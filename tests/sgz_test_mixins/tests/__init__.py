from . import (
    test_approval,
    test_approval_systray,
    test_approval_withdraw,
    test_concurrency,
    test_filing,
    test_input,
    test_lock,
)
