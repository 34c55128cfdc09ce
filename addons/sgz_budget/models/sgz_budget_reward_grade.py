from odoo import api, fields, models


class SgzBudgetRewardGrade(models.Model):
    """An evaluation grade of the provincial reward subsidy (excellent / good / qualified): data. A qualified
    evaluation gets the highest grade whose minimum score it reaches; an unqualified one gets none."""

    _name = "sgz.budget.reward.grade"
    _description = "Reward Grade"
    _order = "min_score desc, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    min_score = fields.Float(string="Minimum Score", digits=(16, 2))
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "The grade code must be unique.")]

    @api.model
    def _sgz_grade_of(self, evaluation, grades=None):
        grades = grades if grades is not None else self.search([])
        if evaluation.result != "qualified":
            return self.browse()
        for grade in grades.sorted("min_score", reverse=True):
            if evaluation.total_score >= grade.min_score:
                return grade
        return self.browse()
