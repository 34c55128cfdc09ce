"""The template of a spreadsheet import (``sgz.import.kind``), built on each request as the user who asks."""

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from .download import xlsx_response


class SgzImportTemplate(http.Controller):
    @http.route("/sgz_base/import/<string:kind>/template", type="http", auth="user", methods=["GET"])
    def sgz_import_template(self, kind):
        """403 for a user who may not create what the kind imports, 404 for no such kind."""
        if kind not in request.env.registry["sgz.import.kind"]._inherit_children or kind not in request.env:
            raise NotFound()
        try:
            filename, content = request.env[kind]._sgz_import_template()
        except AccessError:
            raise Forbidden() from None
        return xlsx_response(content, filename)
