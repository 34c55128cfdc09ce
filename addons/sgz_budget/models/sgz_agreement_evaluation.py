from odoo import fields, models


class SgzAgreementEvaluation(models.Model):
    _inherit = "sgz.agreement.evaluation"

    sgz_reward_grade_id = fields.Many2one(
        "sgz.budget.reward.grade", compute="_compute_sgz_reward_grade", string="Reward Grade"
    )

    def _compute_sgz_reward_grade(self):
        grades = self.env["sgz.budget.reward.grade"].sudo().search([])
        for evaluation in self:
            evaluation.sgz_reward_grade_id = grades._sgz_grade_of(evaluation, grades)
