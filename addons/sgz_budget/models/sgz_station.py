from odoo import api, fields, models
from odoo.tools import SQL


class SgzStation(models.Model):
    _inherit = "sgz.station"

    sgz_lottery_funded = fields.Boolean(
        string="Lottery-Funded",
        compute="_compute_sgz_lottery_funded",
        search="_search_sgz_lottery_funded",
        help="Paid by welfare-lottery funds: the station displays the sign “彩票公益金资助—中国福利彩票”.",
    )

    @api.model
    def _sgz_lottery_station_ids(self, ids=None):
        """Stations on confirmed purchase lines paid by a welfare-lottery fund (one query)."""
        condition = (
            SQL("pol.sgz_station_id IN %s", tuple(ids)) if ids else SQL("pol.sgz_station_id IS NOT NULL")
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT pol.sgz_station_id
                  FROM purchase_order_line pol
                  JOIN purchase_order po ON po.id = pol.order_id AND po.state IN ('purchase', 'done')
                  JOIN sgz_fund_source f ON f.id = pol.sgz_fund_source_id AND f.category = 'lottery'
                 WHERE %s
                """,
                condition,
            )
        )
        return {row[0] for row in self.env.cr.fetchall()}

    def _compute_sgz_lottery_funded(self):
        funded = self._sgz_lottery_station_ids(self.ids) if self.ids else set()
        for station in self:
            station.sgz_lottery_funded = station.id in funded

    def _search_sgz_lottery_funded(self, operator, value):
        if operator not in ("=", "!="):
            return [("id", "=", False)]
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", list(self._sgz_lottery_station_ids()))]
