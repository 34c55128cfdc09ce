from odoo import models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _update_translations(self, filter_lang=None, overwrite=False):
        """Load again the terms of the sgz addons a module depends on.

        A mixin of an sgz addon (approval, filing, deadlines) puts its fields on the models of the addons that
        depend on it; their labels are exported with the mixin's addon, whose terms were loaded before those
        models existed. Loading them again once the dependent addon is installed translates those labels on
        its models too (existing translations are kept).
        """
        result = super()._update_translations(filter_lang=filter_lang, overwrite=overwrite)
        upstream = self.env["ir.module.module"]
        todo = self.filtered(lambda m: m.state in ("installed", "to install", "to upgrade"))
        while todo:
            deps = todo.dependencies_id.depend_id - upstream
            upstream |= deps
            todo = deps
        sgz = upstream.filtered(lambda m: m.name.startswith("sgz_") and m.state == "installed") - self
        if sgz:
            if not filter_lang:
                filter_lang = [code for code, _name in self.env["res.lang"].get_installed()]
            elif not isinstance(filter_lang, (list, tuple)):
                filter_lang = [filter_lang]
            self._load_module_terms(sgz.mapped("name"), filter_lang, overwrite=False)
        return result
