import io
import subprocess
import tempfile
import unicodedata
import zipfile

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import ReportingCase, day


@tagged("post_install", "-at_install")
class TestOutputs(ReportingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activity("2026-09-05", person_times=40)

    def _submitted_brief(self):
        brief = self._brief(day("2026-09-01"))
        self._write_narrative(brief)
        with freeze_time("2026-10-06"):
            brief.with_user(self.manager_x).action_submit()
        return brief

    def _sheet_text(self, content):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return (
                archive.read("xl/sharedStrings.xml").decode()
                + archive.read("xl/worksheets/sheet1.xml").decode()
            )

    def test_report_xlsx(self):
        from ..report.sgz_reporting_xlsx import report_workbook

        brief = self._submitted_brief()
        text = self._sheet_text(report_workbook(brief.with_user(self.officer_a).with_context(lang="zh_CN")))
        self.assertIn("服务人次", text)
        self.assertIn("上期", text)
        self.assertIn("攸县同心社会工作服务中心", text)
        self.assertIn("<v>40</v>", text)
        # issue 20 §8: the period in words, the header row in view, counts as whole numbers
        import openpyxl

        content = report_workbook(brief.with_user(self.officer_a).with_context(lang="zh_CN"))
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value is not None}
        self.assertIn("2026年9月", cells)
        header = cells["指标"].row
        self.assertEqual(sheet.freeze_panes, f"A{header + 1}")
        self.assertEqual(cells[40].number_format, "#,##0")

    def test_coverage_xlsx(self):
        from ..report.sgz_reporting_xlsx import coverage_workbook

        rows = self.env["sgz.coverage"].with_user(self.city_officer).search([])
        text = self._sheet_text(
            coverage_workbook(self.env(context={"lang": "zh_CN"}), rows.with_context(lang="zh_CN"))
        )
        self.assertIn("覆盖率", text)
        self.assertIn("攸县", text)
        self.assertIn("<v>10.5</v>", text)  # 攸县: 2 stations in service / 19 townships

    def test_download_routes_check_access(self):
        brief = self._submitted_brief()
        self.assertEqual(brief.action_export_xlsx()["url"], f"/sgz_reporting/report/{brief.id}/xlsx")


@tagged("post_install", "-at_install")
class TestPdf(HttpCase, ReportingCase):
    """wkhtmltopdf fetches the report's style sheets from the server: an HttpCase serves them from the test's
    own transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activity("2026-09-05", person_times=40)

    _submitted_brief = TestOutputs._submitted_brief

    def test_pdf_in_chinese(self):
        brief = self._submitted_brief()
        report = self.env.ref("sgz_reporting.action_report_sgz_report")
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.officer_a)
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf(report.report_name, brief.ids)
        )
        self.assertEqual(kind, "pdf")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(
                ["pdftotext", handle.name, "-"], capture_output=True, check=True
            ).stdout.decode()
        # the CJK font maps some glyphs to radicals (⼼ for 心, ⺠ for 民): compare the normalized text
        compact = unicodedata.normalize("NFKC", "".join(text.split())).replace("⺠", "民")
        for expected in (
            "攸县同心社会工作服务中心",
            "月度工作简报",
            "服务人次",
            "攸县民政局",
            "人手不足",
            "上期",
        ):
            self.assertIn(expected, compact)
