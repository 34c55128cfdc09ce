from . import (
    test_access,
    test_concurrency,
    test_contracts,
    test_demo,
    test_integrity,
    test_outputs,
    test_payroll,
    test_payroll_engine,
    test_payroll_law,
    test_payroll_opening,
    test_tour,
    test_workers,
)
