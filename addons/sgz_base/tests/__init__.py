from . import (
    test_access,
    test_approval,
    test_calendar,
    test_company,
    test_deadline,
    test_filing,
    test_lib,
    test_region,
    test_station,
    test_tour,
)
