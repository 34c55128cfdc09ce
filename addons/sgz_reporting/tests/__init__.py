# needs survey and service plan (issue 17 §1)
from . import (
    test_access,
    test_beneficiary_import,
    test_dashboards,
    test_integrity,
    test_lib,
    test_outputs,
    test_reports,
    test_role_tours,
    test_service_plan,
    test_service_records,
    test_tour,
    test_volunteer_import,
    test_volunteers,
    test_worker_role,
)
