from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

EVALUATION_RESULTS = [("qualified", "Qualified"), ("unqualified", "Unqualified")]


class SgzAgreementEvaluation(models.Model):
    """The annual performance evaluation of an agreement year by the third-party evaluator (§七(五)): the
    indicators of its evaluation type, a result that follows the total score by the type's pass mark (an override
    needs its reason), recorded in the year's last month or after."""

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
    type_id = fields.Many2one(
        "sgz.agreement.evaluation.type",
        string="Evaluation Type",
        required=True,
        default=lambda self: self.env["sgz.agreement.evaluation.type"].search([], limit=1),
        tracking=True,
    )
    evaluator_id = fields.Many2one(
        "res.users", string="Evaluator", default=lambda self: self.env.user, required=True
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        help="The day of the evaluation: in the last month of the agreement year or after, not in the future.",
    )
    line_ids = fields.One2many(
        "sgz.agreement.evaluation.line", "evaluation_id", string="Indicators", copy=True
    )
    total_score = fields.Float(compute="_compute_total_score", store=True, digits=(16, 2))
    pass_score = fields.Float(
        compute="_compute_total_score",
        store=True,
        digits=(16, 2),
        string="Pass Mark",
        help="The type's pass mark applied to the full marks of the indicators.",
    )
    rule_result = fields.Selection(
        EVALUATION_RESULTS,
        compute="_compute_total_score",
        store=True,
        string="Result by the Score",
    )
    result = fields.Selection(
        EVALUATION_RESULTS,
        compute="_compute_result",
        store=True,
        readonly=False,
        tracking=True,
        help="Follows the score by the pass mark; a different result needs the reason for the override.",
    )
    override_reason = fields.Text(
        string="Reason for the Override",
        tracking=True,
        help="Why the result differs from what the score gives.",
    )
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

    @api.depends("line_ids.score", "line_ids.max_score", "type_id.pass_percent")
    def _compute_total_score(self):
        for evaluation in self:
            evaluation.total_score = sum(evaluation.line_ids.mapped("score"))
            full_marks = sum(evaluation.line_ids.mapped("max_score"))
            evaluation.pass_score = round(full_marks * evaluation.type_id.pass_percent / 100, 2)
            qualified = (
                bool(evaluation.line_ids) and round(evaluation.total_score, 2) >= evaluation.pass_score
            )
            evaluation.rule_result = "qualified" if qualified else "unqualified"

    @api.depends("rule_result")
    def _compute_result(self):
        for evaluation in self:
            evaluation.result = evaluation.rule_result

    @api.onchange("type_id")
    def _onchange_type_id(self):
        if self.state == "draft":
            self.line_ids = [Command.clear(), *self._sgz_indicator_commands(self.type_id)]

    @api.model
    def _sgz_indicator_commands(self, kind):
        return [
            Command.create({"sequence": line.sequence, "name": line.name, "max_score": line.max_score})
            for line in kind.indicator_ids
        ]

    @api.model_create_multi
    def create(self, vals_list):
        """The indicator table starts from the evaluation type's indicators."""
        Type = self.env["sgz.agreement.evaluation.type"]
        for vals in vals_list:
            if not vals.get("line_ids"):
                kind = (
                    Type.browse(vals.get("type_id"))
                    if vals.get("type_id")
                    else self._fields["type_id"].default(self)
                )
                vals["line_ids"] = self._sgz_indicator_commands(kind)
        return super().create(vals_list)

    @sgz_action(lock_rows=True)
    def action_record(self):
        """Record the result on the agreement year; unqualified ends the agreement."""
        for evaluation in self:
            evaluation._sgz_check_recordable()
            year = evaluation.year_id.sudo()
            evaluation.write({"state": "done"})
            if evaluation.result != evaluation.rule_result:
                evaluation.message_post(
                    body=self.env._(
                        "Result recorded as %(result)s against the score (%(score)s, pass mark %(mark)s): "
                        "%(reason)s",
                        result=dict(evaluation._fields["result"]._description_selection(self.env))[
                            evaluation.result
                        ],
                        score=f"{evaluation.total_score:g}",
                        mark=f"{evaluation.pass_score:g}",
                        reason=evaluation.override_reason.strip(),
                    )
                )
            with year._sgz_unlocked():
                year.write({"evaluation_result": evaluation.result, "state": "evaluated"})
            year.agreement_id._on_evaluation(year)
        return True

    def _sgz_check_recordable(self):
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("This evaluation is already recorded."))
        if not self.line_ids:
            raise UserError(self.env._("Score the indicators of the evaluation first."))
        if not self.result:
            raise UserError(self.env._("Choose the result: qualified or unqualified."))
        if self.result != self.rule_result and not (self.override_reason or "").strip():
            raise UserError(
                self.env._(
                    "A total of %(score)s against a pass mark of %(mark)s gives “%(rule)s”: write the reason for "
                    "recording another result.",
                    score=f"{self.total_score:g}",
                    mark=f"{self.pass_score:g}",
                    rule=dict(self._fields["rule_result"]._description_selection(self.env))[self.rule_result],
                )
            )
        year = self.year_id.sudo()
        if year.state != "confirmed":
            raise UserError(
                self.env._("Only a signed agreement year that is not yet evaluated is evaluated.")
            )
        earliest = year.date_end - relativedelta(months=1) + relativedelta(days=1)
        if not earliest <= self.date <= fields.Date.context_today(self):
            raise UserError(
                self.env._(
                    "%(year)s is evaluated in its last month or after (from %(earliest)s), and not on a day to "
                    "come: not on %(date)s.",
                    year=year.name,
                    earliest=earliest,
                    date=self.date,
                )
            )


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
