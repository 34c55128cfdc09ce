"""Spreadsheet downloads, streamed (nothing piles up as attachments): a report's figures, the coverage table."""

from odoo import http
from odoo.http import request

from odoo.addons.sgz_base.controllers.download import xlsx_response

from ..report import sgz_reporting_xlsx


class SgzReportingController(http.Controller):
    @http.route("/sgz_reporting/report/<int:report_id>/xlsx", type="http", auth="user")
    def report_xlsx(self, report_id):
        report = request.env["sgz.report"].browse(report_id)
        report.check_access("read")  # record rules: only who may read the report gets its figures
        content = sgz_reporting_xlsx.report_workbook(report)
        return xlsx_response(content, request.env._("%(report)s.xlsx", report=report.display_name))

    @http.route("/sgz_reporting/coverage/xlsx", type="http", auth="user")
    def coverage_xlsx(self):
        rows = request.env["sgz.coverage"].search([])  # record rules: the user's own regions
        content = sgz_reporting_xlsx.coverage_workbook(request.env, rows)
        return xlsx_response(content, request.env._("Coverage of the social work stations.xlsx"))
