import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.sgz_base.tests.sheets import import_as, read_back, sheet_row, template_as, xlsx

from .common import SgzHrCase, id_card, wrong_check_digit

ROSTER = "sgz.import.roster"
HEADERS = [
    "姓名",
    "身份证号",
    "手机号码",
    "学历",
    "所学专业",
    "社会工作专业",
    "职业资格",
    "证书编号",
    "户籍所在县（市、区）",
    "驻站站点",
    "入职日期",
    "开户银行",
    "银行账号",
    "合同开始日期",
    "合同结束日期",
    "月基本工资",
    "津贴补贴",
    "绩效工资",
]


def roster_row(name, number, station="江桥街道", start="2026-01-01", end="2027-12-31", wage="5200", **extra):
    return sheet_row(
        HEADERS,
        **{
            "姓名": name,
            "身份证号": number,
            "学历": "本科",
            "驻站站点": station,
            "合同开始日期": start,
            "合同结束日期": end,
            "月基本工资": wage,
            **extra,
        },
    )


@tagged("post_install", "-at_install")
@freeze_time("2026-12-01")
class TestRosterImport(SgzHrCase):
    """The worker roster imported by the provider's HR staff: workers, their contracts and salary accounts, every
    error listed with its row and column, nothing saved when anything is wrong."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.id_zhang = id_card("43022319950315123")
        cls.id_li = id_card("43022419960420204")
        cls.id_wang = id_card("43022319930101301")

    def _counts(self):
        company = [("company_id", "=", self.provider_x.id)]
        return (
            self.env["hr.employee"].with_context(active_test=False).search_count(company),
            self.env["hr.contract"].search_count(company),
            self.env["res.partner.bank"].search_count([("partner_id.company_id", "=", self.provider_x.id)]),
        )

    def test_template_downloaded_and_parsed_back(self):
        name, content = template_as(self.env, self.hr_x, ROSTER)
        self.assertTrue(name.endswith(".xlsx"))
        sheets = read_back(content)
        header = sheets["花名册"][0]
        self.assertEqual([column.lstrip("*") for column in header], HEADERS)
        self.assertEqual(header[1], "*身份证号")
        notes = {row[0]: row for row in sheets["填写说明"][1:] if row[0]}
        self.assertIn("大专", notes["学历"][3])
        filled = xlsx(header, [roster_row("张晓燕", self.id_zhang)])
        import_as(self.env, self.hr_x, ROSTER, filled)
        self.assertEqual(self._counts()[:2], (1, 1))

    def test_good_roster(self):
        content = xlsx(
            HEADERS,
            [
                roster_row(
                    "张晓燕",
                    self.id_zhang,
                    **{
                        "手机号码": "13800000001",
                        "所学专业": "社会工作",
                        "社会工作专业": "是",
                        "职业资格": "助理社会工作师",
                        "户籍所在县（市、区）": "攸县",
                        "开户银行": "中国建设银行攸县支行",
                        "银行账号": "6217002920101234567",
                        "津贴补贴": "600",
                        "绩效工资": 800.005,
                    },
                ),
                roster_row(
                    "李明",
                    self.id_li,
                    station="攸县皇图岭镇社会工作服务站",
                    start="2027-01-01",
                    end=None,
                    **{"户籍所在县（市、区）": "430224", "入职日期": "2026-12-15"},
                ),
            ],
        )
        action = import_as(self.env, self.hr_x, ROSTER, content)
        contracts = self.env["hr.contract"].search([("company_id", "=", self.provider_x.id)], order="id")
        self.assertEqual(len(contracts), 2)
        self.assertEqual(action["params"]["next"]["res_model"], "hr.contract")
        zhang, li = contracts.employee_id
        self.assertEqual(zhang.identification_id, self.id_zhang)
        self.assertEqual(zhang.birthday, datetime.date(1995, 3, 15))
        self.assertEqual(zhang.sgz_station_id, self.station_a1)
        self.assertEqual(zhang.sgz_education, "bachelor")
        self.assertEqual(zhang.sgz_certificate_level, "assistant")
        self.assertTrue(zhang.sgz_social_work_degree and zhang.sgz_local_household)
        self.assertEqual(zhang.sgz_hire_date, datetime.date(2026, 1, 1))
        self.assertEqual(zhang.mobile_phone, "13800000001")
        self.assertEqual(zhang.bank_account_id.acc_number, "6217002920101234567")
        self.assertEqual(zhang.bank_account_id.bank_id.name, "中国建设银行攸县支行")
        self.assertEqual(zhang.bank_account_id.partner_id, zhang.work_contact_id)
        self.assertEqual(zhang.create_uid, self.hr_x)
        first, second = contracts
        self.assertEqual((first.wage, first.sgz_allowance, first.sgz_performance_pay), (5200, 600, 800.01))
        self.assertEqual((first.state, first.sgz_station_id), ("open", self.station_a1))
        self.assertEqual(
            (second.state, second.date_end, second.sgz_station_id), ("draft", False, self.station_a2)
        )
        self.assertEqual(li.sgz_household_county_id, self.region_county_b)
        self.assertFalse(li.sgz_local_household)  # 茶陵县 registration, stationed in 攸县
        self.assertEqual(li.sgz_hire_date, datetime.date(2026, 12, 15))

    def test_bad_rows_named_nothing_saved(self):
        """Wrong checksum, unknown station, another provider's station, a contract overlapping the worker's
        contract on record, a duplicate ID in the file: every one named, nothing saved."""
        worker = self._worker("王芳", body=self.id_wang[:17])
        self._contract(worker, 5000, "2025-01-01", "2026-12-31")
        before = self._counts()
        wrong = wrong_check_digit(self.id_zhang)
        content = xlsx(
            HEADERS,
            [
                roster_row("张晓燕", wrong),
                roster_row("李明", self.id_li, station="不存在镇"),
                roster_row("赵强", id_card("43022319900101501"), station="云阳街道"),
                roster_row("王芳", self.id_wang, start="2026-06-01"),
                roster_row("周敏", id_card("43022319920202602"), **{"开户银行": "中国银行"}),
                roster_row("李明", self.id_li, end="2025-01-01"),
            ],
        )
        with self.assertRaisesMsg(UserError, "未导入") as caught:
            import_as(self.env, self.hr_x, ROSTER, content)
        message = str(caught.exception)
        for line in (
            "第2行「身份证号」：校验位不正确",
            "第3行「驻站站点」：未找到“不存在镇”",
            "第4行「驻站站点」：该站点不是本机构运营的站点",
            "第5行「合同开始日期」：与王芳的劳动合同",
            "第6行「银行账号」：开户银行和银行账号须同时填写",
            "第7行「身份证号」：与第3行相同",
        ):
            self.assertIn(line, message)
        self.assertEqual(self._counts(), before)

    def test_record_refusal_names_the_row(self):
        """What the worker's and the contract's own checks refuse (a wage under the minimum wage) is named with its
        row; the good rows are not saved either."""
        before = self._counts()
        content = xlsx(
            HEADERS, [roster_row("张晓燕", self.id_zhang), roster_row("李明", self.id_li, wage="1000")]
        )
        with self.assertRaisesMsg(UserError, "第3行：.*最低工资"):
            import_as(self.env, self.hr_x, ROSTER, content)
        self.assertEqual(self._counts(), before)

    def test_existing_worker_gets_the_new_contract(self):
        worker = self._worker("王芳", body=self.id_wang[:17])
        self._contract(worker, 5000, "2025-01-01", "2025-12-31", state="close")
        import_as(self.env, self.hr_x, ROSTER, xlsx(HEADERS, [roster_row("王芳", self.id_wang)]))
        self.assertEqual(len(worker.contract_ids), 2)
        self.assertEqual(self._counts()[0], 1)

    def test_who_may_import(self):
        content = xlsx(HEADERS, [roster_row("张晓燕", self.id_zhang)])
        for user in (self.officer_a, self.finance_a, self.evaluator):
            with self.assertRaisesMsg(UserError, "花名册只能导入承接机构"):
                import_as(self.env, user, ROSTER, content)
        # another provider's HR: the station is not theirs
        with self.assertRaisesMsg(UserError, "第2行「驻站站点」：该站点不是本机构运营的站点"):
            import_as(self.env, self.hr_y, ROSTER, content)
        self.assertEqual(self._counts()[:2], (0, 0))

    def test_salary_accounts_of_own_contacts_only(self):
        """Provider HR keep the salary accounts of their own organization's workers, no one else's."""
        own = self._worker("张晓燕", body=self.id_zhang[:17])
        other = self._worker("赵强", body="43022419900101501", station=self.station_b1)
        Account = self.env["res.partner.bank"].with_user(self.hr_x)
        account = Account.create({"partner_id": own.work_contact_id.id, "acc_number": "6217002920100000001"})
        account.acc_number = "6217002920100000002"
        theirs = self.env["res.partner.bank"].create(
            {"partner_id": other.work_contact_id.id, "acc_number": "6217002920100000003"}
        )
        with self.assertRaisesMsg(AccessError, "银行账号|res.partner.bank"):
            theirs.with_user(self.hr_x).acc_number = "6217002920100000004"
        with self.assertRaisesMsg(AccessError, "银行账号|res.partner.bank"):
            Account.create({"partner_id": other.work_contact_id.id, "acc_number": "6217002920100000005"})
