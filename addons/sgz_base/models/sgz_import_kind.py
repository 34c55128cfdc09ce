"""What a spreadsheet import is made of: the template, the reading, the checks, the creation (导入).

An import kind is an abstract model inheriting ``sgz.import.kind`` that declares its columns and creates the
records of the rows; the wizard ``sgz.import.wizard`` offers every kind (its selection is the models inheriting
this one), downloads its template and imports a file as the user, all rows or none::

    class SgzImportFundSource(models.AbstractModel):
        _name = "sgz.import.fund.source"
        _inherit = "sgz.import.kind"
        _description = "Fund Sources"              # the kind's name in the wizard and its template
        _sgz_import_model = "sgz.fund.source"     # the user needs the right to create these

        def _sgz_import_columns(self):
            return [Column("名称", "name", required=True, help=self.env._("The fund's name.")), ...]

        def _sgz_import_rows(self, rows):
            return self.env["sgz.fund.source"].create([{"name": row.values["name"], ...} for row in rows])

plus a window action on ``sgz.import.wizard`` with ``{'default_kind': 'sgz.import.fund.source'}`` (a menu entry
or a list button ``display="always"``).

Optional hooks: ``_sgz_import_check(rows)`` (errors across rows or against the records: duplicates, overlaps),
``_sgz_import_template_name()``. Everything runs as the user: their access rights and record rules apply; a
column naming records (``Lookup``) is searched as the user.
"""

from odoo import api, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from ..lib import sheet_import
from ..lib.sheet import Book
from ..lib.sheet_import import CellError, Column  # noqa: F401 - re-exported for the kinds

# the errors listed in the refusal; beyond it, their number (a file with more is not one to correct line by line)
MAX_LISTED_ERRORS = 200


class SgzImportKind(models.AbstractModel):
    _name = "sgz.import.kind"
    _description = "Spreadsheet Import"
    # the model the kind creates: the user's right to create it is checked before anything is read
    _sgz_import_model = None

    # ---- what a kind declares ------------------------------------------------------------------------------------

    def _sgz_import_columns(self):
        """The columns (``sheet_import.Column``) in the template's order."""
        raise NotImplementedError

    def _sgz_import_check(self, rows):
        """Errors (``CellError``) of rows checked together or against the database; none by default."""
        return []

    def _sgz_import_rows(self, rows):
        """Create the records of ``rows`` (``sheet_import.Row``, values parsed and looked up) as the user."""
        raise NotImplementedError

    def _sgz_import_template_name(self):
        return self.env._("%(kind)s import template.xlsx", kind=self._description_text())

    # ---- the mechanism -------------------------------------------------------------------------------------------

    def _description_text(self):
        return self.env["ir.model"]._get(self._name).name or self._description

    def _sgz_import_check_access(self):
        """The user may create what the kind creates (nothing is read before)."""
        self.env[self._sgz_import_model].check_access("create")

    def _sgz_import_template(self):
        """``(file name, xlsx bytes)``: the header row, then a sheet 填写说明 explaining each column."""
        self._sgz_import_check_access()
        columns = self._sgz_import_columns()
        book = Book()
        sheet = book.sheet(self._description_text()[:31])
        sheet.header([f"*{column.header}" if column.required else column.header for column in columns])
        for index, _column in enumerate(columns):
            sheet.column_style(index, "text_input")
        notes = book.sheet("填写说明")
        notes.width(3, 60)
        notes.header(
            [
                self.env._("Column"),
                self.env._("Must Be Filled In"),
                self.env._("Example"),
                self.env._("What to write"),
            ]
        )
        for column in columns:
            notes.row(
                [
                    column.header,
                    self.env._("Yes") if column.required else self.env._("No"),
                    column.example or None,
                    (column.help or "") + self._sgz_lookup_note(column),
                ]
            )
        notes.row([None, None, None, None])
        notes.row([self.env._("Notes"), None, None, self._sgz_general_note()])
        return self._sgz_import_template_name(), book.close()

    def _sgz_lookup_note(self, column):
        if column.lookup and column.lookup.multiple:
            return self.env._(" Several values are separated by 、 or a comma.")
        return ""

    def _sgz_general_note(self):
        return self.env._(
            "Fill in the first sheet from its second row, one row per record, keeping the header row as it is "
            "(columns marked * are required). Dates as 2026-03-01, amounts in yuan. Up to %(rows)s rows and "
            "%(megabytes)s MB per file. Every row is checked before anything is saved: if any row is wrong, "
            "nothing is imported and every error is listed with its row and column.",
            rows=sheet_import.MAX_ROWS,
            megabytes=sheet_import.MAX_FILE_BYTES // (1024 * 1024),
        )

    def _sgz_import_file(self, content):
        """Import ``content`` (.xlsx bytes) as the user: all rows or none. Returns the records created; raises a
        ``UserError`` listing every error (row and column) when anything is wrong, nothing saved."""
        self._sgz_import_check_access()
        columns = self._sgz_import_columns()
        try:
            result = sheet_import.read_rows(content, columns)
        except sheet_import.FileInvalid as invalid:
            raise UserError(self._sgz_file_message(invalid.code, invalid.params)) from None
        errors = list(result.errors)
        errors += self._sgz_resolve_lookups(columns, result.rows, errors)
        failed = {error.row for error in errors}
        errors += self._sgz_import_check([row for row in result.rows if row.number not in failed])
        if errors:
            raise UserError(self._sgz_errors_message(errors))
        return self._sgz_create_all(result.rows)

    def _sgz_create_all(self, rows):
        """Create every row in one go; if the records' own checks refuse something, find the rows they refuse
        (each alone, in a savepoint) to name them, and refuse the whole file."""
        try:
            with self.env.cr.savepoint():
                records = self._sgz_import_rows(rows)
                self.env.flush_all()
                return records
        except (UserError, ValidationError) as error:
            batch_error = error
        errors = []
        for row in rows:
            try:
                with self.env.cr.savepoint():
                    self._sgz_import_rows([row])
                    self.env.flush_all()
            except (UserError, ValidationError) as error:
                errors.append(CellError(row.number, "", "record", {"message": str(error.args[0])}))
        if not errors:
            errors.append(CellError(0, "", "record", {"message": str(batch_error.args[0])}))
        raise UserError(self._sgz_errors_message(errors))

    # ---- looking up the records a column names -------------------------------------------------------------------

    def _sgz_resolve_lookups(self, columns, rows, errors):
        """Replace each lookup column's text by record ids (a list for ``multiple``), one search per column,
        as the user; returns the errors (unknown, ambiguous, out of scope)."""
        new_errors = []
        failed = {(error.row, error.header) for error in errors}
        for column in columns:
            lookup = column.lookup
            if not lookup:
                continue
            wanted = {}
            for row in rows:
                raw = row.values.get(column.key)
                if raw is None or (row.number, column.header) in failed:
                    continue
                names = sheet_import.split_values(raw) if lookup.multiple else [raw]
                wanted[row.number] = names
            found = self._sgz_lookup(lookup, {name for names in wanted.values() for name in names})
            for row in rows:
                names = wanted.get(row.number)
                if names is None:
                    continue
                ids = []
                for name in names:
                    matches = found.get(name)
                    if isinstance(matches, str):
                        new_errors.append(CellError(row.number, column.header, matches, {"value": name}))
                    else:
                        ids.append(matches)
                row.values[column.key] = ids if lookup.multiple else (ids[0] if ids else None)
        return new_errors

    @api.model
    def _sgz_lookup(self, lookup, names):
        """{name: record id, or the error code "unknown", "ambiguous", "out_of_scope"}."""
        if not names:
            return {}
        Model = self.env[lookup.model].with_context(lang="zh_CN")  # the template is in Chinese
        by_name = expression.OR([[(field_name, "in", list(names))] for field_name in lookup.fields])
        records = Model.search(expression.AND([list(lookup.domain), list(lookup.scope), by_name]))
        hits = {}
        for record in records:
            for field_name in lookup.fields:
                for value in set(record.mapped(field_name)):
                    if value in names:
                        hits.setdefault(value, set()).add(record.id)
        result = {}
        for name in names:
            ids = hits.get(name, set())
            result[name] = ids.pop() if len(ids) == 1 else ("ambiguous" if ids else "unknown")
        missing = [name for name, value in result.items() if value == "unknown"]
        if missing and lookup.scope:
            # whether the name exists at all (outside the user's scope): only the answer "not yours", no record
            by_missing = expression.OR([[(field_name, "in", missing)] for field_name in lookup.fields])
            outside = Model.sudo().search(expression.AND([list(lookup.domain), by_missing]))
            for field_name in lookup.fields:
                for value in set(outside.mapped(field_name)):
                    if result.get(value) == "unknown":
                        result[value] = "out_of_scope"
        return result

    # ---- sentences -------------------------------------------------------------------------------------------------

    def _sgz_errors_message(self, errors):
        _ = self.env._
        order = {column.header: index for index, column in enumerate(self._sgz_import_columns())}
        errors = sorted(errors, key=lambda error: (error.row, order.get(error.header, -1)))
        lines = [self._sgz_error_line(error) for error in errors]
        listed = "\n".join(lines[:MAX_LISTED_ERRORS])
        if len(lines) > MAX_LISTED_ERRORS:
            listed += "\n" + _("… and %(count)s more errors.", count=len(lines) - MAX_LISTED_ERRORS)
        return _(
            "Nothing was imported: the file has %(count)s error(s). Correct them and import the file again.\n"
            "%(errors)s",
            count=len(lines),
            errors=listed,
        )

    def _sgz_error_line(self, error):
        _ = self.env._
        message = self._sgz_cell_message(error)
        if not error.row:
            return message
        if not error.header:
            return _("Row %(row)s: %(message)s", row=error.row, message=message)
        return _(
            "Row %(row)s, “%(column)s”: %(message)s", row=error.row, column=error.header, message=message
        )

    def _sgz_cell_message(self, error):
        _ = self.env._
        params = error.params
        messages = {
            "required": lambda: _("required, but empty"),
            "text_too_long": lambda: _("longer than %(length)s characters", **params),
            "date": lambda: _("not a date (write it as 2026-03-01)"),
            "money": lambda: _("not an amount in yuan (write it as 5200 or 5200.50)"),
            "negative": lambda: _("cannot be negative"),
            "too_large": lambda: _("must be under %(maximum)s", **params),
            "integer": lambda: _("must be a whole number from %(minimum)s to %(maximum)s", **params),
            "choice": lambda: _("must be one of %(choices)s", **params),
            "id_format": lambda: _("not a resident ID number (17 digits and a check digit or X)"),
            "checksum": lambda: _("wrong check digit"),
            "id_birth_date": lambda: _("the birth date in the number is impossible"),
            "id_as_number": lambda: _(
                "stored as a number, which loses the last digits: set the column's cell format to text and type "
                "the number again"
            ),
            "duplicate": lambda: _("the same value as row %(row)s", **params),
            "phone": lambda: _("not a telephone number"),
            "unknown": lambda: _("“%(value)s” was not found", **params),
            "ambiguous": lambda: _(
                "“%(value)s” matches several records: write its code or full name", **params
            ),
            "out_of_scope": lambda: _("“%(value)s” is not one of yours", **params),
            "record": lambda: params.get("message", ""),
        }
        message = self._sgz_import_messages().get(error.code) or messages.get(error.code)
        return message() if message else error.code

    def _sgz_import_messages(self):
        """Sentences of a kind's own error codes (its ``_sgz_import_check``) or better ones for a column:
        {code: callable returning the sentence}."""
        return {}

    def _sgz_file_message(self, code, params):
        _ = self.env._
        messages = {
            "file_too_large": lambda: _("The file is too large: at most %(megabytes)s MB.", **params),
            "not_xlsx": lambda: _(
                "The file is not an Excel workbook (.xlsx): download the template and fill it in."
            ),
            "empty": lambda: _("The file has no rows to import under the header row."),
            "too_many_rows": lambda: _(
                "The file has more than %(maximum)s rows: split it into several files.", **params
            ),
            "unknown_header": lambda: _(
                "The column “%(header)s” is not one of the template's (%(headers)s): keep the template's header "
                "row as it is.",
                **params,
            ),
            "repeated_header": lambda: _("The column “%(header)s” appears twice.", **params),
            "missing_header": lambda: _(
                "The required column(s) %(headers)s are missing: keep the template's header row as it is.",
                **params,
            ),
        }
        return _("Nothing was imported: %(reason)s", reason=messages[code]())

    @api.model
    def _sgz_choice(self, model, field_name):
        """{Chinese label: value} of a selection field (the template is in Chinese)."""
        field = self.env[model]._fields[field_name]
        return {
            label: value for value, label in field._description_selection(self.env(context={"lang": "zh_CN"}))
        }
