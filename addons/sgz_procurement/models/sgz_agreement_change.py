from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sgz_agreement import CHANGE_KINDS

CHANGE_TYPES = [("amend", "Change Stations or Amounts"), ("terminate", "Terminate the Agreement")]
LINE_ACTIONS = [
    ("add", "Add the Station"),
    ("update", "New Amount or Quota"),
    ("remove", "Remove the Station"),
]


class SgzAgreementChange(models.Model):
    """A change of a signed agreement because of a policy change or force majeure (§六(二)): the only way a
    signed agreement changes. Recording it applies it at once — the stations and amounts of the agreement,
    the purchase order of the year in force for the periods from its date on, or the termination — and tells
    it in the agreement's chatter. A change is evidence: never edited, never deleted."""

    _name = "sgz.agreement.change"
    _description = "Agreement Change"
    _inherit = ["sgz.lock.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # recorded at creation, applied at once: nothing changes afterwards
    _sgz_locked_states = ("amend", "terminate")
    _sgz_lock_field = "change_type"
    _sgz_action_fields = ("user_id",)
    _sgz_unlink_states = ()

    agreement_id = fields.Many2one("sgz.agreement", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    change_type = fields.Selection(CHANGE_TYPES, string="Change", required=True, default="amend")
    kind = fields.Selection(CHANGE_KINDS, string="Ground", required=True)
    date = fields.Date(string="Effective From", required=True, default=fields.Date.context_today)
    reason = fields.Text(required=True)
    description = fields.Text(string="What Changes", required=True)
    line_ids = fields.One2many("sgz.agreement.change.line", "change_id", string="Stations and Amounts")
    user_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user, readonly=True
    )

    @api.depends("agreement_id.name", "change_type", "date")
    def _compute_display_name(self):
        types = dict(self._fields["change_type"]._description_selection(self.env))
        for change in self:
            change.display_name = self.env._(
                "%(agreement)s: %(change)s from %(date)s",
                agreement=change.sudo().agreement_id.name or "",
                change=types.get(change.change_type, ""),
                date=change.date or "",
            )

    @api.constrains("date", "agreement_id")
    def _check_date(self):
        for change in self:
            agreement = change.agreement_id
            if agreement.sign_date and change.date < agreement.sign_date:
                raise ValidationError(
                    self.env._(
                        "A change cannot take effect on %(date)s, before the agreement was signed (%(signed)s).",
                        date=change.date,
                        signed=agreement.sign_date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # the lines are written with their change, once
        with self._sgz_unlocked("sgz.agreement.change.line"):
            changes = super().create(vals_list)
        for change in changes:
            change._sgz_apply()
        return changes

    def _sgz_apply(self):
        self.ensure_one()
        agreement = self.agreement_id.sudo()
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        if self.change_type == "terminate":
            agreement._sgz_terminate(self)
        else:
            if agreement.state != "active":
                raise UserError(self.env._("Only an agreement in force can be changed."))
            if not self.line_ids:
                raise UserError(self.env._("Give the stations and amounts that change."))
            self.line_ids._sgz_apply(agreement)
            agreement._check_amount_limit(agreement.annual_amount, agreement.name)
            years = agreement.year_ids.filtered(lambda y: y.state == "confirmed" and y.date_end >= self.date)
            for year in years:
                year._sgz_apply_change(self.date)
        agreement.message_post(
            body=self.env._(
                "Agreement changed on %(date)s (%(kind)s): %(description)s. Reason: %(reason)s",
                date=self.date.isoformat(),
                kind=kinds[self.kind],
                description=self.description,
                reason=self.reason,
            ),
            author_id=self.env.user.partner_id.id,
        )


class SgzAgreementChangeLine(models.Model):
    _name = "sgz.agreement.change.line"
    _description = "Agreement Change Line"
    _inherit = ["sgz.lock.mixin"]

    # written with its change and never again
    _sgz_create_by_action = True
    _sgz_fixed_fields = ("change_id", "station_id", "action", "annual_amount", "worker_quota")
    _sgz_unlink_states = ()

    change_id = fields.Many2one("sgz.agreement.change", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="change_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="change_id.currency_id")
    station_id = fields.Many2one("sgz.station", required=True, check_company=True)
    action = fields.Selection(LINE_ACTIONS, required=True, default="update")
    annual_amount = fields.Monetary(string="New Annual Amount")
    worker_quota = fields.Integer(string="New Worker Quota", default=1)

    @api.depends("station_id.name", "action")
    @api.depends_context("lang")
    def _compute_display_name(self):
        actions = dict(self._fields["action"]._description_selection(self.env))
        for line in self:
            line.display_name = f"{line.station_id.name or ''}：{actions.get(line.action, '')}"

    @api.constrains("annual_amount", "worker_quota")
    def _check_values(self):
        for line in self:
            if line.annual_amount < 0 or line.worker_quota < 0:
                raise ValidationError(self.env._("A new amount or quota cannot be negative."))

    def _sgz_apply(self, agreement):
        current = {line.station_id: line for line in agreement.station_line_ids}
        commands = []
        for line in self:
            existing = current.get(line.station_id)
            if line.action == "add":
                if existing:
                    raise UserError(
                        self.env._("%(station)s is already in the agreement.", station=line.station_id.name)
                    )
                if line.station_id.company_id != agreement.company_id:
                    raise UserError(
                        self.env._("%(station)s is not a station of the buyer.", station=line.station_id.name)
                    )
                vals = {"station_id": line.station_id.id, "annual_amount": line.annual_amount}
                commands.append(Command.create(dict(vals, worker_quota=line.worker_quota)))
                continue
            if not existing:
                raise UserError(
                    self.env._("%(station)s is not in the agreement.", station=line.station_id.name)
                )
            if line.action == "update":
                vals = {"annual_amount": line.annual_amount, "worker_quota": line.worker_quota}
                commands.append(Command.update(existing.id, vals))
            else:
                commands.append(Command.delete(existing.id))
        with agreement._sgz_unlocked("sgz.agreement.station"):
            agreement.write({"station_line_ids": commands})
