"""Filing (备案): a document filed by one organization with a higher one.

``sgz.filing`` records what was filed (``res_model``/``res_id``), by whom (``company_id``, ``user_id``), with
whom (``target_company_id``), by when (``due_date``), and its state: submitted → acknowledged, or returned
with a reason. The filing company and the receiving company see it (record rules); an officer of the
receiving organization (or above it) acknowledges or returns it.

A filed model inherits ``sgz.filing.mixin`` (next to ``mail.thread``) and gets:

* ``sgz_filing_ids``, ``sgz_filing_count`` (smart button), ``sgz_filing_state`` (stored, searchable:
  none / submitted / acknowledged / returned — the state of the latest filing);
* ``action_sgz_file()`` (the button; files again after a return; ``_sgz_file()`` from code) and
  ``action_sgz_open_filings()``;
* overridable hooks: ``_sgz_filing_target_company()`` (default: the parent of ``company_id``),
  ``_sgz_filing_period()`` (default: none; a document filed anew for each period — e.g. an agreement
  signed year by year — returns the current period, and its filing state only counts that period's filings),
  ``_sgz_filing_due_date()`` (default: none), ``_sgz_filing_check()`` (raise to refuse filing),
  ``_sgz_filing_submitted(filing)``, ``_sgz_filing_acknowledged(filing)``, ``_sgz_filing_returned(filing)``.

The form of the filed model shows them with::

    <button name="action_sgz_file" type="object" string="File"
            invisible="sgz_filing_state in ('submitted', 'acknowledged')"/>
    <button name="action_sgz_open_filings" type="object" class="oe_stat_button" icon="fa-archive">
        <field name="sgz_filing_count" widget="statinfo" string="Filings"/>
    </button>
    <field name="sgz_filing_state" widget="badge"/>

A filing is evidence: once created it changes only through its actions (the return reason and a note aside,
and the attached document while it is still submitted), and it is never deleted.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .sgz_lock_mixin import sgz_action

FILING_STATES = [("submitted", "Submitted"), ("acknowledged", "Acknowledged"), ("returned", "Returned")]
RECEIVER_GROUP = "sgz_base.sgz_base_group_county_officer"


class SgzFiling(models.Model):
    _name = "sgz.filing"
    _description = "Filing"
    _inherit = ["mail.thread", "sgz.document.link.mixin", "sgz.lock.mixin"]
    _order = "submit_date desc, id desc"

    _sgz_locked_states = ("acknowledged", "returned")
    _sgz_lock_writable = ("note",)
    _sgz_action_fields = (
        "name",
        "res_model",
        "res_id",
        "period",
        "company_id",
        "user_id",
        "target_company_id",
        "submit_date",
        "due_date",
        "state",
        "acknowledged_by_id",
        "acknowledge_date",
    )
    _sgz_unlink_states = ()
    _sgz_create_by_action = True

    name = fields.Char(string="Filed Document", required=True, readonly=True)
    period = fields.Char(
        string="Filed For", readonly=True, index=True, help="The period of the document this filing is for."
    )
    company_id = fields.Many2one("res.company", string="Filed By", required=True, index=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Submitted By", readonly=True)
    target_company_id = fields.Many2one(
        "res.company", string="Filed With", required=True, index=True, readonly=True
    )
    submit_date = fields.Date(string="Submitted On", required=True, readonly=True)
    due_date = fields.Date(string="Due Date", readonly=True)
    late = fields.Boolean(compute="_compute_late", store=True, string="Filed Late")
    state = fields.Selection(
        FILING_STATES, default="submitted", required=True, tracking=True, readonly=True, index=True
    )
    acknowledged_by_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    acknowledge_date = fields.Date(string="Decided On", readonly=True)
    return_reason = fields.Text(tracking=True)
    document = fields.Binary(string="Attachment", attachment=True)
    document_name = fields.Char()
    note = fields.Text()
    filed_with_me = fields.Boolean(
        compute="_compute_filed_with_me",
        search="_search_filed_with_me",
        string="Filed With My Organization",
        help="Filed with the organization the user works for (not with one below it).",
    )

    def write(self, vals):
        if not self._sgz_lock_lifted():
            self._sgz_check_sides(vals)
        return super().write(vals)

    def _sgz_check_attachment_field(self, field_name):
        result = super()._sgz_check_attachment_field(field_name)
        self._sgz_check_sides({field_name: True})
        return result

    def _sgz_check_sides(self, vals):
        """The filer words the filing and attaches its document; the receiver writes the return reason."""
        companies = self.env.user.company_ids
        filer = lambda f: f.company_id in companies and f.target_company_id not in companies  # noqa: E731
        if {"document", "document_name"} & set(vals) and not all(filer(f) for f in self):
            raise UserError(self.env._("Only the filing organization attaches the filed document."))
        if "return_reason" in vals and any(f.target_company_id not in companies for f in self):
            raise UserError(
                self.env._("Only the receiving organization writes the reason for returning a filing.")
            )

    @api.depends("target_company_id")
    @api.depends_context("uid")
    def _compute_filed_with_me(self):
        own = self.env.user._sgz_own_companies()
        for filing in self:
            filing.filed_with_me = filing.target_company_id in own

    def _search_filed_with_me(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Filed With My Organization."))
        positive = (operator == "=") == value
        return [("target_company_id", "in" if positive else "not in", self.env.user._sgz_own_companies().ids)]

    @api.depends("submit_date", "due_date")
    def _compute_late(self):
        for filing in self:
            filing.late = bool(filing.due_date and filing.submit_date > filing.due_date)

    def _sgz_check_receiver(self):
        user = self.env.user
        for filing in self:
            if filing.state != "submitted":
                raise UserError(self.env._("Only a submitted filing can be acknowledged or returned."))
            if filing.target_company_id not in user.company_ids or not user.has_group(RECEIVER_GROUP):
                raise UserError(
                    self.env._(
                        "Only an officer of %(company)s can acknowledge or return this filing.",
                        company=filing.target_company_id.sudo().name,
                    )
                )

    @sgz_action(access="read", lock_rows=True)
    def action_acknowledge(self):
        """Receiving officer: the filing is on record (备案)."""
        self._sgz_check_receiver()
        for filing in self:
            filing.write(
                {
                    "state": "acknowledged",
                    "acknowledged_by_id": self.env.user.id,
                    "acknowledge_date": fields.Date.context_today(self),
                }
            )
            document = filing.sudo()._sgz_document()
            document.message_post(
                body=self.env._(
                    "Filing acknowledged by %(company)s.", company=filing.target_company_id.sudo().name
                ),
                author_id=self.env.user.partner_id.id,
            )
            document._sgz_filing_acknowledged(filing)
        return True

    @sgz_action(access="read", lock_rows=True)
    def action_return(self, reason=None):
        """Receiving officer: send the filing back with a reason (``reason`` or the Return Reason field)."""
        self._sgz_check_receiver()
        for filing in self:
            reason = reason or filing.return_reason
            if not (reason or "").strip():
                raise UserError(self.env._("Write the reason for returning this filing."))
            filing.write(
                {
                    "state": "returned",
                    "return_reason": reason,
                    "acknowledged_by_id": self.env.user.id,
                    "acknowledge_date": fields.Date.context_today(self),
                }
            )
            document = filing.sudo()._sgz_document()
            document.message_post(
                body=self.env._(
                    "Filing returned by %(company)s: %(reason)s",
                    company=filing.target_company_id.sudo().name,
                    reason=reason,
                ),
                author_id=self.env.user.partner_id.id,
            )
            document._sgz_filing_returned(filing)
        return True
