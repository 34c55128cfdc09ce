from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class SgzBudgetExport(http.Controller):
    """The budget spreadsheets, built on each request as the user who asks (never stored as attachments)."""

    @http.route("/sgz_budget/execution/<int:report_id>/xlsx", type="http", auth="user", methods=["GET"])
    def sgz_budget_execution_xlsx(self, report_id):
        return self._sgz_stream("sgz.budget.report", report_id)

    @http.route("/sgz_budget/disclosure/<int:disclosure_id>/xlsx", type="http", auth="user", methods=["GET"])
    def sgz_budget_disclosure_xlsx(self, disclosure_id):
        return self._sgz_stream("sgz.lottery.disclosure", disclosure_id)

    def _sgz_stream(self, model, record_id):
        """404 for an id that does not exist, 403 for one the user may not read; no traceback either way."""
        record = request.env[model].browse(record_id)
        if not record.exists():
            raise NotFound()
        try:
            filename, content = record._sgz_export_content()
        except (AccessError, MissingError):
            raise Forbidden() from None
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
