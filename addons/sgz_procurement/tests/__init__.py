from . import (
    test_access,
    test_agreement,
    test_award,
    test_bid,
    test_evaluation,
    test_plan,
    test_rules,
    test_tender,
    test_tour,
)
