"""The reporting spreadsheets (.xlsx, xlsxwriter): a report's figures and the coverage table.

Labels are read in the user's language; money cells are exact decimals with two places (the values are
rounded to the fen before they reach the sheet)."""

import io
from decimal import Decimal

import xlsxwriter

from odoo.tools import html2plaintext


def _formats(workbook):
    return {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "bold": workbook.add_format({"bold": True}),
        "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
        "section": workbook.add_format({"bold": True, "bg_color": "#F2F2F2"}),
        "text": workbook.add_format({"border": 1}),
        "int": workbook.add_format({"num_format": "#,##0", "border": 1}),
        "money": workbook.add_format({"num_format": "#,##0.00", "border": 1}),
        "dec1": workbook.add_format({"num_format": "0.0", "border": 1}),
    }


def _number(value, measure):
    """The cell value: money rounded to the fen, other figures as they are."""
    if measure == "amount":
        return float(Decimal(str(value)).quantize(Decimal("0.01")))
    if measure in ("percent", "hours"):
        return float(Decimal(str(value)).quantize(Decimal("0.1")))
    return int(round(value))


def _write_line(sheet, row, line, formats):
    """One figure: this period, the previous one, the change and its percentage."""
    sheet.write_string(row, 0, line.name, formats["text"])
    if line.withheld:  # a pay figure of fewer than 3 workers is not given
        sheet.write_string(row, 1, line.value_text, formats["text"])
        for col in (2, 3, 4):
            sheet.write_string(row, col, "—", formats["text"])
        return
    style = (
        formats["money"]
        if line.measure == "amount"
        else (formats["dec1"] if line.measure in ("percent", "hours") else formats["int"])
    )
    sheet.write_number(row, 1, _number(line.value, line.measure), style)
    sheet.write_number(row, 2, _number(line.previous_value, line.measure), style)
    sheet.write_number(row, 3, _number(line.change, line.measure), style)
    if line.previous_value:
        sheet.write_number(row, 4, _number(line.change_percent, "percent"), formats["dec1"])
    else:
        sheet.write_string(row, 4, "—", formats["text"])


def report_workbook(report):
    env = report.env
    _ = env._
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    formats = _formats(workbook)
    sheet = workbook.add_worksheet(_("Figures"))
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, 4, 16)
    sheet.write_string(0, 0, report.display_name, formats["title"])
    info = [
        (_("Author"), report.sudo().company_id.name),
        (_("Reviewed by"), report.sudo().target_company_id.name or ""),
        (_("Period"), f"{report.date_from} – {report.date_to}"),
        (_("Due date"), str(report.due_date or "")),
        (_("State"), dict(report._fields["state"]._description_selection(env))[report.state]),
        (_("Submitted on"), str(report.submit_date or "")),
    ]
    row = 2
    for label, value in info:
        sheet.write_string(row, 0, label, formats["bold"])
        sheet.write_string(row, 1, value or "")
        row += 1
    row += 1
    headers = [_("Indicator"), _("This period"), _("Previous period"), _("Change"), _("Change (%)")]
    for col, header in enumerate(headers):
        sheet.write_string(row, col, header, formats["header"])
    row += 1
    for section, lines in report._sgz_sections():
        sheet.merge_range(row, 0, row, 4, section, formats["section"])
        row += 1
        for line in lines:
            _write_line(sheet, row, line, formats)
            row += 1
    narrative = workbook.add_worksheet(_("Narrative"))
    narrative.set_column(0, 0, 24)
    narrative.set_column(1, 1, 100)
    for index, name in enumerate(("highlights", "problems", "next_steps")):
        label = str(report._fields[name]._description_string(env))
        narrative.write_string(index, 0, label, formats["bold"])
        narrative.write_string(index, 1, html2plaintext(report[name] or ""))
    workbook.close()
    return output.getvalue()


COVERAGE_COLUMNS = (
    "region",
    "level",
    "townships",
    "stations",
    "coverage",
    "staffed",
    "staffed_rate",
    "demonstration",
    "workers",
    "quota",
    "vacancies",
)


def coverage_workbook(env, rows):
    _ = env._
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    formats = _formats(workbook)
    sheet = workbook.add_worksheet(_("Coverage"))
    labels = {
        "region": _("Region"),
        "level": _("Level"),
        "townships": _("Townships and streets"),
        "stations": _("Stations in service"),
        "coverage": _("Coverage (%)"),
        "staffed": _("Fully staffed stations"),
        "staffed_rate": _("Fully staffed (%)"),
        "demonstration": _("Demonstration stations"),
        "workers": _("Workers stationed"),
        "quota": _("Workers agreed"),
        "vacancies": _("Vacancies"),
    }
    levels = dict(rows._fields["level"]._description_selection(env))
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, len(COVERAGE_COLUMNS) - 1, 14)
    for col, key in enumerate(COVERAGE_COLUMNS):
        sheet.write_string(0, col, labels[key], formats["header"])
    for index, row in enumerate(rows.sorted(lambda r: r.region_code or ""), start=1):
        sheet.write_string(index, 0, row.region_id.complete_name or "", formats["text"])
        sheet.write_string(index, 1, levels.get(row.level, ""), formats["text"])
        for col, key in enumerate(COVERAGE_COLUMNS[2:], start=2):
            value = row[key]
            style = formats["dec1"] if key in ("coverage", "staffed_rate") else formats["int"]
            sheet.write_number(index, col, value, style)
    workbook.close()
    return output.getvalue()
