from . import (
    test_approval_everywhere,
    test_architecture,
    test_backup,
    test_budget_in_reports,
    test_context_keys,
    test_i18n,
    test_users,
)
