{
    "name": "SGZ Procurement: Plans, Tenders and Service Agreements",
    "summary": "County annual plans, tenders with approval, bids and evaluation, service agreements and filings "
    "(社工站政府购买服务)",
    "version": "18.0.1.0.0",
    "category": "Services/Social Work Stations",
    "author": "sgz",
    "website": "https://github.com/sgz",
    "license": "LGPL-3",
    "depends": ["sgz_base", "purchase", "account"],
    "data": [
        "security/ir.model.access.csv",
        "security/sgz_procurement_security.xml",
        "data/sgz_procurement_data.xml",
        "data/res_users_data.xml",
        "wizard/sgz_tender_reprocure_views.xml",
        "views/sgz_procurement_plan_views.xml",
        "views/sgz_tender_views.xml",
        "views/sgz_tender_bid_views.xml",
        "views/sgz_tender_score_views.xml",
        "views/sgz_tender_challenge_views.xml",
        "views/sgz_agreement_views.xml",
        "views/sgz_agreement_change_views.xml",
        "views/sgz_agreement_year_views.xml",
        "views/sgz_agreement_evaluation_views.xml",
        "views/purchase_order_views.xml",
        "views/account_move_views.xml",
        "views/sgz_procurement_menus.xml",
    ],
    "demo": [
        "demo/sgz_procurement_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sgz_procurement/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
