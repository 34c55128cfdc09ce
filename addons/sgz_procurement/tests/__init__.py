from . import (
    test_access,
    test_agreement,
    test_bid,
    test_evaluation,
    test_plan,
    test_publicity,
    test_tender,
    test_tour,
)
