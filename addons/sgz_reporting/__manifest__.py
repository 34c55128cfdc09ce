{
    "name": "SGZ Reporting: Briefs, Reports and Dashboards",
    "summary": "Service records, monthly briefs, periodic reports with deadlines, coverage dashboards, spreadsheet "
    "and PDF outputs of the social work station program (社工站服务记录与报表)",
    "version": "18.0.1.0.0",
    "category": "Services/Social Work Stations",
    "author": "sgz",
    "website": "https://github.com/sgz",
    "license": "LGPL-3",
    "depends": ["sgz_hr", "sgz_budget"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "security/sgz_reporting_security.xml",
        "data/sgz_beneficiary_category_data.xml",
        "data/sgz_report_type_data.xml",
        "views/sgz_beneficiary_views.xml",
        "views/sgz_activity_views.xml",
        "views/sgz_activity_stat_views.xml",
        "views/sgz_coverage_views.xml",
        "views/sgz_report_views.xml",
        "report/sgz_report_templates.xml",
        "views/sgz_reporting_menus.xml",
        # the beneficiary import (its own block: a menu entry under Service Records)
        "views/sgz_import_beneficiary_views.xml",
    ],
    "demo": [
        "demo/sgz_reporting_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sgz_reporting/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
