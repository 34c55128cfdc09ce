from . import (
    account_move,
    account_move_line,
    purchase_order,
    sgz_agreement,
    sgz_agreement_change,
    sgz_agreement_evaluation,
    sgz_agreement_year,
    sgz_procurement_plan,
    sgz_procurement_supplier_minimum,
    sgz_tender,
    sgz_tender_bid,
    sgz_tender_challenge,
)
