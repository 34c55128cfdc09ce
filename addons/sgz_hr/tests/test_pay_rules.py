"""Issue 15, points 3 and 6: who reads a worker's pay, and where a payslip's pay comes from.

The rule: a worker's pay amounts (contract wage, allowances and performance pay, payslips, declared
contribution bases, opening balances, the worker-month figures) are read by the provider's HR staff and
managers only. Bureau users (province, city and county officers, approvers, finance, the evaluator) see that a
contract exists, its period and station, and whether it pays at least the county's minimum wage; every way a
client reads data refuses them the amounts: read, search_read, read_group, a search on the amount, an export.
"""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SgzHrCase, month

EN = {"lang": "en_US"}
BUREAU_ROLES = (
    "province_officer",
    "city_officer",
    "county_officer",
    "county_approver",
    "county_finance",
    "evaluator",
)
PAY_FIELDS = ("wage", "contract_wage", "sgz_allowance", "sgz_performance_pay")
STORED_PAY_FIELDS = ("wage", "sgz_allowance", "sgz_performance_pay")


@tagged("post_install", "-at_install", "sgz_hr")
class TestPayRules(SgzHrCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.li = cls._worker("李娜", body="43022319950315124")
        cls.contract_li = cls._contract(
            cls.li, 4500, "2024-01-01", sgz_allowance=300, sgz_performance_pay=500
        )
        cls.january = cls._run(month(2024, 1))
        cls.payslip = cls.january.payslip_ids
        # tracked: the old and the new wage in the chatter (written when a transaction commits, and not in the
        # transaction that created the contract)
        cls.env.flush_all()
        cls.env.cr.precommit.run()
        cls.contract_li.wage = 4800
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    # ---- point 6: a period's pay is its contract's --------------------------------------------------------
    def test_period_pay_is_the_contracts(self):
        """HR sets a draft payslip's period to 50,000 against a contract of 4,500: refused, by a direct write and
        through the payslip's lines as the form sends it; nothing changes."""
        period = self.payslip.period_ids
        self.assertEqual(period.base_wage, 4500)
        for vals in ({"base_wage": 50000}, {"allowances": 9000}, {"date_from": "2023-12-01"}):
            with self.subTest(vals=vals), self.assertRaisesMsg(UserError, "labor contract .*adjustment"):
                period.with_user(self.hr_x).with_context(**EN).write(vals)
        with self.assertRaisesMsg(UserError, "labor contract .*adjustment"):
            self.payslip.with_user(self.hr_x).with_context(**EN).write(
                {"period_ids": [Command.update(period.id, {"base_wage": 50000})]}
            )
        with self.assertRaisesMsg(UserError, "created by their actions only"):
            self.payslip.with_user(self.hr_x).with_context(**EN).write(
                {
                    "period_ids": [
                        Command.create(
                            {
                                "contract_id": self.contract_li.id,
                                "base_wage": 50000,
                                "date_from": "2024-01-01",
                                "date_to": "2024-01-31",
                                "company_id": self.provider_x.id,
                            }
                        )
                    ]
                }
            )
        self.assertEqual(period.base_wage, 4500)
        self.january.action_compute()
        self.assertEqual(self.payslip.gross, 5300)  # 4,500 + 300 + 500

    def test_different_pay_is_an_approved_adjustment(self):
        """The way to pay another figure: an adjustment of the confirmed month, its period corrected (traced in
        the chatter), its reason given, approved by a provider manager. January paid 4,500 + 300 + 500 =
        5,300; the base wage should have been 4,600: the adjustment pays 100 more."""
        self.january.action_confirm()
        february = self._run(month(2024, 2))
        action = self.payslip.with_user(self.hr_x).action_create_adjustment()
        adjustment = self.env["sgz.payslip"].browse(action["res_id"])
        adjustment.period_ids.with_user(self.hr_x).write({"base_wage": 4600})
        message = adjustment.message_ids[:1]
        self.assertIn("4500.00 → 4600.00", message.body)
        self.assertEqual(message.author_id, self.hr_x.partner_id)
        adjustment.with_user(self.hr_x).action_compute()
        self.assertEqual((adjustment.gross, adjustment.paid_gross), (5400, 100))
        with self.assertRaisesMsg(UserError, "Give the reason"):
            adjustment.with_user(self.hr_x).with_context(**EN).action_request_confirmation()
        adjustment.with_user(self.hr_x).write({"adjustment_reason": "1月基本工资少发100元"})
        adjustment.with_user(self.hr_x).action_request_confirmation()
        with self.assertRaisesMsg(UserError, "not approved"):
            february.with_user(self.hr_x).with_context(**EN).action_confirm()
        adjustment.with_user(self.manager_x).action_sgz_approve()
        # approved: the period is what the manager approved
        with self.assertRaisesMsg(UserError, "locked"):
            adjustment.period_ids.with_user(self.hr_x).with_context(**EN).write({"base_wage": 50000})
        february.with_user(self.hr_x).action_confirm()
        self.assertEqual((self.payslip.state, adjustment.state), ("replaced", "confirmed"))

    # ---- point 3: bureaus never read pay ------------------------------------------------------------------
    def test_bureaus_never_read_pay(self):
        Contract = self.env["hr.contract"]
        for role in BUREAU_ROLES:
            user = self.role_users[role]
            contract = self.contract_li.with_user(user).with_context(**EN)
            for name in PAY_FIELDS:
                # a field reserved to other roles is refused in the user's language, naming the field as the user
                # reads it (never hr.contract or the field's technical name); a role without any right on
                # contracts hears so first where the access right is checked first
                label = Contract._fields[name]._description_string(Contract.with_context(lang="zh_CN").env)
                field_refused = field_refused_zh = f"您的角色不能查看员工合同的{label}"
                refused_zh = f"{field_refused_zh}|您的角色不能打开员工合同"
                with self.subTest(role=role, field=name):
                    with self.assertRaisesMsg(AccessError, field_refused):
                        contract.read([name])
                    with self.assertRaisesMsg(AccessError, field_refused_zh):
                        Contract.with_user(user).search_read([("id", "=", self.contract_li.id)], [name])
                    if name in STORED_PAY_FIELDS:
                        with self.assertRaisesMsg(AccessError, refused_zh):
                            Contract.with_user(user).read_group([], [f"{name}:sum"], ["sgz_station_id"])
                        with self.assertRaisesMsg(AccessError, refused_zh):
                            Contract.with_user(user).search([(name, ">", 0)])
                    with self.assertRaisesMsg(UserError, "rights to export|not allowed to access"):
                        contract.export_data([name])
            for model, label in (
                ("sgz.payslip", "工资单"),
                ("sgz.payslip.line", "工资单明细"),
                ("sgz.payslip.period", "工资单合同期间"),
                ("sgz.payslip.month", "社工月度薪酬"),
                ("sgz.contribution.base", "申报缴费基数"),
                ("sgz.payroll.opening", "本年期初累计数"),
                ("sgz.payroll.run", "工资核算"),
            ):
                with (
                    self.subTest(role=role, model=model),
                    self.assertRaisesMsg(AccessError, f"您的角色不能打开{label}。"),
                ):
                    self.env[model].with_user(user).search_read([], ["id"])
            # the tracked wage in the chatter is shown to nobody without the field's groups
            trackings = self.env["mail.tracking.value"].search(
                [
                    ("field_id.name", "=", "wage"),
                    ("mail_message_id.model", "=", "hr.contract"),
                    ("mail_message_id.res_id", "=", self.contract_li.id),
                ]
            )
            self.assertTrue(trackings)
            self.assertFalse(trackings._filter_has_field_access(self.env(user=user)))

    @freeze_time("2024-06-15")
    def test_bureaus_see_the_contract_and_its_check(self):
        """The county and the bodies above see the contract, its period and station, and the check: on 15 June
        2024 4,800 is above 攸县's minimum (third tier: 1,550): yes. Below a new standard of 5,000 from February
        2024: no, and a bureau can list such contracts."""
        self.assertTrue(self.contract_li.sgz_meets_minimum_wage)
        for role in ("province_officer", "city_officer", "county_officer", "county_approver"):
            user = self.role_users[role]
            values = self.contract_li.with_user(user).read(
                ["name", "employee_id", "date_start", "date_end", "sgz_station_id", "sgz_meets_minimum_wage"]
            )[0]
            self.assertEqual(values["sgz_station_id"][0], self.station_a1.id)
            self.assertTrue(values["sgz_meets_minimum_wage"])
            fields_seen = self.env["hr.contract"].with_user(user).fields_get()
            self.assertFalse(set(PAY_FIELDS) & set(fields_seen))
            self.env["hr.contract"].with_user(user).get_views(
                [(False, "list"), (False, "form"), (False, "pivot")]
            )
        self.env["sgz.minimum.wage"].create(
            {
                "region_id": self.env.ref("sgz_base.region_430000").id,
                "tier": "3",
                "amount": 5000,
                "date_from": "2024-02-01",
            }
        )
        self.contract_li.invalidate_recordset(["sgz_meets_minimum_wage"])
        self.assertFalse(self.contract_li.with_user(self.officer_a).sgz_meets_minimum_wage)
        below = (
            self.env["hr.contract"].with_user(self.officer_a).search([("sgz_meets_minimum_wage", "=", False)])
        )
        self.assertIn(self.contract_li, below)

    def test_provider_staff_read_their_pay(self):
        for user in (self.hr_x, self.manager_x):
            values = self.contract_li.with_user(user).read(list(PAY_FIELDS))[0]
            self.assertEqual((values["wage"], values["sgz_allowance"]), (4800, 300))
            self.assertEqual(self.payslip.with_user(user).gross, 5300)
        # another provider's staff read neither
        with self.assertRaisesMsg(AccessError, "您不能打开此员工合同：它属于其他单位"):
            self.contract_li.with_user(self.hr_y).read(["wage"])
