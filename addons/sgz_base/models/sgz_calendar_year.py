from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..lib import (
    CalendarRangeError,
    WorkCalendar,
    add_working_days,
    package_calendar_days,
    working_days_between,
)


class SgzCalendarYear(models.Model):
    """A year whose official holiday schedule (放假安排) is known.

    Seeded from the ``chinese-calendar`` package; the State Council publishes next year's schedule
    in November or December, and an administrator enters it here without an upgrade.
    """

    _name = "sgz.calendar.year"
    _inherit = ["sgz.cached.data.mixin"]
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
