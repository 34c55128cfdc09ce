from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action


class SgzAgreementEvaluation(models.Model):
    """The annual performance evaluation of an agreement year by the third-party evaluator (§七(五))."""

    _name = "sgz.agreement.evaluation"
    _description = "Annual Evaluation"
    _inherit = ["mail.thread", "sgz.lock.mixin"]
    _order = "date desc, id desc"

    # once recorded, the result stays as the evaluator recorded it and the evaluation is never deleted
    _sgz_locked_states = ("done",)
    _sgz_action_fields = ("state", "evaluator_id")
    _sgz_fixed_fields = ("year_id",)
    _sgz_unlink_states = ("draft",)

    year_id = fields.Many2one(
        "sgz.agreement.year", string="Agreement Year", required=True, index=True, ondelete="restrict"
    )
    agreement_id = fields.Many2one(related="year_id.agreement_id", store=True, index=True)
    company_id = fields.Many2one(related="year_id.company_id", store=True, index=True)
    provider_id = fields.Many2one(related="year_id.provider_id", store=True, index=True)
    evaluator_id = fields.Many2one(
        "res.users", string="Evaluator", default=lambda self: self.env.user, required=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many(
        "sgz.agreement.evaluation.line", "evaluation_id", string="Indicators", copy=True
    )
    total_score = fields.Float(compute="_compute_total_score", store=True, digits=(16, 2))
    result = fields.Selection([("qualified", "Qualified"), ("unqualified", "Unqualified")], tracking=True)
    document = fields.Binary(string="Evaluation Report", attachment=True)
    document_name = fields.Char()
    note = fields.Text()
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Recorded")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )

    @api.depends("year_id.name", "date")
    def _compute_display_name(self):
        for evaluation in self:
            evaluation.display_name = self.env._("Evaluation of %(year)s", year=evaluation.year_id.name or "")

    @api.depends("line_ids.score")
    def _compute_total_score(self):
        for evaluation in self:
            evaluation.total_score = sum(evaluation.line_ids.mapped("score"))

    @sgz_action(lock_rows=True)
    def action_record(self):
        """Record the result on the agreement year; unqualified ends the agreement."""
        for evaluation in self:
            if evaluation.state != "draft":
                raise UserError(self.env._("This evaluation is already recorded."))
            if not evaluation.result:
                raise UserError(self.env._("Choose the result: qualified or unqualified."))
            year = evaluation.year_id.sudo()
            if year.state != "confirmed":
                raise UserError(
                    self.env._("Only a signed agreement year that is not yet evaluated is evaluated.")
                )
            evaluation.write({"state": "done"})
            with year._sgz_unlocked():
                year.write({"evaluation_result": evaluation.result, "state": "evaluated"})
            year.agreement_id._on_evaluation(year)
        return True


class SgzAgreementEvaluationLine(models.Model):
    _name = "sgz.agreement.evaluation.line"
    _description = "Evaluation Indicator"
    _inherit = ["sgz.lock.mixin"]
    _order = "evaluation_id, sequence, id"

    _sgz_lock_parent = "evaluation_id"

    evaluation_id = fields.Many2one("sgz.agreement.evaluation", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="evaluation_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Indicator", required=True)
    max_score = fields.Float(string="Full Marks")
    score = fields.Float()

    @api.constrains("score", "max_score")
    def _check_score(self):
        for line in self:
            if line.score < 0 or (line.max_score and line.score > line.max_score):
                raise ValidationError(
                    self.env._(
                        "The score of %(indicator)s must lie between 0 and its full marks.",
                        indicator=line.name,
                    )
                )
