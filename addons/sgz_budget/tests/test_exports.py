import io

from freezegun import freeze_time
from openpyxl import load_workbook

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import BudgetCase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@tagged("post_install", "-at_install")
class TestExports(HttpCase, BudgetCase):
    """Issue 18 §7: one export. The execution report and the lottery-fund disclosure are streamed from a route,
    built as the user who asks; no click leaves an attachment behind."""

    def setUp(self):
        super().setUp()
        year = self._signed(self._split_agreement())
        self._post(self._bill_period(year, "2026-03-01", "2026-04-10"), "2026-04-10")
        self.finance_a.password = "finance_a_pw"
        self.finance_b.password = "finance_b_pw"
        self.report = (
            self.env["sgz.budget.report"]
            .with_user(self.finance_a)
            .create({"company_id": self.county_a.id, "fiscal_year": 2026, "date_as_of": "2026-12-31"})
        )
        self.report.action_compute()
        with freeze_time("2027-03-01"):
            self.disclosure = (
                self.env["sgz.lottery.disclosure"]
                .with_user(self.finance_a)
                .create({"company_id": self.county_a.id, "fiscal_year": 2026})
            )
            self.disclosure.action_compute()

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def test_buttons_stream_without_attachment(self):
        Attachment = self.env["ir.attachment"].sudo()
        before = Attachment.search_count([])
        action = self.report.with_user(self.finance_a).action_export_xlsx()
        self.assertEqual(
            action,
            {
                "type": "ir.actions.act_url",
                "url": f"/sgz_budget/execution/{self.report.id}/xlsx",
                "target": "self",
            },
        )
        action = self.disclosure.with_user(self.finance_a).action_export_xlsx()
        self.assertEqual(action["url"], f"/sgz_budget/disclosure/{self.disclosure.id}/xlsx")
        self.authenticate("finance_a", "finance_a_pw")
        for url in (
            f"/sgz_budget/execution/{self.report.id}/xlsx",
            f"/sgz_budget/disclosure/{self.disclosure.id}/xlsx",
        ):
            response = self._get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertEqual(response.headers["Content-Type"], XLSX)
            self.assertIn("attachment;", response.headers["Content-Disposition"])
            self.assertTrue(load_workbook(io.BytesIO(response.content)).worksheets)
        self.assertEqual(Attachment.search_count([]), before, "an export leaves no attachment")

    def test_missing_or_forbidden_answers_404_403(self):
        self.authenticate("finance_b", "finance_b_pw")
        # another bureau's finance: the report (another user's computation) and the disclosure are forbidden
        self.assertEqual(self._get(f"/sgz_budget/execution/{self.report.id}/xlsx").status_code, 403)
        self.assertEqual(self._get(f"/sgz_budget/disclosure/{self.disclosure.id}/xlsx").status_code, 403)
        missing = self.report.search([], order="id desc", limit=1).id + 1000
        self.assertEqual(self._get(f"/sgz_budget/execution/{missing}/xlsx").status_code, 404)
        self.assertEqual(self._get(f"/sgz_budget/disclosure/{missing}/xlsx").status_code, 404)
        # the model refuses the same, as a script would call it
        with self.assertRaisesMsg(AccessError, "此预算执行情况报表：它属于其他单位"):
            self.report.with_user(self.finance_b)._sgz_export_content()
        with self.assertRaisesMsg(AccessError, "此福彩公益金使用情况公告：它属于其他单位"):
            self.disclosure.with_user(self.finance_b)._sgz_export_content()
        with self.assertRaisesMsg(AccessError, "此预算执行情况报表：它属于其他单位"):
            self.report.with_user(self.finance_b).action_export_xlsx()

    def test_spreadsheets_a_clerk_can_read(self):
        """Issue 20 §8: Chinese headers frozen, money as #,##0.00 exact to the fen, a total row."""
        self.authenticate("finance_a", "finance_a_pw")
        response = self._get(f"/sgz_budget/execution/{self.report.id}/xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        header_index = next(i for i, row in enumerate(rows) if row[:2] == ["单位", "资金来源"])
        self.assertEqual(
            rows[header_index][2:], ["预算额度", "上级下达", "已承诺", "实际支出", "已支付", "可用余额"]
        )
        self.assertEqual(sheet.freeze_panes, f"A{header_index + 2}")
        lottery = next(row for row in rows if row[1] == "县级福彩公益金")
        self.assertEqual(lottery[2:], [300000, 0, 195000, 65000, 0, 40000])
        total = rows[-1]
        self.assertEqual(total[0], "合计")
        self.assertEqual(total[5], 90000)  # 65,000.00 lottery + 25,000.00 relief
        money_cell = sheet.cell(row=rows.index(lottery) + 1, column=6)
        self.assertEqual(money_cell.number_format, "#,##0.00")
        self.assertTrue(sheet.cell(row=len(rows), column=1).font.b, "the total row is bold")
        self.assertNotIn("ir.attachment", response.headers.get("Content-Disposition", ""))

        response = self._get(f"/sgz_budget/disclosure/{self.disclosure.id}/xlsx")
        book = load_workbook(io.BytesIO(response.content))
        self.assertEqual(book.sheetnames, ["概况", "分类", "资助站点"])
        stations = book["资助站点"]
        rows = [[cell.value for cell in row] for row in stations.iter_rows()]
        self.assertEqual(rows[2], ["站点", "承接机构", "金额"])
        self.assertEqual(stations.freeze_panes, "A4")
        self.assertEqual(rows[-1], ["合计", None, 65000])
        self.assertEqual(stations.cell(row=4, column=3).number_format, "#,##0.00")
        self.assertEqual(sum(row[2] for row in rows[3:-1]), 65000)
