from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..lib import (
    CalendarRangeError,
    WorkCalendar,
    add_working_days,
    package_calendar_days,
    working_days_between,
)


class SgzCalendarCacheMixin(models.AbstractModel):
    """Any change to the schedule drops the cached :class:`WorkCalendar` (see ``_work_calendar``)."""

    _name = "sgz.calendar.cache.mixin"
    _description = "Holiday Schedule Cache Invalidation"

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()


class SgzCalendarYear(models.Model):
    """A year whose official holiday schedule (放假安排) is known.

    Seeded from the ``chinese-calendar`` package; the State Council publishes next year's schedule
    in November or December, and an administrator enters it here without an upgrade.
    """

    _name = "sgz.calendar.year"
    _inherit = ["sgz.calendar.cache.mixin"]
    _description = "Holiday Schedule Year"
    _order = "name desc"

    name = fields.Integer(string="Year", required=True)
    source = fields.Selection(
        [("package", "chinese-calendar package"), ("manual", "Entered by hand")],
        default="manual",
        required=True,
    )
    day_ids = fields.One2many("sgz.calendar.day", "year_id", string="Days")
    note = fields.Char(string="Notice", help="The State Council notice the schedule comes from.")

    _sql_constraints = [("name_unique", "unique(name)", "This year's schedule already exists.")]

    @api.constrains("name")
    def _check_name(self):
        for year in self:
            if not 1990 <= year.name <= 2200:
                raise ValidationError(self.env._("%(year)s is not a plausible year.", year=year.name))

    @api.model
    def _seed_from_package(self):
        """Create the years the chinese-calendar package knows and that are not here yet."""
        holidays, workdays, years = package_calendar_days()
        known = set(self.search([]).mapped("name"))
        vals_list = []
        for year in years:
            if year in known:
                continue
            days = [
                {"date": day, "kind": "holiday", "name": name}
                for day, name in sorted(holidays.items())
                if day.year == year
            ] + [
                {"date": day, "kind": "workday", "name": name}
                for day, name in sorted(workdays.items())
                if day.year == year
            ]
            vals_list.append(
                {"name": year, "source": "package", "day_ids": [fields.Command.create(d) for d in days]}
            )
        return self.create(vals_list)

    @api.model
    @tools.ormcache()
    def _work_calendar(self):
        self = self.sudo()
        days = self.env["sgz.calendar.day"].search_read([], ["date", "kind"])
        return WorkCalendar(
            holidays=[d["date"] for d in days if d["kind"] == "holiday"],
            workdays=[d["date"] for d in days if d["kind"] == "workday"],
            years=self.search([]).mapped("name"),
        )

    def _range_error(self, error):
        if error.first_year is None:
            return UserError(
                self.env._("No holiday schedule has been entered yet (Settings → Holiday Schedules).")
            )
        return UserError(
            self.env._(
                "No official holiday schedule is known for %(date)s: schedules are known for %(first)s to "
                "%(last)s. An administrator can enter the new year's schedule under Holiday Schedules.",
                date=error.day.isoformat(),
                first=error.first_year,
                last=error.last_year,
            )
        )

    @api.model
    def add_working_days(self, day, n):
        """``day`` + ``n`` Chinese working days; a clear UserError beyond the known years."""
        try:
            return add_working_days(fields.Date.to_date(day), n, self._work_calendar())
        except CalendarRangeError as error:
            raise self._range_error(error) from None

    @api.model
    def working_days_between(self, start, end):
        try:
            return working_days_between(
                fields.Date.to_date(start), fields.Date.to_date(end), self._work_calendar()
            )
        except CalendarRangeError as error:
            raise self._range_error(error) from None


class SgzCalendarDay(models.Model):
    _name = "sgz.calendar.day"
    _inherit = ["sgz.calendar.cache.mixin"]
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
