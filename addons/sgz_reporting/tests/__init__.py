from . import (
    test_access,
    test_beneficiary_import,
    test_dashboards,
    test_integrity,
    test_lib,
    test_outputs,
    test_reports,
    test_role_tours,
    test_service_records,
    test_tour,
)
