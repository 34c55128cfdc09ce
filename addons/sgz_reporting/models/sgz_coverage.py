"""Coverage (全覆盖) per county, city and the province: an SQL view over the stations' rows of
:mod:`sgz_station_coverage` and the townships of each county."""

from odoo import api, fields, models, tools
from odoo.tools import SQL

from .sgz_station_coverage import STATION_SQL

# one row per region (province, cities, counties): townships, stations in service and their staffing
COVERAGE_SQL = """
CREATE OR REPLACE VIEW %(view)s AS (
WITH st AS (%(stations)s),
bureau AS (
    SELECT sgz_region_id AS region_id, min(id) AS company_id FROM res_company
     WHERE sgz_kind IN ('province', 'city', 'county') AND sgz_region_id IS NOT NULL
  GROUP BY sgz_region_id
),
townships AS (
    SELECT parent_id AS county_region_id, count(*) AS n FROM sgz_region
     WHERE level = 'township' AND active GROUP BY parent_id
),
county AS (
    SELECT r.id AS region_id, r.code AS region_code, r.parent_id AS parent_region_id,
           COALESCE(t.n, 0) AS townships,
           count(st.id) FILTER (WHERE st.in_service) AS stations,
           count(st.id) FILTER (WHERE st.in_service AND st.staffed) AS staffed,
           count(st.id) FILTER (WHERE st.in_service AND st.demonstration) AS demonstration,
           COALESCE(sum(st.workers), 0) AS workers, COALESCE(sum(st.quota), 0) AS quota,
           COALESCE(sum(st.vacancies), 0) AS vacancies
      FROM sgz_region r
 LEFT JOIN townships t ON t.county_region_id = r.id
 LEFT JOIN st ON st.county_region_id = r.id
     WHERE r.level = 'county' AND r.active
  GROUP BY r.id, r.code, r.parent_id, t.n
),
city AS (
    SELECT c.id AS region_id, c.code AS region_code, c.parent_id AS parent_region_id,
           sum(county.townships) AS townships, sum(county.stations) AS stations,
           sum(county.staffed) AS staffed, sum(county.demonstration) AS demonstration,
           sum(county.workers) AS workers, sum(county.quota) AS quota,
           sum(county.vacancies) AS vacancies
      FROM sgz_region c JOIN county ON county.parent_region_id = c.id
     WHERE c.level = 'city'
  GROUP BY c.id, c.code, c.parent_id
),
province AS (
    SELECT p.id AS region_id, p.code AS region_code, NULL::integer AS parent_region_id,
           sum(city.townships) AS townships, sum(city.stations) AS stations,
           sum(city.staffed) AS staffed, sum(city.demonstration) AS demonstration,
           sum(city.workers) AS workers, sum(city.quota) AS quota, sum(city.vacancies) AS vacancies
      FROM sgz_region p JOIN city ON city.parent_region_id = p.id
     WHERE p.level = 'province'
  GROUP BY p.id, p.code
),
rows AS (
    SELECT 'county' AS level, 3 AS level_order, * FROM county
    UNION ALL SELECT 'city', 2, * FROM city
    UNION ALL SELECT 'province', 1, * FROM province
)
SELECT rows.region_id AS id, rows.region_id, rows.region_code, rows.level, rows.level_order,
       rows.parent_region_id,
       COALESCE(b.company_id, bp.company_id, bpp.company_id) AS company_id,
       rows.townships, rows.stations,
       CASE WHEN rows.townships > 0
            THEN round(100.0 * rows.stations / rows.townships, 1) ELSE 0 END AS coverage,
       rows.staffed,
       CASE WHEN rows.stations > 0
            THEN round(100.0 * rows.staffed / rows.stations, 1) ELSE 0 END AS staffed_rate,
       rows.demonstration, rows.workers, rows.quota, rows.vacancies
  FROM rows
             LEFT JOIN sgz_region parent ON parent.id = rows.parent_region_id
             LEFT JOIN bureau b ON b.region_id = rows.region_id
             LEFT JOIN bureau bp ON bp.region_id = rows.parent_region_id
             LEFT JOIN bureau bpp ON bpp.region_id = parent.parent_id
)
"""


class SgzCoverage(models.Model):
    """Coverage per county, city and the province: one row per region (province, cities, counties)."""

    _name = "sgz.coverage"
    _description = "Coverage"
    _auto = False
    # the province first, then the regions with stations in service before those still without (issue 20 §12)
    _order = "level_order, stations desc, region_code"
    _rec_name = "region_id"

    region_id = fields.Many2one("sgz.region", string="Region", readonly=True)
    region_code = fields.Char(string="Code", readonly=True)
    level = fields.Selection(
        [("province", "Province"), ("city", "City / Prefecture"), ("county", "County / District")],
        readonly=True,
    )
    level_order = fields.Integer(readonly=True)
    parent_region_id = fields.Many2one("sgz.region", string="Parent Region", readonly=True)
    company_id = fields.Many2one("res.company", string="Bureau", readonly=True)
    townships = fields.Integer(string="Townships and Streets", readonly=True, aggregator="sum")
    stations = fields.Integer(string="Stations in Service", readonly=True, aggregator="sum")
    coverage = fields.Float(string="Coverage (%)", readonly=True, digits=(5, 1), aggregator="avg")
    staffed = fields.Integer(string="Fully Staffed Stations", readonly=True, aggregator="sum")
    staffed_rate = fields.Float(string="Fully Staffed (%)", readonly=True, digits=(5, 1), aggregator="avg")
    demonstration = fields.Integer(string="Demonstration Stations", readonly=True, aggregator="sum")
    workers = fields.Integer(string="Workers Stationed", readonly=True, aggregator="sum")
    quota = fields.Integer(string="Workers Agreed", readonly=True, aggregator="sum")
    vacancies = fields.Integer(readonly=True, aggregator="sum")
    child_count = fields.Integer(compute="_compute_child_count", string="Below")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                COVERAGE_SQL,
                view=SQL.identifier(self._table),
                stations=SQL(STATION_SQL),
            )
        )

    def _compute_child_count(self):
        counts = dict(
            self._read_group(
                [("parent_region_id", "in", self.region_id.ids)], ["parent_region_id"], ["__count"]
            )
        )
        stations = dict(
            self.env["sgz.station.coverage"]._read_group(
                [("county_region_id", "in", self.region_id.ids)], ["county_region_id"], ["__count"]
            )
        )
        for row in self:
            if row.level == "county":
                row.child_count = stations.get(row.region_id, 0)
            else:
                row.child_count = counts.get(row.region_id, 0)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        """Rates of a group are recomputed from its sums (an average of percentages would be wrong)."""
        names = {spec.split(":")[0] for spec in fields}
        if names & {"coverage", "staffed_rate"}:
            fields = list(fields) + [
                name for name in ("townships", "stations", "staffed") if name not in names
            ]
        rows = super().read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy
        )
        for row in rows:
            if "coverage" in row and row.get("townships") is not None:
                row["coverage"] = (
                    round(100.0 * row["stations"] / row["townships"], 1) if row["townships"] else 0.0
                )
            if "staffed_rate" in row and row.get("stations") is not None:
                row["staffed_rate"] = (
                    round(100.0 * row["staffed"] / row["stations"], 1) if row["stations"] else 0.0
                )
        return rows

    def action_drill_down(self):
        """City → its counties; county → its stations."""
        self.ensure_one()
        if self.level == "county":
            action = self.env["ir.actions.act_window"]._for_xml_id(
                "sgz_reporting.sgz_station_coverage_action"
            )
            action["domain"] = [("county_region_id", "=", self.region_id.id)]
            action["display_name"] = self.region_id.name
            return action
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_reporting.sgz_coverage_action")
        action["domain"] = [("parent_region_id", "=", self.region_id.id)]
        action["display_name"] = self.region_id.name
        action["context"] = {}
        return action
