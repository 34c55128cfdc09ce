from odoo import api, fields, models
from odoo.exceptions import UserError

from . import form_injection as form
from .sgz_document_link_mixin import document_links
from .sgz_lock_mixin import sgz_action


class SgzFilingMixin(models.AbstractModel):
    _name = "sgz.filing.mixin"
    _inherit = ["sgz.lock.mixin"]
    _description = "Filing Mixin"

    #: put the generic File button on the form (False: the document files through an action of its own)
    _sgz_filing_button = True

    sgz_filing_ids = document_links("sgz.filing", "Filings")
    sgz_filing_count = fields.Integer(compute="_compute_sgz_filing_count", string="Filing Count")
    sgz_filing_allowed = fields.Boolean(compute="_compute_sgz_filing_allowed", string="Can Be Filed")
    sgz_filing_return_reason = fields.Text(
        compute="_compute_sgz_filing_allowed", string="Reason for the Return"
    )
    sgz_filing_state = fields.Selection(
        selection="_sgz_filing_state_selection",
        compute="_compute_sgz_filing_state",
        store=True,
        string="Filing",
        copy=False,
    )

    @api.model
    def _sgz_filing_state_selection(self):
        # labels in the reader's language on every concrete model (see sgz.approval.mixin)
        return [
            ("none", self.env._("Not Filed")),
            ("submitted", self.env._("Submitted")),
            ("acknowledged", self.env._("Acknowledged")),
            ("returned", self.env._("Returned")),
        ]

    @api.depends("sgz_filing_ids.state", "sgz_filing_ids.period")
    def _compute_sgz_filing_state(self):
        for record in self:
            period = record._sgz_filing_period() or False
            filings = record.sudo().sgz_filing_ids.filtered(lambda f, p=period: (f.period or False) == p)
            record.sgz_filing_state = filings.sorted("id", reverse=True)[:1].state or "none"

    @api.depends("sgz_filing_state")
    def _compute_sgz_filing_allowed(self):
        for record in self:
            record.sgz_filing_allowed = record.sgz_filing_state not in (
                "submitted",
                "acknowledged",
            ) and bool(record.id and record._sgz_filing_ready() and record.has_access("write"))
            returned = record.sudo().sgz_filing_ids.filtered(lambda f: f.state == "returned")
            record.sgz_filing_return_reason = (
                returned.sorted("id", reverse=True)[:1].return_reason
                if record.sgz_filing_state == "returned"
                else False
            )

    def _compute_sgz_filing_count(self):
        for record in self:
            record.sgz_filing_count = len(record.sudo().sgz_filing_ids)

    # ---- hooks ---------------------------------------------------------------------------------------------------

    def _sgz_filing_company(self):
        return self.company_id

    def _sgz_filing_period(self):
        """The period a filing is for, when the document is filed anew each period (default: none)."""
        return False

    def _sgz_filing_target_company(self):
        """The organization the document is filed with (default: the parent of its company)."""
        return self._sgz_filing_company().parent_id

    def _sgz_filing_due_date(self):
        return False

    def _sgz_filing_ready(self):
        """Whether the document is in a state in which it is filed (shows the File button; default: always)."""
        return True

    @api.model
    def _sgz_filing_button_label(self):
        return self.env._("Submit for Filing")

    def _sgz_filing_check(self):
        """Raise a UserError to refuse filing (e.g. a document still in draft)."""

    def _sgz_filing_vals(self):
        self.ensure_one()
        return {
            "name": self.display_name,
            "res_model": self._name,
            "res_id": self.id,
            "company_id": self._sgz_filing_company().id,
            "user_id": self.env.user.id,
            "target_company_id": self._sgz_filing_target_company().id,
            "submit_date": fields.Date.context_today(self),
            "due_date": self._sgz_filing_due_date(),
            "period": self._sgz_filing_period() or False,
        }

    def _sgz_filing_submitted(self, filing):
        pass

    def _sgz_filing_acknowledged(self, filing):
        pass

    def _sgz_filing_returned(self, filing):
        pass

    # ---- the form ----------------------------------------------------------------------------------------------

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            self._sgz_filing_inject(arch)
        return arch, view

    @api.model
    def _sgz_filing_inject(self, arch):
        """The File button, the Filings smart button and the returned banner on the document's form (see
        form_injection)."""
        _ = self.env._
        if self._sgz_filing_button and not form.has(arch, "//button[@name='action_sgz_file']"):
            form.add_header_button(
                arch,
                form.element(
                    "button",
                    {
                        "name": "action_sgz_file",
                        "type": "object",
                        "string": self._sgz_filing_button_label(),
                        "class": "btn-primary",
                        "invisible": "not sgz_filing_allowed",
                        "confirm": _(
                            "File this document? Once filed it cannot be changed unless it is returned."
                        ),
                    },
                ),
            )
        if not form.has(arch, "//button[@name='action_sgz_open_filings']"):
            form.button_box(arch).append(
                form.element(
                    "button",
                    {
                        "name": "action_sgz_open_filings",
                        "type": "object",
                        "class": "oe_stat_button",
                        "icon": "fa-archive",
                        "invisible": "not sgz_filing_count",
                    },
                    children=[
                        form.element(
                            "field",
                            {"name": "sgz_filing_count", "widget": "statinfo", "string": _("Filings")},
                        )
                    ],
                )
            )
        if not form.has(arch, "//div[@name='sgz_filing_banner']"):
            form.add_after_header(
                arch,
                form.element(
                    "div",
                    {
                        "name": "sgz_filing_banner",
                        "class": "alert alert-warning mb-0",
                        "role": "alert",
                        "invisible": "sgz_filing_state != 'returned'",
                    },
                    children=[
                        form.element("span", {}, _("The filing was returned:")),
                        form.element("field", {"name": "sgz_filing_return_reason", "class": "ms-1"}),
                    ],
                ),
            )
        form.add_invisible_fields(arch, ("sgz_filing_state", "sgz_filing_allowed"))

    # ---- actions -------------------------------------------------------------------------------------------------

    @sgz_action(lock_rows=True)
    def action_sgz_file(self):
        """Button: file the document with the higher organization."""
        self._sgz_file()
        return True

    def _sgz_file(self):
        """File the documents with the higher organization; returns the new ``sgz.filing`` records.
        Callers (the document's actions) have checked the user's right to write the documents."""
        filings = self.env["sgz.filing"]
        for record in self:
            if record.sgz_filing_state in ("submitted", "acknowledged"):
                raise UserError(self.env._("%(document)s is already filed.", document=record.display_name))
            record._sgz_filing_check()
            vals = record._sgz_filing_vals()
            if not vals["target_company_id"]:
                raise UserError(
                    self.env._(
                        "%(company)s has no higher organization to file with.",
                        company=record._sgz_filing_company().name,
                    )
                )
            Filing = self.env["sgz.filing"].sudo()
            with Filing._sgz_unlocked():
                filing = Filing.create(vals)
            record.message_post(
                body=self.env._("Filed with %(company)s.", company=filing.target_company_id.sudo().name)
            )
            record._sgz_filing_submitted(filing)
            filings |= filing
        return filings.sudo(False)

    def action_sgz_open_filings(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_base.sgz_filing_action")
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
