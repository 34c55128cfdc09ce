"""Locks: what an approved, confirmed, filed or signed document says stays as it is.

A model opts in by inheriting ``sgz.lock.mixin`` and setting class attributes::

    class SgzExampleRun(models.Model):
        _name = "sgz.example.run"
        _inherit = ["mail.thread", "sgz.lock.mixin"]
        _sgz_locked_states = ("confirmed",)    # values of _sgz_lock_field (default "state") that lock it
        _sgz_lock_writable = ("note",)         # still writable while locked (chatter fields always are)
        _sgz_action_fields = ("state", "confirmed_by_id", "confirmed_date")  # written only by actions
        _sgz_unlink_states = ("draft",)        # deletable only then (default: whenever not locked)
        _sgz_fixed_fields = ("run_id",)        # given at creation, never changed (company_id always is)

        @sgz_action
        def action_confirm(self):
            ...
            self.write({"state": "confirmed", ...})   # allowed: the action lifted the lock

A line model follows its document with ``_sgz_lock_parent = "run_id"``: it is locked when its document is,
and it cannot be added to or removed from a locked document. ``_sgz_create_by_action = True`` refuses any
creation outside an action (payslips are generated, never typed in).

The lock is lifted only inside ``with records._sgz_unlocked():`` or a method decorated with
:func:`sgz_action`, which checks the caller's access right on the records first. The lift lives in a
:mod:`contextvars` variable of the running Python call, so no client can send it: it is neither a context
key nor a field. Superuser environments (``sudo()``) write freely, as Odoo's own code does; deletion of
evidence is refused even then (``_sgz_unlink_states``), except when the module is uninstalled.
"""

import contextvars
import functools
from contextlib import contextmanager

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# model names whose lock is lifted in the current call (set by _sgz_unlocked / @sgz_action)
_UNLOCKED = contextvars.ContextVar("sgz_unlocked", default=frozenset())
# the mixins whose fields the chatter and the scheduled activities write (a model's own field named
# ``activity_id`` — the service record a line belongs to — is not one of them)
_CHATTER_MIXINS = ("mail.thread", "mail.activity.mixin")


def chatter_fields(env):
    """The names of the fields the chatter and the scheduled activities write (those of their mixins, but the
    magic columns and the display name)."""
    magic = set(models.MAGIC_COLUMNS) | {"display_name"}
    return {name for mixin in _CHATTER_MIXINS if mixin in env for name in env[mixin]._fields} - magic


def lock_lifted(env, model_name):
    """Whether code running now may change locked records of ``model_name`` (for models that guard a few
    fields themselves instead of inheriting the mixin, e.g. the purchase order lines of an agreement year)."""
    return env.su or model_name in _UNLOCKED.get()


def sgz_action(method=None, *, access="write", groups=None, lock_rows=False):
    """Decorate a public action: check the caller's ``access`` right on the records (and ``groups``, a
    comma-separated list of xml ids of which the user needs one), optionally lock their rows against a
    concurrent action (:meth:`_sgz_lock_rows`), then run the action with the model's lock lifted."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(self, *args, **kwargs):
            self._sgz_check_action_access(access, groups)
            if lock_rows:
                self._sgz_lock_rows()
            with self._sgz_unlocked():
                return func(self, *args, **kwargs)

        return wrapper

    return decorate(method) if method else decorate


class SgzLockMixin(models.AbstractModel):
    _name = "sgz.lock.mixin"
    _description = "Lock Mixin"

    #: field whose value locks the record
    _sgz_lock_field = "state"
    #: values of that field in which the record is locked
    _sgz_locked_states = ()
    #: fields still writable while locked
    _sgz_lock_writable = ()
    #: fields written only by the model's actions (states, figures the actions compute, who decided and when)
    _sgz_action_fields = ()
    #: fields given at creation and never changed afterwards (the document a line or a bid belongs to, …)
    _sgz_fixed_fields = ()
    #: values of the lock field in which the record may be deleted (None: whenever it is not locked)
    _sgz_unlink_states = None
    #: many2one to the document whose lock this line follows
    _sgz_lock_parent = None
    #: records are created only by actions
    _sgz_create_by_action = False

    sgz_locked = fields.Boolean(
        compute="_compute_sgz_locked",
        string="Locked",
        help="Confirmed, approved, filed or waiting for approval: the document changes only through its actions.",
    )

    def _compute_sgz_locked(self):
        locked = self._sgz_locked_records()
        for record in self:
            record.sgz_locked = record in locked

    # ---- lifting the lock ------------------------------------------------------------------------------------

    @contextmanager
    def _sgz_unlocked(self, *model_names):
        """Lift the lock of this model (and of ``model_names``) for the code inside the ``with``."""
        names = frozenset(model_names) | {self._name}
        token = _UNLOCKED.set(_UNLOCKED.get() | names)
        try:
            yield self
        finally:
            _UNLOCKED.reset(token)

    def _sgz_lock_lifted(self):
        return lock_lifted(self.env, self._name)

    def _sgz_check_action_access(self, access, groups=None):
        """The caller may run the action: access right and record rules on the records, and the group."""
        if groups and not self.env.su and not self.env.user.has_groups(groups):
            raise AccessError(
                self.env._(
                    "You are not allowed to do this on %(documents)s.",
                    documents=self._sgz_names(),
                )
            )
        if self:
            self.check_access(access)
        else:
            self.browse().check_access(access)

    def _sgz_lock_rows(self):
        """``SELECT … FOR UPDATE NOWAIT`` on the records: two users acting on one document at the same moment
        get one success and one clear sentence, never a duplicate. Call it before reading the state."""
        if not self.ids:
            return
        self.env.flush_all()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT",
                        SQL.identifier(self._table),
                        tuple(self.ids),
                    ),
                    log_exceptions=False,
                )
        except psycopg2.errors.LockNotAvailable:
            raise UserError(
                self.env._(
                    "%(documents)s is being changed by another user at this moment: reload the page and try "
                    "again.",
                    documents=self._sgz_names(),
                )
            ) from None
        # what another transaction committed before the lock is what counts
        self.invalidate_recordset()

    # ---- what is locked ----------------------------------------------------------------------------------------

    def _sgz_locked_records(self):
        """The records of ``self`` that are locked (override to add conditions, calling super)."""
        if self._sgz_lock_parent:
            parents = self.sudo()[self._sgz_lock_parent]
            locked_parents = parents._sgz_locked_records()
            return self.filtered(lambda r: r.sudo()[self._sgz_lock_parent] in locked_parents)
        if not self._sgz_locked_states:
            return self.browse()
        field = self._sgz_lock_field
        return self.filtered(lambda r: r.sudo()[field] in self._sgz_locked_states)

    def _sgz_lock_label(self):
        """Why the record is locked, for the sentence that refuses a change (e.g. “Confirmed”)."""
        self.ensure_one()
        if self._sgz_lock_parent:
            return self.sudo()[self._sgz_lock_parent]._sgz_lock_label()
        field = self._fields.get(self._sgz_lock_field)
        if field is None or field.type != "selection":
            return ""
        value = self.sudo()[self._sgz_lock_field]
        return dict(field._description_selection(self.env)).get(value, value or "")

    def _sgz_lock_document(self):
        """The document named in the sentences: the record, or the document a line belongs to."""
        self.ensure_one()
        if self._sgz_lock_parent:
            return self.sudo()[self._sgz_lock_parent]._sgz_lock_document()
        return self

    def _sgz_names(self):
        names = self.sudo().mapped("display_name")
        return "、".join(names[:3]) + ("…" if len(names) > 3 else "")

    def _sgz_field_labels(self, names):
        fields_ = self._fields
        return "、".join(sorted(str(fields_[name]._description_string(self.env)) for name in names))

    # ---- guards --------------------------------------------------------------------------------------------

    @api.model
    def _sgz_user_fields(self, vals):
        chatter = chatter_fields(self.env)
        return {name for name in vals if name not in chatter}

    @api.model
    def _sgz_protected_fields(self):
        """Fields no client writes: the declared action fields and every read-only computed field (a figure
        or a state the model derives itself, e.g. a filing state or a total)."""
        cls = type(self)
        if "_sgz_protected_cache" not in cls.__dict__:
            # read-only computed fields, related ones included: Odoo writes a stored related field straight into
            # its column, so a client could otherwise move a score to another member or a bid to another county
            computed = {name for name, field in self._fields.items() if field.compute and field.readonly}
            cls._sgz_protected_cache = frozenset(computed | set(self._sgz_action_fields))
        return cls._sgz_protected_cache

    @api.model
    def _sgz_fixed_field_names(self):
        """The declared fixed fields, and the document's own company: a document never moves to another
        organization after its creation."""
        names = set(self._sgz_fixed_fields)
        company = self._fields.get("company_id")
        if company is not None and not company.compute:
            names.add("company_id")
        return names

    def _sgz_check_action_fields(self, vals, creating=False):
        """Refuse values for fields that only actions write (on create, the field's default is tolerated; a
        ``default_<field>`` the client puts in the context counts as a value it sends)."""
        if creating:
            vals = {**self._sgz_context_defaults(), **vals}
        protected = self._sgz_user_fields(vals) & self._sgz_protected_fields()
        if creating and protected:
            plain = {key: value for key, value in self.env.context.items() if not key.startswith("default_")}
            defaults = self.with_context(plain).default_get(list(protected))
            protected = {name for name in protected if vals[name] != defaults.get(name, False) and vals[name]}
        if protected:
            raise UserError(
                self.env._(
                    "%(fields)s of %(model)s change only through the buttons that carry out the step "
                    "(confirm, approve, file…), never by editing.",
                    fields=self._sgz_field_labels(protected),
                    model=self.env["ir.model"]._get(self._name).name,
                )
            )

    def _sgz_context_defaults(self):
        """The field values a client sends as ``default_<field>`` context keys."""
        return {
            key[len("default_") :]: value
            for key, value in self.env.context.items()
            if key.startswith("default_") and key[len("default_") :] in self._fields
        }

    def _sgz_check_fixed_fields(self, vals):
        """Refuse changing a field given at creation (sending its current value again is harmless)."""

        def differs(record, name):
            field = self._fields[name]
            new = field.convert_to_cache(vals[name], record, validate=False)
            return new != field.convert_to_cache(record[name], record, validate=False)

        fixed = {
            name for name in set(vals) & self._sgz_fixed_field_names() if any(differs(r, name) for r in self)
        }
        if fixed:
            raise UserError(
                self.env._(
                    "%(fields)s of %(documents)s were set when it was created and cannot change.",
                    fields=self._sgz_field_labels(fixed),
                    documents=self._sgz_names(),
                )
            )

    def _sgz_check_attachment_field(self, field_name):
        """A client writes the file of a binary field through ``ir.attachment``: the same checks as a write of
        that field (override to add the model's own conditions, calling super)."""
        self.check_access("write")
        self._sgz_check_action_fields({field_name: True})
        self._sgz_check_not_locked({field_name})

    def _sgz_check_not_locked(self, changed):
        """Refuse changing ``changed`` fields on a locked record (beyond the declared writable ones)."""
        changed = set(changed) - set(self._sgz_lock_writable)
        if not changed:
            return
        locked = self._sgz_locked_records()
        if locked:
            record = locked[0]
            document = record._sgz_lock_document()
            raise UserError(
                self.env._(
                    "%(document)s is locked (%(state)s): %(fields)s can no longer be changed.",
                    document=document.display_name,
                    state=record._sgz_lock_label(),
                    fields=self._sgz_field_labels(changed),
                )
            )

    def _sgz_check_parent_open(self, vals_list):
        """A line cannot be added to a locked document."""
        parent_field = self._sgz_lock_parent
        parent_ids = {vals.get(parent_field) for vals in vals_list if vals.get(parent_field)}
        if not parent_ids:
            return
        Parent = self.env[self._fields[parent_field].comodel_name].sudo()
        locked = Parent.browse(parent_ids)._sgz_locked_records()
        if locked:
            raise UserError(
                self.env._(
                    "%(document)s is locked (%(state)s): no line can be added to it.",
                    document=locked[0]._sgz_lock_document().display_name,
                    state=locked[0]._sgz_lock_label(),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if not self._sgz_lock_lifted():
            self.browse().check_access("create")
            for vals in vals_list:
                self._sgz_check_known_fields(vals)
            if self._sgz_create_by_action:
                raise UserError(
                    self.env._(
                        "%(model)s records are created by their actions only (generate, adjust…).",
                        model=self.env["ir.model"]._get(self._name).name,
                    )
                )
            for vals in vals_list:
                self._sgz_check_action_fields(vals, creating=True)
            if self._sgz_lock_parent:
                self._sgz_check_parent_open(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self._sgz_lock_lifted():
            self.check_access("write")  # who may not write at all hears so first
            self._sgz_check_known_fields(vals)
            self._sgz_check_action_fields(vals)
            self._sgz_check_fixed_fields(vals)
            changed = self._sgz_user_fields(vals)
            if changed:
                self._sgz_check_not_locked(changed)
                if self._sgz_lock_parent and self._sgz_lock_parent in vals:
                    self._sgz_check_parent_open([vals])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _sgz_unlink_except_evidence(self):
        self._sgz_check_unlink()

    def _sgz_check_unlink(self):
        """Evidence is never deleted: a record outside ``_sgz_unlink_states`` (or locked) stays on record.
        Override to add a condition (calling super)."""
        lifted = self._name in _UNLOCKED.get()
        for record in self:
            if self._sgz_lock_parent and self._sgz_unlink_states is None:
                parent = record.sudo()[self._sgz_lock_parent]
                if parent and parent._sgz_locked_records() and not lifted:
                    raise UserError(
                        self.env._(
                            "%(document)s is locked (%(state)s): its lines cannot be deleted.",
                            document=parent._sgz_lock_document().display_name,
                            state=parent._sgz_lock_label(),
                        )
                    )
                continue
            if self._sgz_unlink_states is None:
                refused = bool(record._sgz_locked_records()) and not lifted
            elif not self._sgz_unlink_states:
                refused = True
            else:
                refused = record.sudo()[self._sgz_lock_field] not in self._sgz_unlink_states
            if refused:
                raise UserError(
                    self.env._(
                        "%(document)s stays on record: it cannot be deleted.",
                        document=record.display_name,
                    )
                )
