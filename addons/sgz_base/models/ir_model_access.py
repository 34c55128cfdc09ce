from odoo import models
from odoo.exceptions import AccessError


class IrModelAccess(models.Model):
    _inherit = "ir.model.access"

    def _make_access_error(self, model, mode):
        """The role lacks the right altogether: say so without the technical model name (on every model; the
        administrator keeps Odoo's detailed message)."""
        if self.env.su or self.env.user._is_system():
            return super()._make_access_error(model, mode)
        self = self.with_context(self.env.user.context_get())
        return AccessError(
            self.env._(
                "Your role does not allow you to %(operation)s %(documents)s. Ask your administrator if your work "
                "needs it.",
                operation=self.env["ir.rule"]._sgz_operation_label(mode),
                documents=self.env["ir.model"]._get(model).name,
            )
        )
