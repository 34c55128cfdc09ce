"""Issue 15 §1: the approval mechanism attacked through every model that uses it, on the demo documents, with the
calls a script made: the generic request taking its target from the context, a request for a step the document
is not at, a rejection that moved a document back past its evidence."""

from odoo.api import call_kw
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestApprovalEverywhere(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.models = [
            name
            for name in cls.env.registry.descendants(["sgz.approval.mixin"], "_inherit")
            if not cls.env[name]._abstract
            and not cls.env[name]._transient
            and cls.env[name]._sgz_approval_states
        ]

    def test_the_models(self):
        # tender, budget, transfer, exception, payslip, eligibility override (and the test document)
        for name in (
            "sgz.tender",
            "sgz.budget",
            "sgz.budget.transfer",
            "sgz.payslip",
            "sgz.eligibility.override",
        ):
            self.assertIn(name, self.models)

    def test_no_request_takes_its_target_from_the_client(self):
        finance = self.env.ref("sgz_base.user_county_finance")
        budget = self.env["sgz.budget"].search([("state", "=", "approved")], limit=1)
        self.assertTrue(budget, "the demo has an approved budget")
        for name in self.models:
            self.assertFalse(hasattr(self.env[name], "action_sgz_request_approval"), name)
        # the exact call of the report: finance asks "approved" again on the approved budget
        with self.assertRaises(AttributeError):
            call_kw(
                self.env["sgz.budget"].with_user(finance).with_context(sgz_approval_target="approved"),
                "action_sgz_request_approval",
                [budget.ids],
                {},
            )

    def test_no_request_for_a_step_the_document_is_not_at(self):
        """Every record of every approval model that is not in the state a step comes from refuses that step's
        request, whoever asks (the superuser's code included): an approved budget cannot be approved twice, a
        confirmed transfer re-confirmed, a published tender awarded before its bids are opened."""
        checked = 0
        for name in self.models:
            Model = self.env[name]
            state_field = Model._sgz_approval_state_field
            for target, source in Model._sgz_approval_states.items():
                for record in Model.search([(state_field, "!=", source)], limit=5):
                    with self.assertRaises(UserError, msg=f"{name} {record.id} {target}") as caught:
                        record._sgz_request_approval(target)
                    self.assertRegex(str(caught.exception), "approval for “.+” applies only while it is “.+”")
                    checked += 1
        # the demo documents alone give four (other tests leave nothing committed)
        self.assertGreaterEqual(checked, 4)

    def test_a_rejection_leaves_the_tender_with_its_bids(self):
        tender = self.env["sgz.tender"].search([("state", "=", "draft")], limit=1)
        self.assertTrue(tender, "the demo has a tender waiting for publication")
        pending = tender.sgz_review_ids.filtered(lambda r: r.state == "pending")
        if not pending:
            tender.with_user(tender.user_id).action_publish()
            pending = tender.sgz_review_ids.filtered(lambda r: r.state == "pending")
        review = pending.sorted("sequence")[0]
        candidates = review.user_id or self.env["res.users"].search([("groups_id", "=", review.group_id.id)])
        reviewer = candidates.filtered(lambda user: not review._sgz_refusal(user))[:1]
        self.assertTrue(reviewer, "someone may decide the demo tender's first review")
        review.with_user(reviewer).action_reject(comment="材料不全")
        self.assertEqual(tender.state, "draft")
        self.assertFalse(tender.sgz_review_ids.filtered(lambda r: r.state == "pending"))


@tagged("post_install", "-at_install")
class TestApprovalStepsNamed(TransactionCase):
    """Issue 20 §3: a review names its step as the action the approver takes ("发布招标公告", "确认调剂"), never the
    target state's label ("已发布"), and shows the document's key figures."""

    def test_every_step_is_an_action_with_a_summary(self):
        models = [
            name
            for name in self.env.registry.descendants(["sgz.approval.mixin"], "_inherit")
            if not name.startswith("sgz.test.")
            and not self.env[name]._abstract
            and not self.env[name]._transient
            and self.env[name]._sgz_approval_states
        ]
        zh = self.env(context={"lang": "zh_CN"})
        for name in models:
            Model = zh[name]
            steps = Model._sgz_approval_steps()
            for target in Model._sgz_approval_states:
                with self.subTest(model=name, target=target):
                    self.assertIn(target, steps)
                    self.assertNotEqual(steps[target], Model._sgz_state_label(target))
            record = Model.search([], limit=1)
            if record:
                with self.subTest(model=name, summary=True):
                    self.assertTrue(record._sgz_document_summary(), name)
