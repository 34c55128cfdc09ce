from . import (
    test_access,
    test_concurrency,
    test_disclosure,
    test_exports,
    test_flow,
    test_report_views,
    test_tour,
    test_transfer_words,
    test_year_end,
)
