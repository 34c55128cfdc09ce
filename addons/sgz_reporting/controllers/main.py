"""Spreadsheet downloads, streamed (nothing piles up as attachments): a report's figures, the coverage table."""

from odoo import http
from odoo.http import content_disposition, request

from ..report import sgz_reporting_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SgzReportingController(http.Controller):
    def _response(self, content, filename):
        return request.make_response(
            content, headers=[("Content-Type", XLSX), ("Content-Disposition", content_disposition(filename))]
        )

    @http.route("/sgz_reporting/report/<int:report_id>/xlsx", type="http", auth="user")
    def report_xlsx(self, report_id):
        report = request.env["sgz.report"].browse(report_id)
        report.check_access("read")  # record rules: only who may read the report gets its figures
        content = sgz_reporting_xlsx.report_workbook(report)
        return self._response(content, request.env._("%(report)s.xlsx", report=report.display_name))

    @http.route("/sgz_reporting/coverage/xlsx", type="http", auth="user")
    def coverage_xlsx(self):
        rows = request.env["sgz.coverage"].search([])  # record rules: the user's own regions
        content = sgz_reporting_xlsx.coverage_workbook(request.env, rows)
        return self._response(content, request.env._("Coverage of the social work stations.xlsx"))
