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
