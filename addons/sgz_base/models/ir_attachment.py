from odoo import api, models
from odoo.exceptions import UserError

from .sgz_lock_mixin import lock_lifted


class IrAttachment(models.Model):
    """The files of a locked document are part of it: a binary field's file (a bid's proposal, a filed
    document, an evaluation report) changes only while that field may change, and files attached to a locked
    document may be added but never replaced or removed."""

    _inherit = "ir.attachment"

    def _sgz_locked_documents(self, targets, replacing):
        """Refuse when one of ``targets`` — (model, id, field) — is a locked sgz document (or field)."""
        if self.env.su:
            return
        for model_name, res_id, res_field in targets:
            Model = self.env.get(model_name)
            if Model is None or "sgz_locked" not in Model._fields or not res_id:
                continue
            if lock_lifted(self.env, model_name):
                continue
            document = Model.browse(res_id).exists()
            if not document:
                continue
            if res_field:
                document._sgz_check_attachment_field(res_field)
            elif replacing and document._sgz_locked_records():
                raise UserError(
                    self.env._(
                        "%(document)s is locked: its files can be added to, not replaced or removed.",
                        document=document.sudo().display_name,
                    )
                )

    @staticmethod
    def _sgz_target(vals, record=None):
        return (
            vals.get("res_model", record.res_model if record else False),
            vals.get("res_id", record.res_id if record else False),
            vals.get("res_field", record.res_field if record else False),
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._sgz_locked_documents([self._sgz_target(vals) for vals in vals_list], replacing=False)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            targets = [self._sgz_target({}, record) for record in self.sudo()]
            targets += [self._sgz_target(vals, record) for record in self.sudo()]
            self._sgz_locked_documents(targets, replacing=True)
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self._sgz_locked_documents(
                [self._sgz_target({}, record) for record in self.sudo()], replacing=True
            )
        return super().unlink()
