from odoo import models
from odoo.tools.pdf import merge_pdf

PAYSLIP_REPORT = "sgz_hr.report_sgz_payslip"


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        """Payslips of a run are rendered one document at a time and merged: Debian's wkhtmltopdf (unpatched
        Qt) exits with an error on a multi-document report, one payslip prints on every build."""
        report = self._get_report(report_ref)
        if report.report_name != PAYSLIP_REPORT or not res_ids or len(res_ids) < 2:
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        parts = [
            super(IrActionsReport, self)._render_qweb_pdf(report_ref, res_ids=[res_id], data=data)
            for res_id in res_ids
        ]
        if any(kind != "pdf" for _content, kind in parts):  # test mode without force_report_rendering: HTML
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        return merge_pdf([content for content, _kind in parts]), "pdf"
