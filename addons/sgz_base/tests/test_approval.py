from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SgzCase


@tagged("post_install", "-at_install")
class TestApproval(SgzCase):
    """The review mechanics, on a station as document (the blocking mixin is tested on tenders)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.station = cls._station(cls.township_a1, cls.county_a)
        station_model = cls.env["ir.model"]._get("sgz.station")
        cls.tier_officer, cls.tier_approver = cls.env["sgz.approval.tier"].create(
            [
                {
                    "name": "科室审核",
                    "model_id": station_model.id,
                    "target_state": "active",
                    "sequence": 10,
                    "group_id": cls.env.ref("sgz_base.sgz_base_group_county_officer").id,
                },
                {
                    "name": "局长审批",
                    "model_id": station_model.id,
                    "target_state": "active",
                    "sequence": 20,
                    "group_id": cls.env.ref("sgz_base.sgz_base_group_county_approver").id,
                },
            ]
        )
        cls.officer_a2 = cls._user("officer_a2", "county_officer", cls.county_a)

    def _request(self, record, user):
        tiers = self.tier_officer | self.tier_approver
        return self.env["sgz.approval.review"].create(
            [
                {
                    "res_model": record._name,
                    "res_id": record.id,
                    "document_name": record.display_name,
                    "target_state": "active",
                    "target_label": "运行中",
                    "tier_id": tier.id,
                    "name": tier.name,
                    "sequence": tier.sequence,
                    "group_id": tier.group_id.id,
                    "company_id": record.company_id.id,
                    "requested_by_id": user.id,
                }
                for tier in tiers
            ]
        )

    def test_tiers_decide_in_order(self):
        first, second = self._request(self.station, self.officer_a).sorted("sequence")
        with self.assertRaisesMsg(UserError, "科室审核"):
            second.with_user(self.approver_a).action_approve()
        first.with_user(self.officer_a2).action_approve(comment="材料齐全")
        self.assertEqual(first.state, "approved")
        self.assertEqual(first.reviewed_by_id, self.officer_a2)
        second.with_user(self.approver_a).action_approve()
        self.assertEqual(second.state, "approved")
        bodies = " ".join(self.station.message_ids.mapped("body"))
        self.assertIn("材料齐全", bodies)

    def test_requester_cannot_approve(self):
        first = self._request(self.station, self.officer_a2).sorted("sequence")[0]
        with self.assertRaisesMsg(UserError, "cannot approve your own document|不能审批"):
            first.with_user(self.officer_a2).action_approve()
        self.assertEqual(first.state, "pending")

    def test_creator_cannot_approve(self):
        station = (
            self.env["sgz.station"]
            .with_user(self.approver_a)
            .create({"township_id": self.township_a2.id, "company_id": self.county_a.id})
        )
        first = self._request(station, self.officer_a).sorted("sequence")[0]
        with self.assertRaisesMsg(UserError, "cannot approve your own document|不能审批"):
            first.with_user(self.approver_a).action_approve()

    def test_group_and_company_checked(self):
        first, second = self._request(self.station, self.officer_a).sorted("sequence")
        first.with_user(self.approver_a).action_approve()
        with self.assertRaises(UserError):
            second.with_user(self.officer_a2).action_approve()  # not an approver
        self.assertEqual(second.state, "pending")

    def test_reject_needs_a_reason_and_cancels_the_rest(self):
        first, second = self._request(self.station, self.officer_a).sorted("sequence")
        with self.assertRaisesMsg(UserError, "why you reject|驳回"):
            first.with_user(self.officer_a2).action_reject()
        first.with_user(self.officer_a2).action_reject(comment="站点设施未到位")
        self.assertEqual(first.state, "rejected")
        self.assertEqual(second.state, "cancelled")
        self.assertIn("站点设施未到位", " ".join(self.station.message_ids.mapped("body")))

    def test_state_written_only_by_buttons(self):
        first = self._request(self.station, self.officer_a)[0]
        with self.assertRaises(UserError):
            first.with_user(self.approver_a).write({"state": "approved"})
        first.with_user(self.approver_a).write({"comment": "同意"})

    def test_to_approve_list(self):
        first, second = self._request(self.station, self.officer_a).sorted("sequence")
        Review = self.env["sgz.approval.review"]
        self.assertEqual(Review.with_user(self.officer_a2).search([("can_review", "=", True)]), first)
        self.assertFalse(Review.with_user(self.officer_a).search([("can_review", "=", True)]))  # requester
        self.assertFalse(
            Review.with_user(self.officer_b).search([("id", "in", (first | second).ids)])
        )  # county b
        first.with_user(self.officer_a2).action_approve()
        self.assertEqual(Review.with_user(self.approver_a).search([("can_review", "=", True)]), second)

    def test_tier_needs_a_reviewer(self):
        with self.assertRaisesMsg(ValidationError, "reviewer|审批"):
            self.env["sgz.approval.tier"].create(
                {"name": "无人审批", "model_id": self.tier_officer.model_id.id, "target_state": "active"}
            )
