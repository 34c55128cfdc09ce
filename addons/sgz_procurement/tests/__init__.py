from . import (
    test_access,
    test_access_matrix,
    test_agreement,
    test_award,
    test_bid,
    test_concurrency,
    test_demo,
    test_evaluation,
    test_plan,
    test_rules,
    test_tender,
    test_tour,
)
