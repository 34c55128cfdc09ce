import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.sheet_import import MAX_FILE_BYTES


class SgzImportWizard(models.TransientModel):
    """Import a spreadsheet of one kind (``sgz.import.kind``): download its template, upload the filled file;
    every row is checked first and every error listed (row and column), then all rows are created in one
    transaction or none. Runs as the user."""

    _name = "sgz.import.wizard"
    _description = "Spreadsheet Import"

    kind = fields.Selection(selection="_selection_kind", required=True, readonly=True)
    file = fields.Binary(string="Filled Template (.xlsx)", attachment=False)
    file_name = fields.Char(sgz_max_length=255)

    @api.model
    def _selection_kind(self):
        names = sorted(self.env.registry["sgz.import.kind"]._inherit_children)
        return [(name, self.env[name]._description_text()) for name in names if name in self.env]

    def _sgz_kind(self):
        self.ensure_one()
        if self.kind not in dict(self._selection_kind()):
            raise UserError(self.env._("This import does not exist."))
        return self.env[self.kind]

    def action_download_template(self):
        self.ensure_one()
        self._sgz_kind()._sgz_import_check_access()
        return {
            "type": "ir.actions.act_url",
            "url": f"/sgz_base/import/{self.kind}/template",
            "target": "self",
        }

    def action_import(self):
        self.ensure_one()
        kind = self._sgz_kind()
        if not self.file:
            raise UserError(self.env._("Choose the filled template (.xlsx) to import."))
        raw = self.file if isinstance(self.file, bytes) else self.file.encode()
        if len(raw) > MAX_FILE_BYTES * 4 // 3 + 4:
            raise UserError(
                self.env._(
                    "The file is too large: at most %(megabytes)s MB.", megabytes=MAX_FILE_BYTES // 2**20
                )
            )
        try:
            content = base64.b64decode(raw, validate=False)
        except (binascii.Error, ValueError):
            raise UserError(self.env._("The file could not be read: upload it again.")) from None
        records = kind._sgz_import_file(content)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Import done"),
                "message": self.env._(
                    "%(count)s record(s) imported from %(file)s.",
                    count=len(records),
                    file=self.file_name or "",
                ),
                "next": {
                    "type": "ir.actions.act_window",
                    "name": self.env._("Imported: %(kind)s", kind=kind._description_text()),
                    "res_model": records._name,
                    "domain": [("id", "in", records.ids)],
                    "views": [[False, "list"], [False, "form"]],
                    "target": "current",
                },
            },
        }
