from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SgzAgreementEvaluationType(models.Model):
    """A kind of annual performance evaluation (§七(五)): its indicators with their full marks, and the pass
    mark that turns a total score into qualified or unqualified."""

    _name = "sgz.agreement.evaluation.type"
    _description = "Evaluation Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    pass_percent = fields.Float(
        string="Pass Mark (%)",
        default=60.0,
        required=True,
        help="A total score of at least this share of the full marks is qualified (合格), below it unqualified.",
    )
    indicator_ids = fields.One2many(
        "sgz.agreement.evaluation.type.line", "type_id", string="Indicators", copy=True
    )

    @api.constrains("pass_percent")
    def _check_pass_percent(self):
        if any(not 0 < kind.pass_percent <= 100 for kind in self):
            raise ValidationError(self.env._("A pass mark lies above 0% and at most 100%."))


class SgzAgreementEvaluationTypeLine(models.Model):
    _name = "sgz.agreement.evaluation.type.line"
    _description = "Evaluation Type Indicator"
    _order = "type_id, sequence, id"

    type_id = fields.Many2one("sgz.agreement.evaluation.type", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Indicator", required=True, translate=True)
    max_score = fields.Float(string="Full Marks", required=True)

    @api.constrains("max_score")
    def _check_max_score(self):
        if any(line.max_score <= 0 for line in self):
            raise ValidationError(self.env._("An indicator's full marks are positive."))
