from odoo import api, models


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
