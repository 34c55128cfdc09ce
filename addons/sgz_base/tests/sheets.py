"""Spreadsheets for the import tests: a filled template as a clerk would save it (openpyxl)."""

import base64
import io

import openpyxl


def xlsx(headers, rows, sheet="Sheet1"):
    """.xlsx bytes with ``headers`` then ``rows`` (values as typed: str, int, float, date or None)."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(list(headers))
    for row in rows:
        worksheet.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def sheet_row(headers, **values):
    """A row under ``headers``: the columns named in ``values`` filled, the others left empty."""
    return [values.get(header) for header in headers]


def read_back(content):
    """{sheet name: [rows of values]} of an .xlsx (a downloaded template, read back)."""
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets
    }


def template_as(env, user, kind):
    """``(file name, xlsx bytes)`` of the template of ``kind``, downloaded by ``user`` in their language."""
    return env[kind].with_user(user).with_context(lang=user.lang)._sgz_import_template()


def import_as(env, user, kind, content, name="导入.xlsx"):
    """Import ``content`` through the wizard as ``user``, the calls a client makes (create, then the button)."""
    wizard = (
        env["sgz.import.wizard"]
        .with_user(user)
        .with_context(lang=user.lang)  # as the web client sends it
        .create({"kind": kind, "file": base64.b64encode(content), "file_name": name})
    )
    return wizard.action_import()
