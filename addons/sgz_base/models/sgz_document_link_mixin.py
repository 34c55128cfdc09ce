from markupsafe import Markup

from odoo import api, fields, models


class SgzDocumentLinkMixin(models.AbstractModel):
    """A record about another business document (a review, a filing, a deadline): the document's model
    and id, its kind in the reader's language, a way back to it, and the one2many that documents use to list
    such records."""

    _name = "sgz.document.link.mixin"
    _description = "Link to a Business Document"

    res_model = fields.Char(string="Document Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True, index=True, readonly=True
    )
    model_description = fields.Char(compute="_compute_model_description", string="Document Type")
    document_summary = fields.Html(
        string="Document Summary",
        compute="_compute_document_summary",
        sanitize=True,
        help="The document's key figures (amount, method, dates…) as they stand now, so whoever decides on the "
        "review or the filing need not open the document.",
    )

    @api.depends("res_model")
    @api.depends_context("lang")
    def _compute_model_description(self):
        names = {
            model.model: model.name
            for model in self.env["ir.model"]
            .sudo()
            .search([("model", "in", list(set(self.mapped("res_model"))))])
        }
        for record in self:
            record.model_description = names.get(record.res_model, record.res_model)

    @api.depends("res_model", "res_id")
    @api.depends_context("lang")
    def _compute_document_summary(self):
        for record in self:
            document = record.sudo()._sgz_document().exists() if record.res_model in self.env else None
            rows = document._sgz_document_summary() if document else []
            record.document_summary = (
                Markup("<table class='table table-sm o_sgz_document_summary'>%s</table>")
                % Markup().join(
                    Markup("<tr><th>%s</th><td>%s</td></tr>") % (label, value) for label, value in rows
                )
                if rows
                else False
            )

    def _sgz_document(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def action_open_document(self):
        self.ensure_one()
        self.check_access("read")
        self._sgz_document().check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }


def document_links(comodel, string):
    """The one2many of a document towards ``comodel`` records linked to it (same model, same id)."""
    return fields.One2many(
        comodel, "res_id", string=string, copy=False, domain=lambda self: [("res_model", "=", self._name)]
    )
