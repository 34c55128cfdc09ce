"""The filing deadline of the service plans (服务计划备案时限), data with validity dates: 湘民发〔2018〕16号
§七(四) has the provider survey the needs and file its service plan with the county bureau within the first
month of stationing. A province officer changes the months or closes a rule (valid until) without an upgrade."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SgzServicePlanRule(models.Model):
    _name = "sgz.service.plan.rule"
    _description = "Service Plan Filing Deadline"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    name = fields.Char(required=True, translate=True, tracking=True)
    months = fields.Integer(
        string="Months After Stationing",
        required=True,
        default=1,
        tracking=True,
        sgz_limit="count",
        help="The plan of an agreement year is filed within this many calendar months of the stationing (year "
        "1) or of the year's start (later years).",
    )
    date_from = fields.Date(string="Valid From", required=True, tracking=True)
    date_to = fields.Date(string="Valid Until", tracking=True)
    note = fields.Char(string="Source", help="The policy the rule comes from.")

    @api.constrains("months", "date_from", "date_to")
    def _check_rule(self):
        for rule in self:
            if rule.months < 1:
                raise ValidationError(
                    self.env._(
                        "%(rule)s: the plan is filed at least one month after stationing.", rule=rule.name
                    )
                )
            if rule.date_to and rule.date_to < rule.date_from:
                raise ValidationError(self.env._("%(rule)s cannot end before it starts.", rule=rule.name))

    @api.model
    def _sgz_rule_on(self, day):
        """The rule valid on ``day`` (empty when none is)."""
        return self.sudo().search(
            [("date_from", "<=", day), "|", ("date_to", "=", False), ("date_to", ">=", day)],
            order="date_from desc, id desc",
            limit=1,
        )
