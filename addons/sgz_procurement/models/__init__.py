from . import (
    purchase_order,
    sgz_agreement,
    sgz_agreement_change,
    sgz_agreement_year,
    sgz_procurement_plan,
    sgz_tender,
    sgz_tender_bid,
)
