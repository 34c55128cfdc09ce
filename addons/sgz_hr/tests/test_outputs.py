import base64
import io

import openpyxl

from odoo.tests import tagged

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
        cls.li = cls._worker("李娜", body="43022319950315124", barcode="X001")
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
        cls._run(month(2024, 1), confirm=True)
        cls.payroll_run = cls._run(month(2024, 2))
        cls.payslip = cls.payroll_run.payslip_ids

    def _sheet(self, action):
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))
        return workbook

    def test_iit_sheet(self):
        self.assertEqual(list(IIT_WAGE_HEADERS), EXPECTED_IIT_HEADERS)
        workbook = self._sheet(self.payroll_run.action_export_iit())
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
        register = self._sheet(self.payroll_run.with_context(lang="en_US").action_export_register()).active
        rows = list(register.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "Worker")
        self.assertEqual(rows[1][0], "李娜")
        self.assertIn(float(self.payslip.net), rows[1])
        bank = self._sheet(self.payroll_run.with_context(lang="en_US").action_export_bank()).active
        rows = list(bank.iter_rows(values_only=True))
        self.assertEqual(rows[1][-1], float(self.payslip.net))
        insurance = self._sheet(self.payroll_run.with_context(lang="en_US").action_export_insurance()).active
        rows = list(insurance.iter_rows(values_only=True))
        header = list(rows[0])
        self.assertEqual(rows[1][header.index("Pension (employer)")], 1600)
        self.assertEqual(rows[1][header.index("Pension (employee)")], 800)
        self.assertEqual(rows[1][header.index("Contribution Base")], 10000)

    def test_payslip_report_renders_in_chinese(self):
        report = self.env.ref("sgz_hr.action_report_sgz_payslip")
        html, _kind = report._render_qweb_html(report.report_name, self.payslip.ids)
        html = html.decode()
        self.assertIn(rmb_upper(self.payslip.net), html)
        self.assertIn("李娜", html)
        self.assertIn("实发", html)  # "Net Pay" in Chinese
        pdf, kind = report._render_qweb_pdf(report.report_name, self.payslip.ids)
        self.assertTrue(pdf)
