from odoo import api, models
from odoo.exceptions import UserError

# context keys with which Odoo's mail skips tracking and the creation message
TRACE_KEYS = ("tracking_disable", "mail_notrack", "mail_create_nolog")


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _sgz_keep_trace(self):
        """The trace of an sgz document is not the client's to switch off: the context keys that silence
        tracking and the creation message are dropped for whoever changes it (but the superuser's own code)."""
        if "sgz_locked" not in self._fields or self.env.su:
            return self
        if not any(self.env.context.get(key) for key in TRACE_KEYS):
            return self
        return self.with_context(**dict.fromkeys(TRACE_KEYS, False))

    @api.model_create_multi
    def create(self, vals_list):
        return super(MailThread, self._sgz_keep_trace()).create(vals_list)

    def _creation_message(self):
        """The chatter is the document's own: "已创建" says it all, and needs no model name (which, for the data
        an addon loads while it installs, is not translated yet)."""
        if not (self._name.startswith("sgz.") or "sgz_locked" in self._fields):
            return super()._creation_message()
        return self._sgz_lang_env()._("Created")

    def write(self, vals):
        return super(MailThread, self._sgz_keep_trace()).write(vals)

    def message_post(self, **kwargs):
        """On sgz documents a user posts as themselves: the author of a message is never someone else."""
        if "sgz_locked" in self._fields and not self.env.su:
            author = kwargs.get("author_id")
            if author and author != self.env.user.partner_id.id:
                raise UserError(self.env._("You can only post messages as yourself."))
        return super().message_post(**kwargs)

    def _message_update_content(self, message, *args, **kwargs):
        if "sgz_locked" in self._fields and not self.env.su:
            message._sgz_check_evidence()
        return super()._message_update_content(message, *args, **kwargs)

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        """A user without an email address (a second HR clerk an administrator created with a login only) still
        posts in the chatter: the message goes out from the company's address, or none."""
        author_id, email_from = super()._message_compute_author(author_id, email_from, raise_on_email=False)
        if not email_from:
            email_from = (
                self.env.company.email_formatted or self.env.company.sudo().partner_id.email_formatted
            )
        if not email_from and raise_on_email and not author_id:
            raise UserError(
                self.env._("Unable to send message, please configure the sender's email address.")
            )
        return author_id, email_from
