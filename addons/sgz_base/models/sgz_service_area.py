from odoo import api, fields, models


class SgzServiceArea(models.Model):
    """Service areas of §四 and the services listed under each."""

    _name = "sgz.service.area"
    _description = "Service Area"
    _parent_store = True
    _order = "sequence, id"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    parent_id = fields.Many2one("sgz.service.area", string="Area", index=True, ondelete="cascade")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("sgz.service.area", "parent_id", string="Services")
    complete_name = fields.Char(
        compute="_compute_complete_name", search="_search_complete_name", recursive=True, string="Full Name"
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "The service area code must be unique.")]

    @api.depends("name", "parent_id.complete_name")
    @api.depends_context("lang")
    def _compute_complete_name(self):
        # in the reader's language (the names are translated), so not stored
        for area in self:
            area.complete_name = (
                f"{area.parent_id.complete_name} / {area.name}" if area.parent_id else area.name
            )

    def _search_complete_name(self, operator, value):
        return ["|", ("name", operator, value), ("parent_id.name", operator, value)]
