from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestProcurementAccess(ProcurementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Tender = cls.env["sgz.tender"]
        cls.draft_a = Tender.create(cls._tender_vals(name="攸县草稿项目"))
        cls.published_a = Tender.create(cls._tender_vals(name="攸县已发布项目"))
        cls.published_a.write({"state": "published"})
        cls.tender_b = Tender.create(
            cls._tender_vals(
                name="茶陵县项目",
                company_id=cls.county_b.id,
                user_id=cls.officer_b.id,
                lot_ids=[
                    (
                        0,
                        0,
                        {
                            "name": "一包",
                            "ceiling_price": 200000,
                            "station_ids": [(6, 0, cls.station_b1.ids)],
                        },
                    )
                ],
            )
        )
        cls.tenders = cls.draft_a | cls.published_a | cls.tender_b

    def _agreement_pair(self):
        agreement_x = self._agreement()
        agreement_y = self._agreement(name="另一份协议", provider_id=self.provider_y.id)
        return agreement_x, agreement_y

    def test_county_officer(self):
        Tender = self.env["sgz.tender"].with_user(self.officer_a)
        self.assertEqual(Tender.search([("id", "in", self.tenders.ids)]), self.draft_a | self.published_a)
        with self.assertRaisesMsg(AccessError, "您不能打开此招标项目：它属于其他单位"):
            self.tender_b.with_user(self.officer_a).read(["name"])
        with self.assertRaisesMsg(AccessError, "您不能新建此技术评分项：它属于其他单位"):
            Tender.create(self._tender_vals(company_id=self.county_b.id, lot_ids=[]))
        self.draft_a.with_user(self.officer_a).write({"name": "攸县草稿项目（修改）"})
        with self.assertRaisesMsg(AccessError, "您的角色不能新建审批层级"):
            self.env["sgz.approval.tier"].with_user(self.officer_a).create(
                {
                    "name": "x",
                    "model_id": self.env["ir.model"]._get("sgz.tender").id,
                    "target_state": "published",
                    "group_id": self.env.ref("base.group_user").id,
                }
            )

    def test_approver(self):
        self.draft_a.with_user(self.approver_a).write({"name": "局长修改"})
        self.assertEqual(
            self.env["sgz.tender"].with_user(self.approver_a).search([("id", "in", self.tenders.ids)]),
            self.draft_a | self.published_a,
        )

    def test_provider(self):
        Tender = self.env["sgz.tender"].with_user(self.manager_x)
        self.assertEqual(Tender.search([("id", "in", self.tenders.ids)]), self.published_a)
        with self.assertRaisesMsg(AccessError, "您不能打开此招标项目：它属于其他单位"):
            self.draft_a.with_user(self.manager_x).read(["name"])
        with self.assertRaisesMsg(AccessError, "您的角色不能修改招标项目"):
            self.published_a.with_user(self.manager_x).write({"name": "x"})
        with self.assertRaisesMsg(AccessError, "您的角色不能新建招标项目"):
            Tender.create(self._tender_vals())
        agreement_x, agreement_y = self._agreement_pair()
        Agreement = self.env["sgz.agreement"].with_user(self.manager_x)
        self.assertEqual(Agreement.search([("id", "in", (agreement_x | agreement_y).ids)]), agreement_x)
        with self.assertRaisesMsg(AccessError, "您不能打开此服务协议：它属于其他单位"):
            agreement_y.with_user(self.manager_x).read(["annual_amount"])
        with self.assertRaisesMsg(AccessError, "您的角色不能修改服务协议"):
            agreement_x.with_user(self.manager_x).write({"name": "x"})
        with self.assertRaisesMsg(AccessError, "您的角色不能打开年度实施计划"):
            self.env["sgz.procurement.plan"].with_user(self.manager_x).search([])

    def test_city_officer(self):
        Tender = self.env["sgz.tender"].with_user(self.city_officer)
        self.assertEqual(Tender.search([("id", "in", self.tenders.ids)]), self.tenders)
        agreement_x, agreement_y = self._agreement_pair()
        self.assertEqual(
            self.env["sgz.agreement"]
            .with_user(self.city_officer)
            .search([("id", "in", (agreement_x | agreement_y).ids)]),
            agreement_x | agreement_y,
        )

    def test_finance_reads_only(self):
        self.assertTrue(self.draft_a.with_user(self.finance_a).read(["name"]))
        with self.assertRaisesMsg(AccessError, "您的角色不能修改招标项目"):
            self.draft_a.with_user(self.finance_a).write({"name": "x"})
        agreement_x, _agreement_y = self._agreement_pair()
        with self.assertRaisesMsg(AccessError, "您的角色不能修改服务协议"):
            agreement_x.with_user(self.finance_a).write({"name": "x"})

    def test_evaluator(self):
        agreement_x, _agreement_y = self._agreement_pair()
        agreement_x.action_sign()
        self.assertTrue(agreement_x.with_user(self.evaluator).read(["name"]))
        with self.assertRaisesMsg(AccessError, "您的角色不能修改服务协议"):
            agreement_x.with_user(self.evaluator).write({"name": "x"})
        # the third-party evaluator reads the whole process, changes none of it
        self.assertTrue(self.draft_a.with_user(self.evaluator).read(["name"]))
        with self.assertRaisesMsg(AccessError, "您的角色不能修改招标项目"):
            self.draft_a.with_user(self.evaluator).write({"name": "x"})
        evaluation = self._evaluate(agreement_x.year_ids, "qualified")
        self.assertEqual(evaluation.evaluator_id, self.evaluator)
        with self.assertRaisesMsg(AccessError, "您的角色不能新建年度评估"):
            self.env["sgz.agreement.evaluation"].with_user(self.officer_a).create(
                {"year_id": agreement_x.year_ids.id}
            )
        # The evaluated provider reads its recorded evaluation.
        self.assertEqual(evaluation.with_user(self.manager_x).result, "qualified")


@tagged("post_install", "-at_install")
class TestProcurementForms(ProcurementCase):
    """Every role opens the forms it may read without an access error (fields of other roles are hidden)."""

    def test_forms_open_for_each_role(self):
        tender, bid_x, _bid_y = self._awarded()
        agreement = tender.agreement_ids
        agreement.action_sign()
        evaluation = self._evaluate(agreement.year_ids, "qualified")
        cases = {
            self.officer_a: (tender, bid_x, agreement, agreement.year_ids, evaluation),
            self.finance_a: (tender, bid_x, agreement, agreement.year_ids, evaluation),
            self.city_officer: (tender, bid_x, agreement, evaluation),
            self.manager_x: (tender, bid_x, agreement, agreement.year_ids, evaluation),
            self.evaluator: (agreement, agreement.year_ids, evaluation),
        }
        for user, records in cases.items():
            for record in records:
                with self.subTest(user=user.login, model=record._name):
                    form = Form(record.with_user(user))
                    self.assertEqual(form.id, record.id)

    def test_provider_cannot_change_evaluation_of_its_bid(self):
        tender, bid_x, _bid_y = self._evaluated()
        with self.assertRaisesMsg(UserError, "buttons|按钮"):
            bid_x.with_user(self.manager_x).write({"rank": 1, "total_score": 100})
        agreement = self._agreement()
        agreement.action_sign()
        with self.assertRaisesMsg(UserError, "buttons|按钮"):
            agreement.year_ids.with_user(self.officer_a).write({"evaluation_result": "qualified"})
