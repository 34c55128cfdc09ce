"""Clear sentences instead of raw Python errors for values a client sends to sgz documents.

Odoo converts the values of ``create`` and ``write`` late, so a client sending ``"abc"`` as a price,
``"2026-02-30"`` as a date or an unknown selection value gets a ``ValueError`` from deep inside the ORM.
For sgz models (``sgz.*`` and the core models sgz extends, ``_sgz_input_checked = True``) the values are
checked first and refused with a sentence naming the field. The company check of ``check_company`` fields
never names a record of another organization either.
"""

import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .sgz_lock_mixin import lock_lifted

_NUMERIC = ("float", "monetary", "integer")
_DATES = ("date", "datetime")


class Base(models.AbstractModel):
    _inherit = "base"

    #: check the values sent to this model (sgz.* models always are)
    _sgz_input_checked = False

    @api.model
    def _sgz_checks_input(self):
        return (self._name.startswith("sgz.") or self._sgz_input_checked) and not self.env.su

    @api.model
    def _sgz_check_input(self, vals):
        derived = [
            name
            for name in vals
            if name in self._fields
            and self._fields[name].compute
            and self._fields[name].readonly
            and not name.startswith(("message_", "activity_"))
        ]
        if derived and not lock_lifted(self.env, self._name):
            # a figure or a copy the model derives itself (Odoo writes a stored related field straight into its
            # column): never from a client
            raise UserError(
                self.env._(
                    "%(fields)s is worked out by the system and cannot be written.",
                    fields="、".join(
                        str(self._fields[name]._description_string(self.env)) for name in derived
                    ),
                )
            )
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or value is None or value is False:
                continue
            error = self._sgz_input_error(field, value)
            if error:
                raise ValidationError(error)

    @api.model
    def _sgz_input_error(self, field, value):
        """The sentence refusing ``value`` for ``field``, or None when Odoo can take it."""
        label = field._description_string(self.env)
        if field.type in _NUMERIC:
            if isinstance(value, bool):
                return None
            try:
                number = float(value)
            except (TypeError, ValueError):
                return self.env._("%(field)s must be a number, not “%(value)s”.", field=label, value=value)
            if number != number or number in (float("inf"), float("-inf")):
                return self.env._("%(field)s must be a number, not “%(value)s”.", field=label, value=value)
            if field.type == "integer" and number != int(number):
                return self.env._(
                    "%(field)s must be a whole number, not “%(value)s”.", field=label, value=value
                )
        elif field.type in _DATES:
            if isinstance(value, datetime.date):
                return None
            try:
                if field.type == "date":
                    converted = fields.Date.to_date(value)
                else:
                    converted = fields.Datetime.to_datetime(value)
            except (TypeError, ValueError):
                converted = None
            if converted is None:
                return self.env._("%(field)s: “%(value)s” is not a valid date.", field=label, value=value)
        elif field.type == "selection" and isinstance(value, str):
            allowed = dict(field._description_selection(self.env))
            if value not in allowed:
                return self.env._(
                    "%(field)s: “%(value)s” is not one of the choices (%(choices)s).",
                    field=label,
                    value=value,
                    choices="、".join(str(label) for label in allowed.values()),
                )
        elif field.type == "many2one" and isinstance(value, str):
            return self.env._("%(field)s: “%(value)s” is not a record.", field=label, value=value)
        return None

    @api.model_create_multi
    def create(self, vals_list):
        if self._sgz_checks_input():
            for vals in vals_list:
                self._sgz_check_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        checked = self._sgz_checks_input()
        if checked:
            self._sgz_check_input(vals)
        result = super().write(vals)
        if checked and self._sgz_moves_records(vals):
            self._sgz_check_still_writable()
        return result

    def _sgz_moves_records(self, vals):
        """Whether ``vals`` change a link the record rules may read (a many2one: the company, the worker, the
        document a line belongs to), outside an action of the model (actions are trusted code)."""
        return not lock_lifted(self.env, self._name) and any(
            name in self._fields and self._fields[name].type == "many2one" and self._fields[name].store
            for name in vals
        )

    def _sgz_check_still_writable(self):
        """Odoo checks the record rules before a write only: a user could move their own record into another
        organization (re-link a deduction to another provider's worker, a session to another provider's
        activity). After the write the records must still be the user's to write."""
        allowed = self._filtered_access("write")
        if allowed != self:
            raise AccessError(
                self.env._(
                    "%(model)s: you cannot move a record outside what you may change (another organization's "
                    "records).",
                    model=self.env["ir.model"]._get(self._name).name or self._description,
                )
            )

    def _check_company(self, fnames=None):
        try:
            return super()._check_company(fnames)
        except UserError:
            if self.env.su or not self._sgz_checks_input():
                raise
        # Odoo's sentence names the records of the other organization: name the fields only
        names = [
            name
            for name in (fnames or self._fields)
            if name in self._fields and self._fields[name].relational and self._fields[name].check_company
        ]
        labels = "、".join(str(self._fields[name]._description_string(self.env)) for name in names)
        raise UserError(
            self.env._(
                "%(fields)s must belong to the organization of the record: choose one of your own organization.",
                fields=labels,
            )
        )
