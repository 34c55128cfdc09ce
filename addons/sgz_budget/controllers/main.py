from odoo import http

from odoo.addons.sgz_base.controllers.download import stream_export


class SgzBudgetExport(http.Controller):
    """The budget spreadsheets, built on each request as the user who asks (never stored as attachments)."""

    @http.route("/sgz_budget/execution/<int:report_id>/xlsx", type="http", auth="user", methods=["GET"])
    def sgz_budget_execution_xlsx(self, report_id):
        return stream_export("sgz.budget.report", report_id)

    @http.route("/sgz_budget/disclosure/<int:disclosure_id>/xlsx", type="http", auth="user", methods=["GET"])
    def sgz_budget_disclosure_xlsx(self, disclosure_id):
        return stream_export("sgz.lottery.disclosure", disclosure_id)
