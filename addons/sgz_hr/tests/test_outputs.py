import io
import subprocess
import tempfile
import unicodedata
from decimal import Decimal

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.sgz_base.lib import rmb_upper

from ..report.sgz_payroll_xlsx import IIT_WAGE_HEADERS, IIT_WAGE_SHEET
from .common import SgzHrCase, id_card, month

# The header row of the withholding client's 正常工资薪金收入 import template, as published.
EXPECTED_IIT_HEADERS = [
    "工号", "*姓名", "*证件类型", "*证件号码", "本期收入", "本期免税收入", "基本养老保险费", "基本医疗保险费",
    "失业保险费", "住房公积金", "累计子女教育", "累计继续教育", "累计住房贷款利息", "累计住房租金", "累计赡养老人",
    "累计3岁以下婴幼儿照护", "累计个人养老金", "企业(职业)年金", "商业健康保险", "税延养老保险", "其他",
    "准予扣除的捐赠额", "减免税额", "备注",
]  # fmt: skip


@tagged("post_install", "-at_install", "sgz_hr")
class TestOutputs(SgzHrCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        bank = cls.env["res.bank"].create({"name": "中国建设银行攸县支行"})
        cls.li = cls._worker("李娜", body="43022319950315124", barcode="X001")
        cls.li.bank_account_id = cls._bank_account(cls.li, bank, "6217002920101111111")
        cls._contract(cls.li, 10000, "2024-01-01", sgz_housing_fund_rate=5)
        cls.env["sgz.special.deduction"].create(
            {
                "company_id": cls.provider_x.id,
                "employee_id": cls.li.id,
                "kind": "housing_rent",
                "standard_id": cls.env.ref("sgz_hr.sad_housing_rent_2_2019").id,
                "date_from": "2024-01-01",
                "declared_date": "2024-01-01",
            }
        )
        # 5,375.12 + 3,000.00 would add up to 8375.120000000001 in floats
        cls.zhao = cls._worker("赵敏", body="43022319960620221", barcode="X002")
        cls.zhao.bank_account_id = cls._bank_account(cls.zhao, bank, "6217002920102222222")
        cls._contract(cls.zhao, 6081.12, "2024-01-01")
        cls._run(month(2024, 1), confirm=True)
        cls.payroll_run = cls._run(month(2024, 2))
        cls.payslip = cls.payroll_run.payslip_ids.filtered(lambda p: p.employee_id == cls.li)

    @classmethod
    def _bank_account(cls, employee, bank, number):
        return cls.env["res.partner.bank"].create(
            {"partner_id": employee.work_contact_id.id, "bank_id": bank.id, "acc_number": number}
        )

    def _sheet(self, kind, user=None):
        run = self.payroll_run.with_user(user or self.hr_x).with_context(lang="zh_CN")
        filename, content = run._sgz_export_content(kind)
        self.assertTrue(filename.endswith(".xlsx"))
        return openpyxl.load_workbook(io.BytesIO(content))

    def test_iit_sheet(self):
        self.assertEqual(list(IIT_WAGE_HEADERS), EXPECTED_IIT_HEADERS)
        workbook = self._sheet("iit")
        self.assertEqual(workbook.sheetnames, [IIT_WAGE_SHEET])
        sheet = workbook[IIT_WAGE_SHEET]
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(list(rows[0]), EXPECTED_IIT_HEADERS)
        row = dict(zip(EXPECTED_IIT_HEADERS, rows[1], strict=True))
        self.assertEqual(row["工号"], "X001")
        self.assertEqual(row["*姓名"], "李娜")
        self.assertEqual(row["*证件类型"], "居民身份证")
        self.assertEqual(row["*证件号码"], id_card("43022319950315124"))
        self.assertEqual(row["本期收入"], 10000)
        self.assertEqual(row["基本养老保险费"], 800)
        self.assertEqual(row["基本医疗保险费"], 200)
        self.assertEqual(row["失业保险费"], 30)
        self.assertEqual(row["住房公积金"], 500)  # 5 % of 10,000
        self.assertEqual(row["累计住房租金"], 2200)  # January and February, 1,100 each
        self.assertIsNone(row["累计子女教育"] or None)

    def test_register_bank_and_insurance_lists(self):
        register = self._sheet("register").active
        rows = list(register.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "社工")
        names = [row[0] for row in rows[1:-1]]
        self.assertEqual(sorted(names), ["李娜", "赵敏"])
        li_row = rows[1 + names.index("李娜")]
        self.assertIn(float(self.payslip.net), li_row)
        bank = self._sheet("bank").active
        rows = list(bank.iter_rows(values_only=True))
        li_row = next(row for row in rows if row[0] == "李娜")
        self.assertEqual(li_row[2:4], ("中国建设银行攸县支行", "6217002920101111111"))
        self.assertEqual(li_row[-1], float(self.payslip.net))
        # the total is the exact sum of the net pay, written once from Decimals
        total = sum(Decimal(str(p.net)) for p in self.payroll_run.payslip_ids)
        self.assertEqual(rows[-1][0], "合计")
        self.assertEqual(repr(rows[-1][-1]), repr(float(total)))
        insurance = self._sheet("insurance").active
        rows = list(insurance.iter_rows(values_only=True))
        header = list(rows[0])
        li_row = next(row for row in rows if row[0] == "李娜")
        self.assertEqual(li_row[header.index("养老保险（单位）")], 1600)
        self.assertEqual(li_row[header.index("养老保险（个人）")], 800)
        self.assertEqual(li_row[header.index("缴费基数")], 10000)

    def test_bank_list_a_clerk_can_read(self):
        """Issue 20 §8: the header stays in view, the 19-digit account is text in a column wide enough for it,
        the branch name fits, net pay reads 1,234.56."""
        bank = self._sheet("bank").active
        self.assertEqual(bank.freeze_panes, "A2")
        li_row = next(row for row in bank.iter_rows() if row[0].value == "李娜")
        account, net = li_row[3], li_row[4]
        self.assertEqual(account.data_type, "s")
        self.assertEqual(net.number_format, "#,##0.00")
        # "6217002920101111111": 19 characters + 2 of margin; "中国建设银行攸县支行": 10 Chinese = 20 + 2
        self.assertGreaterEqual(bank.column_dimensions["D"].width, 21)
        self.assertGreaterEqual(bank.column_dimensions["C"].width, 22)

    def test_bank_list_needs_the_workers_account(self):
        self.zhao.bank_account_id = False
        with self.assertRaisesMsg(UserError, "赵敏"):
            self.payroll_run.with_user(self.hr_x).action_export_bank()

    def test_exports_leave_no_attachment(self):
        Attachment = self.env["ir.attachment"].sudo()
        before = Attachment.search_count([])
        for action in (
            self.payroll_run.with_user(self.hr_x).action_export_register(),
            self.payroll_run.with_user(self.hr_x).action_export_bank(),
            self.payroll_run.with_user(self.hr_x).action_export_insurance(),
            self.payroll_run.with_user(self.hr_x).action_export_iit(),
        ):
            self.assertEqual(action["type"], "ir.actions.act_url")
            self.assertTrue(action["url"].startswith(f"/sgz_hr/payroll/{self.payroll_run.id}/"))
        self.assertEqual(Attachment.search_count([]), before)
        # another provider's HR cannot download them
        with self.assertRaisesMsg(AccessError, "您不能打开此工资核算：它属于其他单位"):
            self.payroll_run.with_user(self.hr_y)._sgz_export_content("bank")

    def test_a_month_reads_as_a_month(self):
        """Issue 20 §12: the run and payslip lists show 2024年2月, not 2024年02月01日."""
        zh = self.payroll_run.with_context(lang="zh_CN")
        self.assertEqual(zh.month_label, "2024年2月")
        self.assertEqual(self.payslip.with_context(lang="zh_CN").month_label, "2024年2月")
        arch = self.env["sgz.payroll.run"].get_views([(False, "list")])["views"]["list"]["arch"]
        self.assertIn('name="month_label"', arch)


@tagged("post_install", "-at_install", "sgz_hr")
class TestPayslipPdf(HttpCase, SgzHrCase):
    """A real PDF (wkhtmltopdf), one payslip and a whole run merged, read back with pdftotext.

    An HttpCase: wkhtmltopdf fetches the report's stylesheets from the running server, which must read the
    test's own transaction (a TransactionCase would wait on its locks).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.li = cls._worker("李娜", body="43022319950315124")
        cls._contract(cls.li, 10000, "2024-01-01")
        cls.zhao = cls._worker("赵敏", body="43022319960620221")
        cls._contract(cls.zhao, 6081.12, "2024-01-01")
        cls.payroll_run = cls._run(month(2024, 1))
        cls.payslip = cls.payroll_run.payslip_ids.filtered(lambda p: p.employee_id == cls.li)

    def test_payslip_pdf(self):
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        report = self.env.ref("sgz_hr.action_report_sgz_payslip").with_context(force_report_rendering=True)
        pdf, kind = report.with_user(self.hr_x)._render_qweb_pdf(report.report_name, self.payslip.ids)
        self.assertEqual(kind, "pdf")
        text = self._pdf_text(pdf)
        self.assertIn("李娜", text)
        self.assertIn(rmb_upper(self.payslip.net), text.replace(" ", ""))
        self.assertIn("实发", text)
        # under 扣款 each deduction (stored negative) reads as the amount taken, without a minus sign (issue 20 §12);
        # read in the HTML, since the figures' font has no text mapping in the PDF
        html = report.with_user(self.hr_x)._render_qweb_html(report.report_name, self.payslip.ids)[0].decode()
        html = html.replace("&nbsp;", " ").replace("\xa0", " ")
        self.assertIn("2024年1月", html)  # the title's month as a month, not 2024-01 (issue 20 §12)
        deductions = self.payslip.line_ids.filtered(lambda line: line.category == "deduction" and line.amount)
        self.assertTrue(deductions)
        for line in deductions:
            self.assertLess(line.amount, 0)
            self.assertIn(f"{abs(line.amount):,.2f}", html)
            self.assertNotIn(f"-{abs(line.amount):,.2f}", html)
        # the whole run (two payslips), as the run's print button does: one document, a page each (issue 20 §13)
        self.assertEqual(len(self.payroll_run.payslip_ids), 2)
        pdf, kind = report._render_qweb_pdf(report.report_name, self.payroll_run.payslip_ids.ids)
        self.assertEqual(kind, "pdf")
        text = self._pdf_text(pdf)
        self.assertIn("李娜", text)
        self.assertIn("赵敏", text)
        self.assertGreaterEqual(text.count("\f"), 2)  # one page per payslip at least

    def _pdf_text(self, pdf):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            text = subprocess.run(
                ["pdftotext", "-layout", file.name, "-"], check=True, capture_output=True, text=True
            ).stdout
        # the CJK fonts map some characters to their compatibility forms (⼯ for 工): compare the NFKC form
        return unicodedata.normalize("NFKC", text)
