import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SgzHrCase, month


@tagged("post_install", "-at_install", "sgz_hr")
class TestContracts(SgzHrCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker = cls._worker("李娜", body="43022319950315124")

    def test_defaults_from_station(self):
        contract = self._contract(self.worker, 5000, "2024-01-01")
        self.assertEqual(contract.sgz_station_id, self.station_a1)
        self.assertEqual(contract.sgz_scheme_region_id, self.region_county_a)

    def test_negative_wage_refused(self):
        with self.assertRaisesMsg(ValidationError, "cannot be negative"):
            self._contract(self.worker, -100, "2024-01-01")
        with self.assertRaisesMsg(ValidationError, "cannot be negative"):
            self._contract(self.worker, 5000, "2024-01-01", sgz_allowance=-1)
        self.assertFalse(self.env["hr.contract"].search([("employee_id", "=", self.worker.id)]))

    def test_non_numeric_wage_refused(self):
        with self.assertRaisesMsg(ValidationError, "must be a number"):
            self.env["hr.contract"].with_user(self.hr_x).with_context(lang="en_US").create(
                {"name": "x", "employee_id": self.worker.id, "wage": "五千", "date_start": "2024-01-01"}
            )
        self.assertFalse(self.env["hr.contract"].search([("employee_id", "=", self.worker.id)]))

    def test_overlapping_contract_refused(self):
        self._contract(self.worker, 5000, "2024-01-01", "2024-12-31")
        with self.assertRaisesMsg(ValidationError, "overlaps|one contract at the same time"):
            self._contract(self.worker, 5000, "2024-06-01", state="draft")
        with self.assertRaisesMsg(ValidationError, "overlaps|one contract at the same time"):
            self._contract(self.worker, 5000, "2024-12-31", "2025-12-31")
        following = self._contract(self.worker, 5200, "2025-01-01", "2025-12-31", state="draft")
        self.assertTrue(following)

    def test_minimum_wage(self):
        # 攸县 in tier 2 of Hunan's 2022 standard: 1,740 a month
        self.region_county_a.sgz_min_wage_tier = "2"
        with self.assertRaisesMsg(ValidationError, "below the minimum monthly wage"):
            self._contract(self.worker, 1700, "2024-01-01")
        contract = self._contract(self.worker, 1740, "2024-01-01")
        self.assertEqual(contract.wage, 1740)
        # without a tier, the lowest tier (1,550) applies
        other = self._worker("王强", body="43022419960620222", station=self.station_b1)
        with self.assertRaisesMsg(ValidationError, "below the minimum monthly wage"):
            self._contract(other, 1500, "2024-01-01")
        self._contract(other, 1550, "2024-01-01")
        # before the 2022 standard there is no row: nothing to refuse
        minimum = self.env["sgz.minimum.wage"]._sgz_applicable(
            self.region_county_a, datetime.date(2022, 3, 31)
        )
        self.assertFalse(minimum)

    def test_ending_contract_notice_30_days_ahead(self):
        """hr_contract's own expiry notice, 30 days on provider companies (no cron of sgz's own)."""
        self.assertEqual(self.provider_x.contract_expiration_notice_period, 30)
        contract = self._contract(self.worker, 5000, "2024-01-01", "2024-06-30")
        Contract = self.env["hr.contract"]
        with freeze_time("2024-05-30"):
            Contract.update_state()
        self.assertFalse(contract.activity_ids)
        with freeze_time("2024-05-31"):
            Contract.update_state()
        self.assertEqual(contract.kanban_state, "blocked")
        self.assertEqual(len(contract.activity_ids), 1)
        self.assertEqual(contract.activity_ids.date_deadline, datetime.date(2024, 6, 30))


@tagged("post_install", "-at_install", "sgz_hr")
class TestAgreementLink(SgzHrCase):
    """Contracts and recruitment plans belong to the provider's service agreement (sgz_procurement)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Agreement = cls.env["sgz.agreement"]
        cls.agreement_x = Agreement.create(
            {
                "name": "攸县社工站服务协议",
                "company_id": cls.county_a.id,
                "provider_id": cls.provider_x.id,
                "station_line_ids": [(0, 0, {"station_id": cls.station_a1.id, "worker_quota": 2})],
            }
        )
        cls.agreement_y = Agreement.create(
            {
                "name": "茶陵县社工站服务协议",
                "company_id": cls.county_b.id,
                "provider_id": cls.provider_y.id,
                "station_line_ids": [(0, 0, {"station_id": cls.station_b1.id})],
            }
        )
        cls.worker = cls._worker("周敏", body="43022319960101124")

    def test_contract_takes_the_agreement_of_its_station(self):
        contract = self._contract(self.worker, 5000, "2024-01-01")
        self.assertEqual(contract.sgz_agreement_id, self.agreement_x)

    def test_contract_agreement_of_another_provider_refused(self):
        with self.assertRaisesMsg(ValidationError, "one that 攸县同心社会工作服务中心 signed"):
            self._contract(self.worker, 5000, "2024-01-01", sgz_agreement_id=self.agreement_y.id)
        self.assertFalse(self.env["hr.contract"].search([("employee_id", "=", self.worker.id)]))

    def test_contract_station_outside_agreement_refused(self):
        with self.assertRaisesMsg(ValidationError, "are not stations of"):
            self._contract(
                self.worker,
                5000,
                "2024-01-01",
                sgz_station_id=self.station_a2.id,
                sgz_agreement_id=self.agreement_x.id,
            )

    def test_recruitment_plan_per_agreement(self):
        Plan = self.env["sgz.recruitment.plan"]
        plan = Plan.create(
            {
                "name": "2024年攸县驻站社工招聘方案",
                "company_id": self.provider_x.id,
                "agreement_id": self.agreement_x.id,
                "date_from": "2024-01-01",
                "date_to": "2024-02-29",
                "line_ids": [(0, 0, {"station_id": self.station_a1.id, "positions": 2})],
            }
        )
        self.assertEqual(plan.county_id, self.county_a)
        with self.assertRaisesMsg(ValidationError, "are not stations of"):
            plan.write({"line_ids": [(0, 0, {"station_id": self.station_a2.id, "positions": 1})]})
        with self.assertRaisesMsg(ValidationError, "one that 攸县同心社会工作服务中心 signed"):
            Plan.create(
                {
                    "name": "错误方案",
                    "company_id": self.provider_x.id,
                    "agreement_id": self.agreement_y.id,
                    "date_from": "2024-01-01",
                    "date_to": "2024-02-29",
                }
            )


@tagged("post_install", "-at_install", "sgz_hr")
class TestContractInput(SgzHrCase):
    """Issue 7, points 4 and 5: bad contract input refused with a sentence; paid contracts never deleted."""

    def test_bad_contract_input_refused(self):
        worker = self._worker(
            "李娜", body="43022320090315124", sgz_hire_date="2025-04-01"
        )  # born 15 March 2009
        Contract = self.env["hr.contract"].with_user(self.hr_x).with_context(lang="zh_CN")
        base = {"employee_id": worker.id, "company_id": self.provider_x.id, "wage": 5000}
        with self.assertRaisesMsg(ValidationError, "未满16周岁"):
            Contract.create({**base, "name": "李娜 2025", "date_start": "2025-03-14"})
        with self.assertRaisesMsg(ValidationError, "不能晚于2099年"):
            Contract.create({**base, "name": "李娜 2100", "date_start": "2100-01-01"})
        for field in ("wage", "sgz_allowance", "sgz_performance_pay"):
            with self.assertRaisesMsg(ValidationError, "超过每月100万元"):
                Contract.create({**base, "name": "李娜", "date_start": "2025-04-01", field: 1_000_001})
        with self.assertRaisesMsg(ValidationError, "请填写劳动合同名称|合同参考不能为空"):
            Contract.create({**base, "name": "  ", "date_start": "2025-04-01"})
        contract = Contract.create(
            {**base, "name": "李娜 2025", "date_start": "2025-03-15", "wage": 1_000_000}
        )
        self.assertEqual(contract.wage, 1_000_000)

    def test_paid_contract_never_deleted(self):
        worker = self._worker("王强", body="43022319940808333")
        paid = self._contract(worker, 5000, "2024-01-01", "2024-01-31", state="close")
        self._run(month(2024, 1), confirm=True)
        for env_user in (self.hr_x, self.env.user):
            with self.assertRaisesMsg(UserError, "stays on record|须留档"):
                paid.with_user(env_user).unlink()
        unpaid = self._contract(worker, 5000, "2024-03-01", "2024-03-31", state="draft")
        unpaid.with_user(self.hr_x).unlink()
        self.assertFalse(unpaid.exists())
