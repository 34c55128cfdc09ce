from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SgzCalendarDay(models.Model):
    _name = "sgz.calendar.day"
    _inherit = ["sgz.cached.data.mixin"]
    _description = "Public Holiday or Adjusted Working Day"
    _order = "date"

    year_id = fields.Many2one("sgz.calendar.year", required=True, index=True, ondelete="cascade")
    date = fields.Date(required=True, index=True)
    kind = fields.Selection(
        [("holiday", "Public holiday (day off)"), ("workday", "Adjusted working day (调休)")], required=True
    )
    name = fields.Char(string="Occasion")

    _sql_constraints = [("date_unique", "unique(date)", "This date is already in the schedule.")]

    @api.constrains("date", "year_id")
    def _check_year(self):
        for day in self:
            if day.date.year != day.year_id.name:
                raise ValidationError(
                    self.env._(
                        "%(date)s does not lie in %(year)s.", date=day.date.isoformat(), year=day.year_id.name
                    )
                )
