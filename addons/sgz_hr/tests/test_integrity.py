"""What a user may not do over RPC to the records payroll stands on (security review of sgz_hr, F1–F9).

Each test makes the call a client would make (``with_user``), asserts the refusal and that nothing changed.
"""

import base64
import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SgzHrCase, month

EN = {"lang": "en_US"}


@tagged("post_install", "-at_install", "sgz_hr")
class TestIntegrity(SgzHrCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.li = cls._worker("李娜", body="43022319950315124")
        cls.wang = cls._worker("王强", body="43022319940808333", station=cls.station_a2)
        cls.contract_li = cls._contract(cls.li, 10000, "2023-06-01")
        cls.zhao = cls._worker(
            "赵敏", body="43022419960101122", station=cls.station_b1
        )  # provider Y's worker

    def _payslip(self, run, worker):
        payslip = run.payslip_ids.filtered(lambda p: p.employee_id == worker and not p.is_adjustment)
        self.assertEqual(len(payslip), 1)
        return payslip

    def _deduction(self, worker, kind, standard, date_from, date_to=False, user=None, **vals):
        Deduction = self.env["sgz.special.deduction"]
        if user:
            Deduction = Deduction.with_user(user)
        return Deduction.with_context(**EN).create(
            {
                "company_id": worker.company_id.id,
                "employee_id": worker.id,
                "kind": kind,
                "standard_id": self.env.ref(f"sgz_hr.{standard}").id if standard else False,
                "date_from": date_from,
                "date_to": date_to,
                "declared_date": date_from,
                **vals,
            }
        )

    # F1 ---------------------------------------------------------------------------------------------------------
    def test_f1_special_deduction_stays_with_its_worker(self):
        deduction = self._deduction(self.li, "mortgage_interest", "sad_mortgage_interest_2019", "2024-01-01")
        as_hr = deduction.with_user(self.hr_x).with_context(**EN)
        with self.assertRaisesMsg(UserError, "were set when it was created and cannot change"):
            as_hr.write({"employee_id": self.wang.id})
        with self.assertRaisesMsg(UserError, "were set when it was created and cannot change"):
            as_hr.write({"company_id": self.provider_y.id})
        self.assertEqual((deduction.employee_id, deduction.company_id), (self.li, self.provider_x))
        # another employer's worker: refused at creation
        with self.assertRaisesMsg(AccessError, "创建|新建|create"):
            self._deduction(
                self.zhao, "mortgage_interest", "sad_mortgage_interest_2019", "2024-01-01", user=self.hr_x
            )
        as_hr.write({"date_to": "2024-12-31"})  # the declaration itself may still be corrected
        self.assertEqual(deduction.date_to, datetime.date(2024, 12, 31))

    def test_f1_full_year_decision_stays_with_its_worker(self):
        decision = (
            self.env["sgz.iit.full.year.deduction"]
            .with_user(self.hr_x)
            .create({"company_id": self.provider_x.id, "employee_id": self.li.id, "year": 2024})
        )
        as_hr = decision.with_user(self.hr_x).with_context(**EN)
        for vals in ({"employee_id": self.wang.id}, {"company_id": self.provider_y.id}):
            with self.assertRaisesMsg(UserError, "were set when it was created and cannot change"):
                as_hr.write(vals)
        self.assertEqual((decision.employee_id, decision.company_id), (self.li, self.provider_x))

    def test_f1_contribution_base_correction_changes_the_amount_only(self):
        payslip = self._payslip(self._run(month(2024, 1)), self.li)
        base = payslip.contribution_base_id
        before = (base.employee_id, base.company_id, base.year, base.amount, base.source, base.months)
        as_hr = base.with_user(self.hr_x).with_context(**EN)
        for extra in (
            {"employee_id": self.wang.id},
            {"year": 2020},
            {"company_id": self.provider_y.id},
            {"source": "previous_year"},
            {"months": 12},
        ):
            with self.assertRaisesMsg(UserError, "changes only by a correction"):
                as_hr.write({"amount": 9000, "correction_reason": "核对工资表", **extra})
        with self.assertRaisesMsg(UserError, "goes with the corrected declared wage"):
            as_hr.write({"correction_reason": "核对工资表"})
        self.assertEqual(
            (base.employee_id, base.company_id, base.year, base.amount, base.source, base.months), before
        )
        as_hr.write({"amount": 9000, "correction_reason": "核对工资表"})
        self.assertEqual((base.amount, base.source, base.employee_id), (9000, "corrected", self.li))

    # F2 ---------------------------------------------------------------------------------------------------------
    def test_f2_personnel_document_stays_in_its_file(self):
        document = (
            self.env["sgz.personnel.document"]
            .with_user(self.hr_x)
            .create({"employee_id": self.li.id, "kind": "diploma", "file": base64.b64encode(b"diploma")})
        )
        as_hr = document.with_user(self.hr_x).with_context(**EN)
        with self.assertRaisesMsg(UserError, "were set when it was created and cannot change"):
            as_hr.write({"employee_id": self.wang.id})
        with self.assertRaisesMsg(
            UserError, "Company of Personnel File Document change only through the buttons"
        ):
            as_hr.write({"company_id": self.provider_y.id})
        self.assertEqual((document.employee_id, document.company_id), (self.li, self.provider_x))

    def test_f2_worker_not_moved_to_another_employer(self):
        for user in (self.hr_x, self.manager_x, self.admin):
            with self.assertRaisesMsg(UserError, "stays with the employer that hired them"):
                self.li.with_user(user).with_context(**EN).write(
                    {"company_id": self.provider_y.id, "sgz_station_id": self.station_b1.id}
                )
        self.assertEqual((self.li.company_id, self.li.sgz_station_id), (self.provider_x, self.station_a1))
        # an HR user moves no worker at all, not even one without a contract
        with self.assertRaisesMsg(UserError, "stays with the employer that hired them"):
            self.wang.with_user(self.hr_x).with_context(**EN).write(
                {"company_id": self.provider_y.id, "sgz_station_id": self.station_b1.id}
            )
        self.assertEqual(self.wang.company_id, self.provider_x)

    def test_f2_contract_for_another_employers_worker_refused(self):
        Contract = self.env["hr.contract"].with_user(self.hr_x).with_context(**EN)
        with self.assertRaisesMsg(ValidationError, "worker of another organization"):
            Contract.create(
                {
                    "name": "赵敏 2024",
                    "employee_id": self.zhao.id,
                    "company_id": self.provider_x.id,
                    "sgz_station_id": self.station_a1.id,
                    "wage": 5000,
                    "date_start": "2024-01-01",
                }
            )
        self.assertFalse(self.env["hr.contract"].search([("employee_id", "=", self.zhao.id)]))

    def test_f2_overlap_message_does_not_reveal_another_employers_contract(self):
        # a contract of provider Y, kept after the worker moved (by the superuser) to provider X
        secret = self._contract(self.zhao, 6000, "2024-01-01", name="益民机密合同")
        self.zhao.sudo().write({"company_id": self.provider_x.id, "sgz_station_id": self.station_a1.id})
        Contract = self.env["hr.contract"].with_user(self.hr_x).with_context(**EN)
        with self.assertRaisesMsg(ValidationError, "overlaps another contract of the same worker") as caught:
            Contract.create(
                {
                    "name": "赵敏 2024",
                    "employee_id": self.zhao.id,
                    "company_id": self.provider_x.id,
                    "wage": 5000,
                    "date_start": "2024-03-01",
                }
            )
        self.assertNotIn(secret.name, str(caught.exception))
        self.assertNotIn("2024-01-01", str(caught.exception))

    # F5 ---------------------------------------------------------------------------------------------------------
    def test_f5_deduction_without_standard_refused(self):
        # infant care standards start in 2022 (国发〔2022〕8号): none applies in 2021
        with self.assertRaisesMsg(ValidationError, "no published standard applies on 2021-06-01"):
            self._deduction(self.li, "infant_care", None, "2021-06-01", user=self.hr_x, monthly_amount=1000)
        # a standard of another kind
        with self.assertRaisesMsg(ValidationError, "does not apply to this kind"):
            self._deduction(
                self.li, "elderly_support", "sad_housing_rent_1_2019", "2024-01-01", user=self.hr_x
            )
        # an amount of nothing
        with self.assertRaisesMsg(ValidationError, "an amount of 0 deducts nothing"):
            self._deduction(self.li, "housing_rent", None, "2024-01-01", user=self.hr_x, monthly_amount=0)
        self.assertFalse(self.env["sgz.special.deduction"].search([("employee_id", "=", self.li.id)]))

    def test_f5_payroll_refuses_a_month_without_standard(self):
        self._deduction(self.li, "child_education", "sad_child_education_2023", "2023-06-01")
        self._run(month(2023, 12), confirm=True)
        # the standard is ended (a new one not entered yet): January 2024 has no standard
        self.env.ref("sgz_hr.sad_child_education_2023").date_to = "2023-12-31"
        run = self.env["sgz.payroll.run"].create(
            {"company_id": self.provider_x.id, "date_from": "2024-01-01"}
        )
        run.action_generate()
        with self.assertRaisesMsg(UserError, "李娜.*no published standard for 2024-01"):
            run.with_user(self.hr_x).with_context(**EN).action_compute()
        payslip = self._payslip(run, self.li)
        self.assertFalse(payslip.is_computed)
        self.assertFalse(payslip.line_ids)

    def test_f5_one_per_taxpayer_kinds(self):
        self._deduction(self.li, "housing_rent", "sad_housing_rent_1_2019", "2024-01-01", "2024-12-31")
        self._deduction(self.li, "elderly_support", "sad_elderly_support_2023", "2024-01-01")
        self._deduction(self.li, "continuing_education", "sad_continuing_education_2019", "2024-01-01")
        self._deduction(self.li, "child_education", "sad_child_education_2023", "2024-01-01")
        for kind, standard, date_from in (
            ("housing_rent", "sad_housing_rent_3_2019", "2024-06-01"),
            ("elderly_support", "sad_elderly_support_2023", "2025-01-01"),
            ("continuing_education", "sad_continuing_education_2019", "2024-09-01"),
        ):
            with self.assertRaisesMsg(ValidationError, "a taxpayer deducts it once"):
                self._deduction(self.li, kind, standard, date_from, user=self.hr_x)
        # after the first lease ended, a new one; a second child; a certificate besides the academic programme
        self._deduction(self.li, "housing_rent", "sad_housing_rent_3_2019", "2025-01-01", user=self.hr_x)
        self._deduction(self.li, "child_education", "sad_child_education_2023", "2024-01-01", user=self.hr_x)
        self._deduction(
            self.li,
            "continuing_education",
            "sad_continuing_education_certificate_2019",
            "2024-05-10",
            user=self.hr_x,
        )
        with self.assertRaisesMsg(ValidationError, "a taxpayer deducts it once"):
            self._deduction(
                self.li,
                "continuing_education",
                "sad_continuing_education_certificate_2019",
                "2024-11-10",
                user=self.hr_x,
            )
        self.assertEqual(
            self.env["sgz.special.deduction"].search_count([("employee_id", "=", self.li.id)]), 7
        )

    # F6 ---------------------------------------------------------------------------------------------------------
    def test_f6_payment_date_bounded_and_one_run_per_tax_month(self):
        Run = self.env["sgz.payroll.run"].with_user(self.hr_x).with_context(**EN)
        for payment in ("2024-02-29", "2024-05-01", "2099-01-01"):
            with self.assertRaisesMsg(
                ValidationError, "between the first day of their month and the last day"
            ):
                Run.create(
                    {"company_id": self.provider_x.id, "date_from": "2024-03-01", "payment_date": payment}
                )
        march = Run.create(
            {"company_id": self.provider_x.id, "date_from": "2024-03-01", "payment_date": "2024-04-30"}
        )
        with self.assertRaisesMsg(ValidationError, "already paid in 2024-04"):
            Run.create(
                {"company_id": self.provider_x.id, "date_from": "2024-04-01", "payment_date": "2024-04-15"}
            )
        april = Run.create(
            {"company_id": self.provider_x.id, "date_from": "2024-04-01", "payment_date": "2024-05-15"}
        )
        with self.assertRaisesMsg(ValidationError, "already paid in 2024-04"):
            april.write({"payment_date": "2024-04-30"})
        with self.assertRaisesMsg(ValidationError, "between the first day"):
            april.write({"payment_date": "2024-07-01"})
        self.assertEqual(
            (march.payment_date, april.payment_date), (datetime.date(2024, 4, 30), datetime.date(2024, 5, 15))
        )
        # another employer pays in the same month freely
        self.env["sgz.payroll.run"].with_user(self.hr_y).create(
            {"company_id": self.provider_y.id, "date_from": "2024-04-01", "payment_date": "2024-04-30"}
        )

    # F7 ---------------------------------------------------------------------------------------------------------
    def _approved_adjustment(self):
        original = self._payslip(self._run(month(2024, 1), confirm=True), self.li)
        february = self._run(month(2024, 2))
        adjustment = self._adjust(original, february, performance_pay=2000)
        return february, adjustment

    def _figures(self, payslip):
        return (
            payslip.performance_pay,
            payslip.gross,
            payslip.tax,
            payslip.net,
            payslip.paid_gross,
            sorted((line.code, line.amount) for line in payslip.line_ids),
            [(p.base_wage, p.allowances, p.performance_pay) for p in payslip.period_ids],
        )

    def test_f7_approved_adjustment_is_frozen(self):
        february, adjustment = self._approved_adjustment()
        before = self._figures(adjustment)
        self.assertEqual(adjustment.paid_gross, 2000)
        as_hr = adjustment.with_user(self.hr_x).with_context(**EN)
        for vals in ({"performance_pay": 5000}, {"unpaid_leave_deduction": 100}):
            with self.assertRaisesMsg(UserError, "is locked"):
                as_hr.write(vals)
        with self.assertRaisesMsg(UserError, "is locked"):
            adjustment.period_ids.with_user(self.hr_x).with_context(**EN).write({"base_wage": 20000})
        # computing again with nothing changed leaves it as approved
        february.with_user(self.hr_x).action_compute()
        as_hr.action_compute()
        self.assertEqual(self._figures(adjustment), before)
        # the worker's February payslip, paid with it, changes: the approved figures would move, refused
        regular = self._payslip(february, self.li)
        regular.with_user(self.hr_x).write({"performance_pay": 40000})
        with self.assertRaisesMsg(UserError, "adjustment of 李娜 is approved"):
            february.with_user(self.hr_x).with_context(**EN).action_compute()
        self.assertEqual(self._figures(adjustment), before)
        self.assertTrue(adjustment._sgz_is_approved("confirmed"))
        # the way out: delete the adjustment (a draft), compute, confirm
        adjustment.with_user(self.hr_x).unlink()
        february.with_user(self.hr_x).action_compute()
        february.with_user(self.hr_x).action_confirm()
        self.assertEqual(regular.state, "confirmed")

    def test_f7_worker_does_not_approve_own_adjustment(self):
        manager_x2 = self._user("manager_x2", "provider_manager", self.provider_x)
        self.li.sudo().user_id = self.manager_x
        original = self._payslip(self._run(month(2024, 1), confirm=True), self.li)
        february = self._run(month(2024, 2))
        action = original.with_user(self.hr_x).action_create_adjustment()
        adjustment = self.env["sgz.payslip"].browse(action["res_id"])
        adjustment.with_user(self.hr_x).write({"performance_pay": 2000, "adjustment_reason": "绩效工资补发"})
        adjustment.with_user(self.hr_x).action_compute()
        adjustment.with_user(self.hr_x).action_request_confirmation()
        self.assertFalse(adjustment.with_user(self.manager_x).sgz_can_review)
        with self.assertRaisesMsg(UserError, "is your own pay"):
            adjustment.with_user(self.manager_x).with_context(**EN).action_sgz_approve()
        review = adjustment.sudo().sgz_review_ids
        with self.assertRaisesMsg(UserError, "is your own pay"):
            review.with_user(self.manager_x).with_context(**EN).action_approve()
        self.assertEqual(review.state, "pending")
        self.assertFalse(adjustment._sgz_is_approved("confirmed"))
        adjustment.with_user(manager_x2).action_sgz_approve()
        self.assertTrue(adjustment._sgz_is_approved("confirmed"))
        february.with_user(self.hr_x).action_confirm()
        self.assertEqual(adjustment.state, "confirmed")

    # F8 ---------------------------------------------------------------------------------------------------------
    def test_f8_paid_contract_frozen(self):
        self._run(month(2024, 1), confirm=True)
        contract = self.contract_li
        before = (
            contract.wage,
            contract.date_start,
            contract.date_end,
            contract.employee_id,
            contract.company_id,
        )
        as_hr = contract.with_user(self.hr_x).with_context(**EN)
        for vals in (
            {"wage": 12000},
            {"sgz_allowance": 500},
            {"sgz_performance_pay": 500},
            {"sgz_housing_fund_rate": 5},
            {"date_start": "2023-07-01"},
            {"date_end": "2024-01-15"},
            {"employee_id": self.wang.id},
            {"state": "cancel"},
        ):
            with self.assertRaisesMsg(
                UserError,
                "Payslips were confirmed under the labor contract .* up to 2024-01-31|"
                "is locked \\(payslips confirmed up to 2024-01-31\\)",
            ):
                as_hr.write(vals)
        with self.assertRaisesMsg(UserError, "stays on record"):
            contract.with_user(self.admin).with_context(**EN).unlink()
        self.assertEqual(
            (
                contract.wage,
                contract.date_start,
                contract.date_end,
                contract.employee_id,
                contract.company_id,
            ),
            before,
        )
        # ending it after the months paid is still possible
        as_hr.write({"date_end": "2024-01-31"})
        self.assertEqual(contract.date_end, datetime.date(2024, 1, 31))

    def test_f8_contract_in_force_not_deleted(self):
        contract = self._contract(self.wang, 6000, "2024-01-01")  # open, no payslip yet
        with self.assertRaisesMsg(UserError, "is in force or has payslips"):
            contract.with_user(self.hr_x).with_context(**EN).unlink()
        self.assertTrue(contract.exists())
        # with a draft payslip, a cancelled contract stays too
        run = self._run(month(2024, 1))
        self.assertTrue(run.payslip_ids.filtered(lambda p: p.contract_id == contract))
        contract.state = "cancel"
        with self.assertRaisesMsg(UserError, "is in force or has payslips"):
            contract.with_user(self.hr_x).with_context(**EN).unlink()
        self.assertTrue(contract.exists())

    # F9 ---------------------------------------------------------------------------------------------------------
    def test_f9_birthday_and_gender_follow_the_id_card(self):
        # 430223 19950315 124: born 15 March 1995, 17th digit 2 (even): a woman
        self.assertEqual((self.li.birthday, self.li.gender), (datetime.date(1995, 3, 15), "female"))
        as_hr = self.li.with_user(self.hr_x).with_context(**EN)
        for vals in ({"birthday": "1990-01-01"}, {"gender": "male"}, {"birthday": False}):
            with self.assertRaisesMsg(ValidationError, "come from the ID card number"):
                as_hr.write(vals)
        self.assertEqual((self.li.birthday, self.li.gender), (datetime.date(1995, 3, 15), "female"))
        # a new ID number sets them (17th digit 1, odd: a man)
        as_hr.write({"identification_id": "43022319900101131" + self._check_digit("43022319900101131")})
        self.assertEqual((self.li.birthday, self.li.gender), (datetime.date(1990, 1, 1), "male"))

    @staticmethod
    def _check_digit(body):
        from stdnum.cn import ric

        return ric.calc_check_digit(body + "0")


@tagged("post_install", "-at_install", "sgz_hr")
class TestWorkerNumbersMasked(SgzHrCase):
    """Issue 15.2: a worker's ID number and bank account show in full on the worker's own form only. A list, a
    search, a read of several workers and an export carry the mask; no aggregate but a count lists them in bulk
    (``read_group(['identification_id:array_agg'])`` returned every number of the provider)."""

    def test_no_number_in_bulk(self):
        li = self._worker("李娜", body="43022319950315124")
        wang = self._worker("王强", body="43022319940808333", station=self.station_a2)
        raw = li.identification_id
        masked = raw[:3] + "*" * 11 + raw[-4:]
        self.hr_x.groups_id += self.env.ref("base.group_allow_export")
        Employee = self.env["hr.employee"].with_user(self.hr_x)
        # the worker's own form reads the number in full
        self.assertEqual(
            li.with_user(self.hr_x).web_read({"identification_id": {}})[0]["identification_id"], raw
        )
        rows = Employee.search_read([("id", "in", (li | wang).ids)], ["identification_id"])
        self.assertNotIn(raw, str(rows))
        self.assertIn(masked, str(rows))
        self.assertNotIn(raw, str((li | wang).with_user(self.hr_x).read(["identification_id"])))
        listed = Employee.web_search_read([("id", "=", li.id)], {"identification_id": {}})["records"]
        self.assertEqual(listed[0]["identification_id"], masked)
        self.assertEqual(li.with_user(self.hr_x).export_data(["identification_id"])["datas"], [[masked]])
        for spec in ("identification_id:array_agg", "identification_id:max", "bank_account_id:array_agg"):
            with (
                self.subTest(spec=spec),
                self.assertRaisesMsg(
                    AccessError, "(Identification No|Bank Account) of Employee is personal or sealed"
                ),
            ):
                Employee.read_group([], [spec], ["company_id"])
        with self.assertRaisesMsg(AccessError, "Identification No of Employee is personal or sealed"):
            Employee.read_group([], ["__count"], ["identification_id"])
        self.assertTrue(Employee.read_group([], ["identification_id:count"], ["company_id"]))
        self.assertEqual(li.identification_id, raw)
