from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CHANGE_KINDS = [("policy", "Policy Change"), ("force_majeure", "Force Majeure")]


class SgzAgreementChange(models.Model):
    """A change of an agreement in force because of a policy change or force majeure (§六(二)), with its
    reason and date; the change is kept on the agreement and told in its chatter. Ending the agreement for
    the same causes is its termination."""

    _name = "sgz.agreement.change"
    _description = "Agreement Change"
    _order = "date desc, id desc"
    _check_company_auto = True

    agreement_id = fields.Many2one("sgz.agreement", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
    kind = fields.Selection(CHANGE_KINDS, required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    reason = fields.Text(required=True)
    description = fields.Text(string="What Changes", required=True)

    @api.constrains("reason", "description")
    def _check_texts(self):
        for change in self:
            if not (change.reason or "").strip() or not (change.description or "").strip():
                raise ValidationError(
                    self.env._("A change of the agreement needs its reason and what changes.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        changes = super().create(vals_list)
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for change in changes:
            if change.agreement_id.state != "active":
                raise UserError(self.env._("Only an agreement in force can be changed."))
            change.agreement_id.message_post(
                body=self.env._(
                    "Agreement changed on %(date)s (%(kind)s): %(description)s. Reason: %(reason)s",
                    date=change.date.isoformat(),
                    kind=kinds[change.kind],
                    description=change.description,
                    reason=change.reason,
                )
            )
        return changes

    def write(self, vals):
        if vals:
            raise UserError(self.env._("A recorded change cannot be edited: record a new change instead."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A recorded change cannot be deleted."))
