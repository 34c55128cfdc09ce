import io
import subprocess
import tempfile
import unicodedata

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import BudgetCase


@tagged("post_install", "-at_install")
class TestDisclosure(HttpCase, BudgetCase):
    """An HttpCase: wkhtmltopdf fetches the report's assets from the test server."""

    def test_disclosure_pdf_xlsx_deadline_and_sign(self):
        """2026 in 攸县: lottery scale 300,000.00, committed 195,000.00, spent 65,000.00 (rate 21.67 %); stations
        A1 36,111.11 and A2 28,888.89 of lottery money; due 30 June 2027."""
        self.assertFalse(self.station_a1.sgz_lottery_funded)
        year = self._signed(self._split_agreement())
        self.station_a1.invalidate_recordset()
        self.assertTrue(self.station_a1.sgz_lottery_funded)
        self.assertIn(self.station_a1, self.env["sgz.station"].search([("sgz_lottery_funded", "=", True)]))
        self._post(self._bill_period(year, "2026-03-01", "2026-04-10"), "2026-04-10")
        with freeze_time("2027-03-01"):
            disclosure = (
                self.env["sgz.lottery.disclosure"]
                .with_user(self.finance_a)
                .create(
                    {
                        "company_id": self.county_a.id,
                        "fiscal_year": 2026,
                        "results": "<p>服务困难群众1200人次</p>",
                    }
                )
            )
        deadline = disclosure._sgz_deadline_get("lottery_disclosure")
        self.assertEqual(str(deadline.date_deadline), "2027-06-30")
        with freeze_time("2027-03-02"):
            disclosure.action_compute()
        self.assertEqual(
            (disclosure.amount_scale, disclosure.amount_committed, disclosure.amount_actual),
            (300000.0, 195000.0, 65000.0),
        )
        self.assertEqual(disclosure.execution_rate, 21.67)
        public = disclosure.line_ids.filtered(lambda line: line.category == "public")
        self.assertEqual((public.amount, public.project_count), (65000.0, 2))
        stations = {line.station_id: line.amount for line in disclosure.station_line_ids}
        self.assertEqual(stations, {self.station_a1: 36111.11, self.station_a2: 28888.89})
        # a second disclosure for the same year is refused
        with self.assertRaisesMsg(Exception, "2026"):
            self.env["sgz.lottery.disclosure"].with_user(self.finance_a).create(
                {"company_id": self.county_a.id, "fiscal_year": 2026}
            )
        # Chinese PDF
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_user(self.finance_a)
            .with_context(force_report_rendering=True, lang="zh_CN")
            ._render_qweb_pdf("sgz_budget.action_report_sgz_lottery_disclosure", disclosure.ids)
        )
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            text = subprocess.run(
                ["pdftotext", "-layout", handle.name, "-"], capture_output=True, text=True, check=True
            ).stdout
        # pdftotext gives some ideographs as Kangxi radicals (⾦ for 金): NFKC folds them back
        text = unicodedata.normalize("NFKC", text).replace(" ", "")
        self.assertIn("福彩公益金使用情况公告", text)
        self.assertIn("社会公益类", text)
        self.assertIn("彩票公益金资助", text)
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_CN")
            ._render_qweb_html("sgz_budget.action_report_sgz_lottery_disclosure", disclosure.ids)[0]
            .decode()
        )
        self.assertIn("36,111.11", html)
        self.assertIn("21.67", html)
        # .xlsx
        _filename, content = disclosure.with_user(self.finance_a)._sgz_export_content()
        workbook = load_workbook(io.BytesIO(content))
        rows = [[c.value for c in row] for row in workbook.worksheets[2].iter_rows(min_row=4)]
        self.assertIn([self.station_a1.name, self.provider_x.name, 36111.11], rows)
        # publishing closes the deadline and locks the disclosure
        with freeze_time("2027-06-20"):
            disclosure.action_publish()
        self.assertEqual(deadline.state, "done")
        with self.assertRaisesMsg(UserError, r"is locked \(Published\): Results can no longer be changed"):
            disclosure.with_user(self.finance_a).write({"results": "<p>改</p>"})
        with self.assertRaisesMsg(UserError, "use of welfare-lottery funds in 2026 stays on record"):
            disclosure.with_user(self.finance_a).unlink()
