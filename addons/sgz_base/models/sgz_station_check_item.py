from odoo import fields, models

CATEGORIES = [("hardware", "Hardware"), ("institution", "Institutions")]


class SgzStationCheckItem(models.Model):
    """An item of the §五 construction standard a station is checked against."""

    _name = "sgz.station.check.item"
    _description = "Station Checklist Item"
    _order = "category, sequence, id"

    name = fields.Char(required=True, translate=True)
    category = fields.Selection(CATEGORIES, required=True)
    sequence = fields.Integer(default=10)
    required = fields.Boolean(default=True, help="Counts towards the station's completeness.")
    active = fields.Boolean(default=True)
