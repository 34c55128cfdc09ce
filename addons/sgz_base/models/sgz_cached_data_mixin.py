from odoo import api, models


class SgzCachedDataMixin(models.AbstractModel):
    """Data the server keeps in its caches (``ormcache``) once read: the holiday schedule's
    :class:`WorkCalendar` (``_work_calendar``), the input limits. Any change drops the caches, so that the next
    reader sees it."""

    _name = "sgz.cached.data.mixin"
    _description = "Cached Data"

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
