from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    sgz_fund_source_id = fields.Many2one("sgz.fund.source", string="Fund Source", index=True)
    sgz_station_id = fields.Many2one("sgz.station", string="Station", index=True)
