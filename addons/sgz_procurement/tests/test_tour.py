from odoo.tests import HttpCase, tagged

from .common import ANNOUNCE, ProcurementCase


@tagged("post_install", "-at_install", "sgz_tour")
class TestApproveTour(HttpCase, ProcurementCase):
    def test_approver_approves_tender(self):
        self.approver_a.write({"password": "approver_a_pw", "tz": "Asia/Shanghai"})
        tender = self._tender(
            name="攸县社工站服务项目（待审批）", announcement_date=ANNOUNCE, bid_deadline="2099-12-31"
        )
        tender.with_user(self.officer_a).action_publish()
        self.assertEqual(tender.sgz_approval_status, "pending")
        self.start_tour("/odoo", "sgz_procurement_approve_tour", login="approver_a", timeout=180)
        self.assertEqual(tender.state, "published")
        self.assertEqual(tender.sgz_review_ids.reviewed_by_id, self.approver_a)
