from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestAnnualEvaluation(ProcurementCase):
    """Issue 20, point 10: the indicator table starts from the evaluation type's indicators; qualified or not
    follows the score by the type's pass mark (an override needs its reason); a year is evaluated in its last
    month or after. The shipped type: 服务成效 40, 项目管理 30, 人员与制度 30 = 100 marks, pass mark 60 % → 60."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.annual = cls.env.ref("sgz_procurement.evaluation_type_annual")

    def _year(self):
        """Signed 20 April 2025: year 1 runs 2025-04-20 – 2026-04-19, its last month from 2026-03-20."""
        agreement = self._agreement()
        with freeze_time("2025-04-20"):
            agreement.action_sign()
        return agreement.year_ids

    def _draft(self, year, scores=None, day="2026-03-20", **vals):
        with freeze_time(day):
            evaluation = (
                self.env["sgz.agreement.evaluation"]
                .with_user(self.evaluator)
                .create({"year_id": year.id, **vals})
            )
        for line, score in zip(evaluation.line_ids, scores or (), strict=False):
            line.with_user(self.evaluator).score = score
        return evaluation

    def test_the_table_starts_from_the_type(self):
        evaluation = self._draft(self._year())
        self.assertEqual(evaluation.type_id, self.annual)
        indicators = self.annual.with_user(self.evaluator).indicator_ids
        self.assertEqual(
            [(line.name, line.max_score) for line in evaluation.line_ids],
            [(line.name, line.max_score) for line in indicators],
        )
        self.assertEqual(evaluation.line_ids.mapped("max_score"), [40, 30, 30])
        self.assertEqual(evaluation.pass_score, 60)

    def test_the_result_follows_the_score(self):
        """34 + 26 + 27 = 87 ≥ 60 → qualified; 30 + 15 + 14 = 59 < 60 → unqualified; 20 + 20 + 20 = 60 → qualified
        (the pass mark itself passes)."""
        year = self._year()
        for scores, total, result in (
            ((34, 26, 27), 87, "qualified"),
            ((30, 15, 14), 59, "unqualified"),
            ((20, 20, 20), 60, "qualified"),
        ):
            with self.subTest(total=total):
                evaluation = self._draft(year, scores)
                self.assertEqual(
                    (evaluation.total_score, evaluation.rule_result, evaluation.result),
                    (total, result, result),
                )
                evaluation.unlink()

    def test_an_override_needs_its_reason(self):
        """59 gives unqualified; recording qualified is refused without a reason and recorded with one, posted in
        the chatter."""
        year = self._year()
        evaluation = self._draft(year, (30, 15, 14))
        evaluation.with_user(self.evaluator).result = "qualified"
        self.assertEqual((evaluation.rule_result, evaluation.result), ("unqualified", "qualified"))
        with freeze_time("2026-03-20"), self.assertRaisesMsg(UserError, "59.*60|reason|原因"):
            evaluation.with_user(self.evaluator).action_record()
        reason = "第四季度台账因洪灾损毁，经核实服务已完成"
        evaluation.with_user(self.evaluator).override_reason = reason
        with freeze_time("2026-03-20"):
            evaluation.with_user(self.evaluator).action_record()
        self.assertEqual((evaluation.state, year.evaluation_result), ("done", "qualified"))
        self.assertIn(reason, evaluation.message_ids[0].body)

    def test_only_in_the_last_month_or_after(self):
        """Dated 19 March 2026: refused (the last month starts on 20 March); dated 25 March while today is
        20 March: refused (a day to come); dated and recorded on 20 March: recorded."""
        year = self._year()
        early = self._draft(year, (34, 26, 27), day="2026-03-19")
        with freeze_time("2026-03-19"), self.assertRaisesMsg(UserError, "2026-03-20"):
            early.with_user(self.evaluator).action_record()
        early.with_user(self.evaluator).date = "2026-03-25"
        with freeze_time("2026-03-20"), self.assertRaisesMsg(UserError, "2026-03-25"):
            early.with_user(self.evaluator).action_record()
        early.with_user(self.evaluator).date = "2026-03-20"
        with freeze_time("2026-03-20"):
            early.with_user(self.evaluator).action_record()
        self.assertEqual(year.state, "evaluated")

    def test_the_type_decides_the_mark(self):
        """A province's stricter type: 2 indicators of 50, pass mark 70 % → 70; 35 + 34 = 69 is unqualified."""
        strict = self.env["sgz.agreement.evaluation.type"].create(
            {
                "name": "示范站评估",
                "pass_percent": 70,
                "indicator_ids": [
                    Command.create({"name": "服务成效", "max_score": 50}),
                    Command.create({"name": "规范管理", "max_score": 50}),
                ],
            }
        )
        evaluation = self._draft(self._year(), (35, 34), type_id=strict.id)
        self.assertEqual(
            (evaluation.pass_score, evaluation.total_score, evaluation.result), (70, 69, "unqualified")
        )
