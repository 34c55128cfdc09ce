from odoo import models
from odoo.tools.pdf import merge_pdf

PAYSLIP_REPORT = "sgz_hr.report_sgz_payslip"


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_html(self, report_ref, docids, data=None):
        self._sgz_check_payslip_access(report_ref, docids)
        return super()._render_qweb_html(report_ref, docids, data=data)

    def _sgz_check_payslip_access(self, report_ref, res_ids):
        """A payslip prints for whoever may read it (a stationed worker: their own): refused with the access
        rules' sentence before rendering, rather than from inside the template."""
        report = self._get_report(report_ref)
        if report.report_name == PAYSLIP_REPORT and res_ids:
            self.env[report.model].browse(res_ids).check_access("read")

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        """Payslips print as one document per employer (its letterhead on every page): one wkhtmltopdf run
        for a whole run's payslips. Payslips of several employers are printed per employer and merged."""
        self._sgz_check_payslip_access(report_ref, res_ids)
        report = self._get_report(report_ref)
        if report.report_name != PAYSLIP_REPORT or not res_ids or len(res_ids) < 2:
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        payslips = self.env[report.model].browse(res_ids)
        companies = payslips.company_id
        if len(companies) < 2:
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        parts = [
            super(IrActionsReport, self)._render_qweb_pdf(
                report_ref, res_ids=payslips.filtered(lambda p, c=company: p.company_id == c).ids, data=data
            )
            for company in companies
        ]
        if any(kind != "pdf" for _content, kind in parts):  # test mode without force_report_rendering: HTML
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        return merge_pdf([content for content, _kind in parts]), "pdf"
