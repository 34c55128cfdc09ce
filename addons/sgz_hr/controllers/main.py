from odoo import http
from odoo.http import content_disposition, request

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SgzPayrollExport(http.Controller):
    @http.route("/sgz_hr/payroll/<int:run_id>/<string:kind>", type="http", auth="user", methods=["GET"])
    def sgz_payroll_spreadsheet(self, run_id, kind):
        """Stream a payroll spreadsheet (built on each request, never stored as an attachment)."""
        run = request.env["sgz.payroll.run"].browse(run_id)
        filename, content = run._sgz_export_content(kind)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
