from odoo import http

from odoo.addons.sgz_base.controllers.download import stream_export


class SgzPayrollExport(http.Controller):
    @http.route("/sgz_hr/payroll/<int:run_id>/<string:kind>", type="http", auth="user", methods=["GET"])
    def sgz_payroll_spreadsheet(self, run_id, kind):
        """Stream a payroll spreadsheet (built on each request, never stored as an attachment)."""
        return stream_export("sgz.payroll.run", run_id, kind)
