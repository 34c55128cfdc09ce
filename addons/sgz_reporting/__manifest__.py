{
    "name": "SGZ Reporting: Briefs, Reports and Dashboards",
    "summary": "Monthly briefs, periodic reports, dashboards, spreadsheet and PDF outputs of the social work "
    "station program (社工站报表)",
    "version": "18.0.1.0.0",
    "category": "Services/Social Work Stations",
    "author": "sgz",
    "website": "https://github.com/sgz",
    "license": "LGPL-3",
    "depends": ["sgz_hr"],
    "data": [],
    "installable": True,
}
