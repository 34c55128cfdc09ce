import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SgzHrCase, id_card, wrong_check_digit


@tagged("post_install", "-at_install", "sgz_hr")
class TestWorkers(SgzHrCase):
    def test_id_card_derives_birth_date_and_gender(self):
        worker = self._worker("李娜", body="43022319950315124")
        self.assertEqual(worker.birthday, datetime.date(1995, 3, 15))
        self.assertEqual(worker.gender, "female")  # 17th digit 4: even
        male = self._worker("王强", body="43022319940808333")
        self.assertEqual(male.gender, "male")
        self.assertTrue(worker.sgz_is_worker)

    def test_invalid_id_card_refused(self):
        number = id_card("43022319950315123")
        wrong = wrong_check_digit(number)
        with self.assertRaisesMsg(ValidationError, "not a valid resident ID card number"):
            self._worker("张三", identification_id=wrong)
        self.assertFalse(self.env["hr.employee"].search([("name", "=", "张三")]))
        with self.assertRaisesMsg(ValidationError, "not a valid resident ID card number"):
            self._worker("张四", identification_id="4302231995")

    def test_hire_before_sixteen_refused(self):
        with self.assertRaisesMsg(ValidationError, "at least 16 years old"):
            self._worker("小明", body="43022320120101111", sgz_hire_date="2027-12-31")
        worker = self._worker("小红", body="43022320080101112", sgz_hire_date="2024-01-01")
        self.assertEqual(worker.sgz_age_at_hire, 16)

    def test_eligibility_with_reasons(self):
        young = self._worker(
            "赵敏", body="43022319950315124", sgz_social_work_degree=True, sgz_local_household=True
        )
        self.assertTrue(young.sgz_eligible)
        self.assertTrue(young.sgz_priority_qualification)
        self.assertTrue(young.sgz_priority_local)
        self.assertIn("under 40", young.with_context(lang="en_US").sgz_eligibility_notes)
        # 40 on the hire date: not under 40; and only senior high school
        old = self._worker(
            "钱伟", body="43022319830101456", sgz_hire_date="2023-01-01", sgz_education="senior_high"
        )
        self.assertEqual(old.sgz_age_at_hire, 40)
        self.assertFalse(old.sgz_eligible)
        self.assertIn("not under 40", old.sgz_eligibility_notes)
        self.assertIn("below college", old.sgz_eligibility_notes)
        day_before = self._worker("孙丽", body="43022319830102466", sgz_hire_date="2023-01-01")
        self.assertEqual(day_before.sgz_age_at_hire, 39)
        self.assertTrue(day_before.sgz_eligible)

    def test_override_through_approval(self):
        worker = self._worker("周杰", body="43022319800101456", sgz_education="senior_high")
        self.assertFalse(worker.sgz_eligible)
        # provider HR cannot write the override, not even naming the manager who would have granted it
        for context in ({}, {"sgz_payslip_system": True}):
            with self.assertRaisesMsg(UserError, "approving an override request"):
                worker.with_user(self.hr_x).with_context(lang="en_US", **context).write(
                    {
                        "sgz_override": True,
                        "sgz_override_user_id": self.manager_x.id,
                        "sgz_override_reason": "x",
                    }
                )
        Request = self.env["sgz.eligibility.override"].with_user(self.hr_x)
        request = Request.create(
            {
                "employee_id": worker.id,
                "company_id": self.provider_x.id,
                "reason": "偏远乡镇唯一报名者，有多年社区经验",
            }
        )
        request.action_request_approval()
        self.assertEqual(request.sgz_approval_status, "pending")
        self.assertFalse(worker.sgz_override)
        with self.assertRaisesMsg(UserError, "Only members of .*Provider Manager can decide this review"):
            request.with_context(
                lang="en_US"
            ).action_sgz_approve()  # HR is no reviewer of the provider-manager tier
        with self.assertRaisesMsg(UserError, "locked"):
            request.with_context(lang="en_US").write({"reason": "换一个理由"})  # what is approved stays
        request.with_user(self.manager_x).action_sgz_approve()
        self.assertEqual(request.state, "approved")
        self.assertTrue(worker.sgz_override)
        self.assertEqual(worker.sgz_override_user_id, self.manager_x)
        self.assertEqual(request.approved_by_id, self.manager_x)
        self.assertIn("偏远乡镇唯一报名者", worker.message_ids[0].body)
        overrides = self.env["hr.employee"].search([("sgz_override", "=", True)])
        self.assertIn(worker, overrides)
        with self.assertRaisesMsg(UserError, "stays on record"):
            request.with_context(lang="en_US").unlink()

    def test_override_needs_reason(self):
        worker = self._worker("吴刚", body="43022319800101456", sgz_education="senior_high")
        # a blank reason is refused as it is sent (the rule of every required text, sgz_base)
        with self.assertRaisesMsg(UserError, "reason|原因|理由"):
            self.env["sgz.eligibility.override"].with_user(self.hr_x).create(
                {"employee_id": worker.id, "company_id": self.provider_x.id, "reason": "  "}
            )
        eligible = self._worker("赵敏", body="43022319950315124")
        request = (
            self.env["sgz.eligibility.override"]
            .with_user(self.hr_x)
            .create({"employee_id": eligible.id, "company_id": self.provider_x.id, "reason": "无需"})
        )
        with self.assertRaisesMsg(UserError, "needs no override"):
            request.with_context(lang="en_US").action_request_approval()

    def test_recruitment_plan_filing(self):
        plan = (
            self.env["sgz.recruitment.plan"]
            .with_user(self.manager_x)
            .create(
                {
                    "name": "2024年攸县社工站招聘方案",
                    "company_id": self.provider_x.id,
                    "county_id": self.county_a.id,
                    "date_from": "2024-01-01",
                    "date_to": "2024-02-28",
                    "line_ids": [(0, 0, {"station_id": self.station_a1.id, "positions": 2})],
                }
            )
        )
        self.assertEqual(plan.position_count, 2)
        self.assertEqual(plan.sgz_filing_state, "none")
        filing = plan._sgz_file()
        self.assertEqual(filing.target_company_id, self.county_a)
        self.assertEqual(plan.sgz_filing_state, "submitted")
        with self.assertRaisesMsg(UserError, "locked"):
            plan.with_user(self.manager_x).with_context(lang="en_US").write({"date_to": "2024-03-31"})
        with self.assertRaisesMsg(UserError, "locked"):
            plan.line_ids.with_user(self.manager_x).with_context(lang="en_US").write({"positions": 5})
        with self.assertRaisesMsg(UserError, "change only through the buttons"):
            plan.with_user(self.manager_x).with_context(lang="en_US").write(
                {"sgz_filing_state": "acknowledged"}
            )
        with self.assertRaisesMsg(UserError, "stays on record"):
            plan.with_user(self.manager_x).with_context(lang="en_US").unlink()
        with self.assertRaisesMsg(
            UserError, "Only an officer of 攸县民政局 can acknowledge or return this filing"
        ):
            filing.with_user(self.manager_x).with_context(lang="en_US").action_acknowledge()
        self.assertFalse(plan.with_user(self.officer_b).search([("id", "=", plan.id)]))
        self.assertTrue(plan.with_user(self.officer_a).search([("id", "=", plan.id)]))
        filing.with_user(self.officer_a).action_return("补充岗位要求")
        self.assertEqual(plan.sgz_filing_state, "returned")
        plan.with_user(self.manager_x).write({"date_to": "2024-03-31"})
        refiled = plan.with_user(self.manager_x)._sgz_file()
        refiled.with_user(self.officer_a).action_acknowledge()
        self.assertEqual(plan.sgz_filing_state, "acknowledged")
        self.assertEqual(plan.sgz_filing_count, 2)

    def test_personnel_file(self):
        worker = self._worker("郑爽", body="43022319950315124", sgz_certificate_level="assistant")
        worker = worker.with_context(lang="en_US")
        self.assertEqual(
            worker.sgz_missing_documents,
            "Signed Labor Contract, Diploma, ID Card Copy, Qualification Certificate",
        )
        self.env["sgz.personnel.document"].with_user(self.hr_x).create(
            [
                {"employee_id": worker.id, "kind": kind, "file": "aGVsbG8=", "file_name": f"{kind}.pdf"}
                for kind in ("labor_contract", "diploma", "id_copy", "certificate")
            ]
        )
        worker.invalidate_recordset()
        self.assertFalse(worker.sgz_missing_documents)
        self.assertFalse(self.env["sgz.personnel.document"].with_user(self.manager_y).search([]))

    def test_bad_worker_input_refused(self):
        """Issue 7, point 5: refused with a sentence (in Chinese for the user), never silently stored."""
        Employee = self.env["hr.employee"].with_user(self.hr_x).with_context(lang="zh_CN")
        base = {"company_id": self.provider_x.id, "sgz_station_id": self.station_a1.id}
        with freeze_time("2024-06-01"):
            # born 2030-01-01: in the future; born 1900-01-01: more than 120 years ago
            for body in ("43022320300101123", "43022319000101123"):
                with self.assertRaisesMsg(ValidationError, "出生日期"):
                    Employee.create({**base, "name": "张三", "identification_id": id_card(body)})
            first = Employee.create(
                {**base, "name": "张三", "identification_id": id_card("43022319950315123")}
            )
            with self.assertRaisesMsg(ValidationError, "已有另一名社工使用"):
                Employee.create({**base, "name": "张三丰", "identification_id": id_card("43022319950315123")})
            # the same person at another provider is another employment
            self._worker("张三", body="43022319950315123", station=self.station_b1)
            with self.assertRaisesMsg(ValidationError, "请填写社工姓名"):
                first.write({"name": "   "})
            with self.assertRaisesMsg(ValidationError, "not a valid date|日期"):
                first.write({"sgz_hire_date": "2026-02-30"})
