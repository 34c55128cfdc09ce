from odoo import fields, models, tools
from odoo.tools import SQL


class SgzBeneficiaryStat(models.Model):
    """Beneficiaries per station and category: the counts every bureau sees (an SQL view, no names)."""

    _name = "sgz.beneficiary.stat"
    _description = "Beneficiaries per Station and Category"
    _auto = False
    _order = "station_id"
    _rec_name = "station_id"

    station_id = fields.Many2one("sgz.station", string="Station", readonly=True)
    provider_id = fields.Many2one("res.company", string="Provider", readonly=True)
    county_id = fields.Many2one("res.company", string="County Bureau", readonly=True)
    city_id = fields.Many2one("res.company", string="City Bureau", readonly=True)
    category_id = fields.Many2one("sgz.beneficiary.category", string="Category", readonly=True)
    beneficiaries = fields.Integer(readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT row_number() OVER (ORDER BY b.station_id, rel.category_id) AS id,
                           b.station_id, s.provider_id, s.company_id AS county_id, county.parent_id AS city_id,
                           rel.category_id AS category_id, count(*) AS beneficiaries
                      FROM sgz_beneficiary b
                      JOIN sgz_station s ON s.id = b.station_id
                      JOIN res_company county ON county.id = s.company_id
                 LEFT JOIN sgz_beneficiary_category_rel rel ON rel.beneficiary_id = b.id
                     WHERE b.active
                  GROUP BY b.station_id, s.provider_id, s.company_id, county.parent_id,
                           rel.category_id
                )
                """,
                SQL.identifier(self._table),
            )
        )
