"""Spreadsheet downloads, streamed on each request as the user who asks (nothing piles up as attachments): the
one response of every addon's download routes."""

from werkzeug.exceptions import Forbidden, NotFound

from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content, filename):
    return request.make_response(
        content,
        headers=[
            ("Content-Type", XLSX),
            ("Content-Length", len(content)),
            ("Content-Disposition", content_disposition(filename)),
        ],
    )


def stream_export(model, record_id, *args):
    """The spreadsheet of ``record._sgz_export_content(*args)`` (``(filename, content)``, which checks the
    user's access): 404 for an id that does not exist, 403 for one the user may not read, no traceback."""
    record = request.env[model].browse(record_id)
    if not record.exists():
        raise NotFound()
    try:
        filename, content = record._sgz_export_content(*args)
    except (AccessError, MissingError):
        raise Forbidden() from None
    return xlsx_response(content, filename)
