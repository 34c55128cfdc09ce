from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ANNOUNCE, AWARD, DEADLINE, ProcurementCase


@tagged("post_install", "-at_install")
class TestProcurementHoles(ProcurementCase):
    """Each reproduction of the RPC review of procurement, made as the user did it."""

    def test_an_approval_is_used_once(self):
        """Cancel → back to draft → change to single source → publish again: a new request, the finance tier."""
        tender = self._published(method="consultation", bid_deadline="2025-03-13 01:30:00")
        officer = tender.with_user(self.officer_a)
        officer.action_cancel()
        officer.action_reset_draft()
        officer.write(
            {
                "method": "single_source",
                "single_source_ground": "unique",
                "single_source_justification": "x",
                "criterion_ids": [Command.clear()],
            }
        )
        with freeze_time(ANNOUNCE):
            officer.action_publish()
        self.assertEqual(tender.state, "draft")
        pending = tender.sgz_review_ids.filtered(lambda r: r.state == "pending")
        self.assertIn(self.env.ref("sgz_base.sgz_base_group_county_finance"), pending.group_id)

    def test_the_committee_of_a_published_tender_is_evidence(self):
        """Issue 15, point 6: county deleted a committee member of a published tender. Once the publication is
        requested (and after), no member is deleted, changed, added or moved, whichever way the call comes."""
        tender = self._tender()
        Committee = self.env["sgz.tender.committee"].with_user(self.officer_a)
        draft_member = tender.committee_ids.filtered(lambda m: m.role == "expert")[:1]
        draft_member.with_user(self.officer_a).write({"role": "chair"})  # a draft's committee is still chosen
        draft_member.with_user(self.officer_a).write({"role": "expert"})
        with freeze_time(ANNOUNCE):
            tender.with_user(self.officer_a).action_publish()
        for stage in ("waiting for approval", "published"):
            with self.subTest(stage):
                member = tender.committee_ids.filtered(lambda m: m.role == "expert")[:1].with_user(
                    self.officer_a
                )
                with self.assertRaisesMsg(UserError, "locked|锁定"):
                    member.unlink()
                for vals in ({"user_id": self.officer_a.id}, {"role": "buyer"}):
                    with self.assertRaisesMsg(UserError, "locked|锁定"):
                        member.write(vals)
                with self.assertRaisesMsg(UserError, "were set when|不能更改|不可更改"):
                    member.write({"tender_id": self._tender(name="另一项目").id})
                with self.assertRaisesMsg(UserError, "locked|锁定"):
                    tender.with_user(self.officer_a).write({"committee_ids": [Command.unlink(member.id)]})
                with self.assertRaisesMsg(UserError, "locked|锁定"):
                    Committee.create({"tender_id": tender.id, "user_id": self.finance_a.id, "role": "buyer"})
                self.assertEqual(len(tender.committee_ids), 5)
            if stage == "waiting for approval":
                with freeze_time(ANNOUNCE):
                    self._approve(tender)

    def test_a_tender_with_bids_does_not_go_back_to_draft(self):
        tender = self._published()
        self._bid(tender, self.manager_x, 300000)
        tender.with_user(self.officer_a).action_cancel()
        with self.assertRaisesMsg(UserError, "bids|投标"):
            tender.with_user(self.officer_a).action_reset_draft()

    def test_scores_and_bids_keep_their_people_and_county(self):
        tender, bid_x, _bid_y = self._evaluated()
        score = bid_x.score_ids[0]
        for user in (self.officer_a, self.finance_a):
            with self.assertRaisesMsg(UserError, "buttons|按钮"):
                score.with_user(user).write({"member_user_id": user.id})
        with self.assertRaisesMsg(UserError, "buttons|按钮"):
            bid_x.with_user(self.manager_x).write({"tender_company_id": self.county_b.id})

    def test_a_challenge_stays_with_the_buyer(self):
        tender, _bid_x, _bid_y = self._awarded()
        with freeze_time("2025-03-28"):
            challenge = (
                self.env["sgz.tender.challenge"]
                .with_user(self.manager_y)
                .create({"tender_id": tender.id, "company_id": self.provider_y.id, "description": "评分不公"})
            )
        with self.assertRaisesMsg(UserError, "buttons|按钮"):
            challenge.with_user(self.manager_y).write({"tender_company_id": self.provider_y.id})
        with self.assertRaisesMsg(UserError, "only the buyer|采购人"):
            challenge.with_user(self.manager_y).write({"answer": "自拟答复"})
        with self.assertRaisesMsg(UserError, "buyer|采购人"):
            challenge.with_user(self.manager_y).action_answer()

    def test_the_award_is_kept_on_the_agreement(self):
        tender, _bid_x, _bid_y = self._awarded()
        agreement = tender.agreement_ids.with_user(self.officer_a)
        with self.assertRaisesMsg(UserError, "award|中标"):
            agreement.write({"provider_id": self.provider_y.id})
        with self.assertRaisesMsg(UserError, "locked|已锁定"):
            agreement.station_line_ids[0].write({"annual_amount": 199999})
        with self.assertRaisesMsg(UserError, "carries the result|承接"):
            agreement.write({"station_line_ids": [Command.create({"station_id": self.station_b1.id})]})

    def test_years_come_from_signing_and_renewal_only(self):
        agreement = self._agreement()
        with freeze_time("2025-04-20"):
            agreement.action_sign()
        with self.assertRaisesMsg(UserError, "created by their actions only|只能由相应操作"):
            self.env["sgz.agreement.year"].with_user(self.officer_a).create(
                {
                    "agreement_id": agreement.id,
                    "sequence": 1,
                    "date_start": "2027-01-15",
                    "date_end": "2028-01-14",
                    "amount": 900000,
                }
            )

    def test_the_order_of_a_year_follows_the_agreement(self):
        root = self.county_a.root_id
        if not root.chart_template:
            self.env["account.chart.template"].try_loading("generic_coa", root, install_demo=False)
        agreement = self._agreement()
        with freeze_time("2025-04-20"):
            agreement.action_sign()
        order = agreement.year_ids.sudo().purchase_order_id.with_user(self.finance_a)
        line = order.order_line[0]
        for record, vals in (
            (line, {"discount": -100}),
            (order, {"partner_id": self.provider_y.partner_id.id}),
            (order, {"order_line": [Command.create({"product_id": line.product_id.id, "price_unit": 1})]}),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesMsg(UserError, "purchase order of an agreement year follows|采购订单随协议"),
            ):
                record.write(vals)
        with self.assertRaisesMsg(UserError, "purchase order of an agreement year follows|采购订单随协议"):
            self.env["purchase.order.line"].with_user(self.finance_a).create(
                {"order_id": order.id, "product_id": line.product_id.id, "product_qty": 1, "price_unit": 5}
            )
        with self.assertRaisesMsg(UserError, "purchase order of an agreement year follows|采购订单随协议"):
            self.env["purchase.order"].with_user(self.finance_a).create(
                {"partner_id": self.provider_x.partner_id.id, "sgz_agreement_year_id": agreement.year_ids.id}
            )
        # a bill of the order names the agreement's provider, at the ordered price at most
        order.action_create_invoice()
        bill = order.invoice_ids.with_user(self.finance_a)
        bill.write({"partner_id": self.provider_y.partner_id.id, "invoice_date": "2025-05-01"})
        with self.assertRaisesMsg(UserError, "vendor|供应商|服务方"):
            bill.action_post()

    def test_providers_learn_nothing_early(self):
        tender = self._published()
        self._bid(tender, self.manager_x, 300000)
        self._bid(tender, self.manager_y, 310000)
        self.assertEqual(tender.with_user(self.manager_x).bid_count, 1)  # its own bid, not its competitors
        self.assertEqual(tender.with_user(self.officer_a).bid_count, 2)
        with freeze_time(DEADLINE):
            tender.with_user(self.officer_a).action_open_bids()
        agreement = self._agreement()
        with freeze_time("2025-04-20"):
            agreement.action_sign()
        with freeze_time(AWARD):
            evaluation = (
                self.env["sgz.agreement.evaluation"]
                .with_user(self.evaluator)
                .create(
                    {
                        "year_id": agreement.year_ids.id,
                        "line_ids": [Command.create({"name": "成效", "score": 30})],
                    }
                )
            )
        lines = (
            self.env["sgz.agreement.evaluation.line"]
            .with_user(self.manager_x)
            .search([("evaluation_id", "=", evaluation.id)])
        )
        self.assertFalse(lines, "a draft evaluation's indicators stay with the evaluator")
