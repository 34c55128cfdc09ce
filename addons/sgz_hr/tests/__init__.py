from . import (
    test_access,
    test_contracts,
    test_outputs,
    test_payroll,
    test_payroll_engine,
    test_tour,
    test_workers,
)
