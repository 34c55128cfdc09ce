from odoo import models
from odoo.exceptions import UserError

# what makes a message what it says: who wrote what, when, about which document
EVIDENCE_FIELDS = {
    "body",
    "subject",
    "author_id",
    "email_from",
    "date",
    "model",
    "res_id",
    "tracking_value_ids",
    "attachment_ids",
    "subtype_id",
    "message_type",
}


def sgz_document_model(env, model_name):
    Model = env.get(model_name) if model_name else None
    return Model is not None and "sgz_locked" in Model._fields


class MailMessage(models.Model):
    """The chatter of an sgz document is part of its record (approvals, filings, refusals are told there): no
    client deletes or rewrites one of its messages."""

    _inherit = "mail.message"

    def _sgz_check_evidence(self):
        if self.env.su:
            return
        for message in self.sudo():
            if sgz_document_model(self.env, message.model):
                raise UserError(
                    self.env._(
                        "The messages of %(document)s are part of its record: they cannot be changed or deleted.",
                        document=message.record_name or message.model,
                    )
                )

    def write(self, vals):
        if EVIDENCE_FIELDS & set(vals):
            self._sgz_check_evidence()
        return super().write(vals)

    def unlink(self):
        self._sgz_check_evidence()
        return super().unlink()
