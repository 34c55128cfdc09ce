from . import (
    test_access,
    test_access_errors,
    test_access_matrix,
    test_calendar,
    test_company,
    test_deadline,
    test_import,
    test_lib,
    test_region,
    test_station,
    test_tour,
)
