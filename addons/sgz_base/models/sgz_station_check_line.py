from odoo import fields, models


class SgzStationCheckLine(models.Model):
    _name = "sgz.station.check.line"
    _description = "Station Checklist Line"
    _order = "category, sequence, id"

    station_id = fields.Many2one("sgz.station", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="station_id.company_id", store=True, index=True)
    item_id = fields.Many2one("sgz.station.check.item", required=True, ondelete="restrict")
    name = fields.Char(related="item_id.name")
    category = fields.Selection(related="item_id.category", store=True)
    sequence = fields.Integer(related="item_id.sequence", store=True)
    required = fields.Boolean(related="item_id.required", store=True)
    done = fields.Boolean(string="Met")
    document = fields.Binary(string="Photo or Document", attachment=True)
    document_name = fields.Char()
    note = fields.Char()

    _sql_constraints = [
        ("item_unique", "unique(station_id, item_id)", "Each checklist item appears once per station."),
    ]
