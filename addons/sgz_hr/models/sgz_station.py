from odoo import fields, models


class SgzStation(models.Model):
    _inherit = "sgz.station"

    # the workers stationed here: the record rules of the stationed-worker role reach their station through it
    # (``station_id.sgz_worker_ids.user_id = user``), evaluated on each request, so a move takes effect at once
    sgz_worker_ids = fields.One2many(
        "hr.employee", "sgz_station_id", string="Stationed Workers", readonly=True
    )
