"""Clear sentences instead of raw Python errors for values a client sends to sgz documents, bounds on every
value, and one mask for personal and sealed fields.

Odoo converts the values of ``create`` and ``write`` late, so a client sending ``"abc"`` as a price,
``"2026-02-30"`` as a date or an unknown selection value gets a ``ValueError`` from deep inside the ORM.
For sgz models (``sgz.*`` and the core models sgz extends, ``_sgz_input_checked = True``) the values are
checked first and refused with a sentence naming the field:

- numbers: a number, whole for integers, within the column's range (PostgreSQL ``integer``) and, for amounts,
  within the ceiling of the field's kind (``sgz_limit="wage"`` on the field; ``amount`` by default), a ceiling
  that is data with validity dates (``sgz.input.limit``);
- dates: a real date between 1900 and 2100, and not after today for fields declared ``sgz_not_future=True``
  (a consent, an activity that took place);
- text: no control character (a Text keeps its line breaks and tabs), no bidirectional override or zero-width
  character, and no longer than the field's ``size`` (or ``sgz_max_length``; 500 for a Char, 20,000 for a
  Text by default);
- choices: one of the field's values; links: a record id.

The company check of ``check_company`` fields never names a record of another organization either.

Masked and sealed fields (``_sgz_masked_fields``: ID numbers, bank accounts, sealed prices) are never
aggregated (but counted) nor grouped by, whoever asks but the superuser, and they are masked in every read of
several records, in searches, lists and exports for the users ``_sgz_mask_applies`` says (everyone by default):
a record's own form is where a number is read in full, by those its field's groups allow.
"""

import datetime
import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import format_date, format_datetime, formatLang

from ..lib.mask import mask_number
from .sgz_lock_mixin import chatter_fields, lock_lifted

_NUMERIC = ("float", "monetary", "integer")
_DATES = ("date", "datetime")
_TEXTS = ("char", "text", "html")
# PostgreSQL's integer column
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
# a date a document can carry
DATE_MIN, DATE_MAX = datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)
DEFAULT_MAX_LENGTH = {"char": 500, "text": 20_000, "html": 200_000}
# control characters (a Text or Html keeps tab, line feed and carriage return), bidirectional overrides and
# isolates, zero-width characters and the byte-order mark
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# the rich-text editor itself places zero-width spaces: an Html field refuses controls and direction overrides only
_CONTROL_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_CONTROL_CHAR = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# the aggregate that tells nothing of the values
_COUNT_ONLY = ("count",)


class Base(models.AbstractModel):
    _inherit = "base"

    #: check the values sent to this model (sgz.* models always are)
    _sgz_input_checked = False
    #: personal or sealed fields: never aggregated but counted nor grouped by (but by the superuser), masked in
    #: reads of several records, searches, lists and exports for whom ``_sgz_mask_applies``
    _sgz_masked_fields = ()

    def check_field_access_rights(self, operation, field_names):
        """A field reserved to other roles (pay, identity numbers) is refused with a sentence naming it as the
        user reads it — never the technical field and model names, the user's id or the groups; the
        administrator keeps Odoo's detailed message."""
        try:
            return super().check_field_access_rights(operation, field_names)
        except AccessError:
            if self.env.user._is_system():
                raise
            env = self.with_context(self.env.user.context_get()).env
            hidden = [
                name
                for name in field_names
                if name in self._fields and not self._fields[name].is_accessible(env)
            ]
            raise AccessError(
                env._(
                    "Your role does not allow you to see %(fields)s of %(documents)s.",
                    fields="、".join(self._fields[name]._description_string(env) for name in hidden),
                    documents=env["ir.model"]._get(self._name).name,
                )
            ) from None

    def _valid_field_parameter(self, field, name):
        # sgz_limit: the kind of ceiling of an amount; sgz_not_future: a date that cannot be after today;
        # sgz_max_length: the longest text
        return name in ("sgz_limit", "sgz_not_future", "sgz_max_length") or super()._valid_field_parameter(
            field, name
        )

    # ---- input ------------------------------------------------------------------------------------------------

    @api.model
    def _sgz_checks_input(self):
        return (self._name.startswith("sgz.") or self._sgz_input_checked) and not self.env.su

    @api.model
    def _sgz_check_known_fields(self, vals):
        """A value for a field the model does not have is refused with a sentence naming it (Odoo would refuse it
        late, with a technical error, and a check before it could stumble on the name)."""
        unknown = [name for name in vals if name not in self._fields]
        if unknown:
            raise UserError(
                self.env._(
                    "%(model)s has no field %(fields)s: the value cannot be saved.",
                    model=self.env["ir.model"]._get(self._name).name or self._description,
                    fields="、".join(_CONTROL_CHAR.sub("", str(name))[:64] for name in unknown),
                )
            )

    @api.model
    def _sgz_check_input(self, vals):
        self._sgz_check_known_fields(vals)
        chatter = chatter_fields(self.env)
        derived = [
            name
            for name in vals
            if name in self._fields
            and self._fields[name].compute
            and self._fields[name].readonly
            and name not in chatter
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
        if field.type in _NUMERIC:
            return self._sgz_number_error(field, value)
        if field.type in _DATES:
            return self._sgz_date_error(field, value)
        if field.type in _TEXTS:
            return self._sgz_text_error(field, value)
        label = field._description_string(self.env)
        if field.type == "selection":
            allowed = dict(field._description_selection(self.env))
            if not isinstance(value, str) or value not in allowed:
                return self.env._(
                    "%(field)s: “%(value)s” is not one of the choices (%(choices)s).",
                    field=label,
                    value=value,
                    choices="、".join(str(label) for label in allowed.values()),
                )
        elif field.type == "many2one":
            if isinstance(value, models.BaseModel):
                return None
            if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= INT_MAX:
                return self.env._("%(field)s: “%(value)s” is not a record.", field=label, value=value)
        return None

    @api.model
    def _sgz_number_error(self, field, value):
        label = field._description_string(self.env)
        if isinstance(value, bool):
            return None
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            return self.env._("%(field)s must be a number, not “%(value)s”.", field=label, value=value)
        if number != number or number in (float("inf"), float("-inf")):
            return self.env._("%(field)s must be a number, not “%(value)s”.", field=label, value=value)
        if field.type == "integer":
            if number != int(number):
                return self.env._(
                    "%(field)s must be a whole number, not “%(value)s”.", field=label, value=value
                )
            if not INT_MIN <= number <= INT_MAX:
                return self.env._(
                    "%(field)s: %(value)s is far beyond any real figure.", field=label, value=value
                )
            if not getattr(field, "sgz_limit", None):  # an integer is bounded by its kind when it has one
                return None
        ceiling = self.env["sgz.input.limit"]._sgz_ceiling(getattr(field, "sgz_limit", None) or "amount")
        if ceiling and abs(number) >= ceiling:
            return self.env._(
                "%(field)s: %(value)s is not a real figure here (it must stay under %(ceiling)s).",
                field=label,
                value=value,
                ceiling=formatLang(self.env, ceiling, digits=0),
            )
        return None

    @api.model
    def _sgz_date_error(self, field, value):
        label = field._description_string(self.env)
        try:
            if isinstance(value, datetime.date):
                converted = value
            elif field.type == "date":
                converted = fields.Date.to_date(value)
            else:
                converted = fields.Datetime.to_datetime(value)
        except (TypeError, ValueError, OverflowError):
            converted = None
        if converted is None:
            return self.env._("%(field)s: “%(value)s” is not a valid date.", field=label, value=value)
        day = converted.date() if isinstance(converted, datetime.datetime) else converted
        if not DATE_MIN <= day <= DATE_MAX:
            return self.env._(
                "%(field)s: %(value)s is not a date this document can carry.", field=label, value=day
            )
        if getattr(field, "sgz_not_future", False) and day > fields.Date.context_today(self):
            return self.env._(
                "%(field)s: %(value)s is in the future; give the date on which it happened.",
                field=label,
                value=day,
            )
        return None

    @api.model
    def _sgz_text_error(self, field, value):
        if not isinstance(value, str):
            return None
        label = field._description_string(self.env)
        if field.required and field.type in ("char", "text") and not value.strip():
            return self.env._("%(field)s cannot be left blank.", field=label)
        pattern = {"char": _CONTROL_CHAR, "text": _CONTROL, "html": _CONTROL_HTML}[field.type]
        if pattern.search(value):
            return self.env._(
                "%(field)s contains an invisible control character (a pasted direction mark, a zero-width "
                "space…): type the text again without it.",
                field=label,
            )
        longest = getattr(field, "sgz_max_length", None) or field.size or DEFAULT_MAX_LENGTH[field.type]
        if len(value) > longest:
            return self.env._(
                "%(field)s is %(length)s characters long; at most %(longest)s are kept.",
                field=label,
                length=len(value),
                longest=longest,
            )
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

    # ---- words shared by every model --------------------------------------------------------------------------

    def _sgz_lang_env(self):
        """The environment in the reader's language: data loaded without one (an addon's demo) is written in its
        user's language, as Odoo's own ``_()`` does."""
        return self.with_context(lang=self.env.lang or self.env["res.users"].context_get().get("lang")).env

    def _sgz_id_card_reason(self, reason):
        """Why a resident ID number is invalid (``lib/idcard.py``'s ``IdCardError.reason``), in words."""
        return {
            "format": self.env._("it must be 17 digits and a check digit or X"),
            "checksum": self.env._("wrong check digit"),
            "birth_date": self.env._("impossible birth date"),
        }.get(reason, self.env._("invalid"))

    # ---- what a document says, in a few lines ------------------------------------------------------------------

    def _sgz_document_summary(self):
        """``[(label, value)]``: the document's key figures (amount, method, lots, dates…), shown on its approval
        reviews and filings so that whoever decides need not open it. Override in a document, calling super
        (``_sgz_summary_rows`` turns field names into such rows)."""
        return []

    def _sgz_summary_rows(self, field_names):
        """``[(label, value)]`` of ``field_names`` of this record, as the reader reads them (money with its
        currency, dates and times in the reader's language and time zone, choices by their label); empty values
        are left out."""
        self.ensure_one()
        rows = []
        for name in field_names:
            field = self._fields[name]
            value = self[name]
            if not value and field.type not in ("integer", "float", "monetary", "boolean"):
                continue
            rows.append((field._description_string(self.env), self._sgz_format_value(field, value)))
        return rows

    def _sgz_format_value(self, field, value):
        env = self.env
        if field.type == "monetary":
            currency = self[field.get_currency_field(self)] if field.get_currency_field(self) else None
            return formatLang(env, value, currency_obj=currency or env.company.currency_id)
        if field.type == "float":
            return formatLang(env, value)
        if field.type == "date":
            return format_date(env, value)
        if field.type == "datetime":
            return format_datetime(env, value, tz=env.user.tz or "Asia/Shanghai", dt_format="short")
        if field.type == "selection":
            return dict(field._description_selection(env)).get(value, value)
        if field.type == "boolean":
            return env._("Yes") if value else env._("No")
        if field.relational:
            return "、".join(value.sudo().mapped("display_name"))
        return str(value)

    # ---- masked and sealed fields ---------------------------------------------------------------------------------

    @api.model
    def _sgz_mask_applies(self, field_name):
        """Whether the current user reads ``field_name`` masked outside a record's own form (everyone but the
        superuser by default; override to spare a role)."""
        return not self.env.su

    @api.model
    def _sgz_mask_value(self, field_name, value):
        """The masked form of ``value`` (``430***********1022``; override for another shape)."""
        if isinstance(value, (tuple, list)) and len(value) == 2:  # a many2one read as (id, name)
            return (value[0], mask_number(value[1]))
        if isinstance(value, dict) and "display_name" in value:  # a many2one read by web_read
            return {**value, "display_name": mask_number(value["display_name"])}
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return False
        return mask_number(value) if value else value

    def _sgz_refuse_masked(self, field_name):
        if field_name in self._sgz_masked_fields and not self.env.su:
            raise AccessError(
                self.env._(
                    "%(field)s of %(model)s is personal or sealed: it can be counted, never summed, listed in "
                    "groups or grouped by.",
                    field=self._fields[field_name]._description_string(self.env),
                    model=self.env["ir.model"]._get(self._name).name or self._description,
                )
            )

    def _read_group_select(self, aggregate_spec, query):
        if self._sgz_masked_fields and aggregate_spec != "__count":
            field_name, _dot, func = aggregate_spec.partition(":")
            if func not in _COUNT_ONLY:
                self._sgz_refuse_masked(field_name.split(".")[0])
        return super()._read_group_select(aggregate_spec, query)

    def _read_group_groupby(self, groupby_spec, query):
        if self._sgz_masked_fields:
            self._sgz_refuse_masked(groupby_spec.split(":")[0].split(".")[0])
        return super()._read_group_groupby(groupby_spec, query)

    def _sgz_mask_rows(self, rows):
        """Mask the masked fields in ``rows`` (dicts read from this model) for whom the mask applies."""
        masked = [name for name in self._sgz_masked_fields if self._sgz_mask_applies(name)]
        for row in rows if masked else ():
            for name in masked:
                if name in row:
                    row[name] = self._sgz_mask_value(name, row[name])
        return rows

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields, load=load)
        if self._sgz_masked_fields and len(self) > 1:
            # one record's own form reads it in full; a read of several (a script listing the table) does not
            self._sgz_mask_rows(result)
        return result

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):
        result = super().search_read(domain, fields, offset=offset, limit=limit, order=order, **read_kwargs)
        return self._sgz_mask_rows(result) if self._sgz_masked_fields else result

    @api.model
    @api.readonly
    def web_search_read(self, domain, specification, offset=0, limit=None, order=None, count_limit=None):
        result = super().web_search_read(
            domain, specification, offset=offset, limit=limit, order=order, count_limit=count_limit
        )
        if self._sgz_masked_fields:
            self._sgz_mask_rows(result["records"])  # a list shows the mask, even of a single row
        return result

    def export_data(self, fields_to_export):
        """Exports carry the mask: each column whose path reaches a masked field, through any model."""
        result = super().export_data(fields_to_export)
        for column, path in enumerate(fields_to_export):
            model, name = self._sgz_export_target(path)
            if model is not None and name in model._sgz_masked_fields and model._sgz_mask_applies(name):
                for row in result["datas"]:
                    if row[column]:
                        row[column] = model._sgz_mask_value(name, row[column])
        return result

    @api.model
    def _sgz_export_target(self, path):
        """The model and field an export path (``partner_id/bank_ids/acc_number``) ends on."""
        model = self
        names = [name for name in re.split(r"[/.]", path) if name and name not in ("id", ".id")]
        for index, name in enumerate(names):
            field = model._fields.get(name)
            if field is None:
                return None, None
            if name in model._sgz_masked_fields or index == len(names) - 1 or not field.relational:
                return model, name
            model = self.env[field.comodel_name]
        return None, None

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
