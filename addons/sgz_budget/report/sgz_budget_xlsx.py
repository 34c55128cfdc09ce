"""The budget spreadsheets (.xlsx, xlsxwriter): execution report and lottery-fund disclosure.

Money cells are numbers rounded to the fen from Decimal, so a cell reads 5375.12, never 5375.120000000001.
"""

import io
from decimal import ROUND_HALF_UP, Decimal

import xlsxwriter

FIGURE_NAMES = ("allocated", "received", "committed", "actual", "paid", "available")


def fen(value):
    return float(Decimal(str(value or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _sheet(workbook, name, title, headers):
    sheet = workbook.add_worksheet(name)
    bold = workbook.add_format({"bold": True})
    sheet.write_string(0, 0, title, workbook.add_format({"bold": True, "font_size": 14}))
    for col, header in enumerate(headers):
        sheet.write_string(2, col, header, bold)
        sheet.set_column(col, col, max(12, len(header) * 2))
    return sheet, bold


def _write_row(sheet, row_index, values, money, fmt=None):
    for col, value in enumerate(values):
        if value is None:
            continue
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            sheet.write_number(row_index, col, fen(value), money)
        else:
            sheet.write_string(row_index, col, str(value), fmt) if fmt else sheet.write_string(
                row_index, col, str(value)
            )


def execution(report, rows):
    """rows: [(company or empty, fund source, {figure: amount})]."""
    _ = report.env._
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    headers = [
        _("Bureau"),
        _("Fund Source"),
        _("Allocated"),
        _("Received"),
        _("Committed"),
        _("Actual"),
        _("Paid"),
        _("Available"),
    ]
    title = _(
        "Budget execution of %(company)s, %(year)s, as of %(date)s",
        company=report.company_id.name,
        year=report.fiscal_year,
        date=report.date_as_of,
    )
    sheet, bold = _sheet(workbook, _("Budget Execution"), title, headers)
    money = workbook.add_format({"num_format": "#,##0.00"})
    money_bold = workbook.add_format({"num_format": "#,##0.00", "bold": True})
    totals = dict.fromkeys(FIGURE_NAMES, Decimal(0))
    row_index = 3
    for company, fund, values in rows:
        _write_row(
            sheet,
            row_index,
            [company.name or report.company_id.name, fund.name] + [values[name] for name in FIGURE_NAMES],
            money,
        )
        for name in FIGURE_NAMES:
            totals[name] += Decimal(str(values[name]))
        row_index += 1
    sheet.write_string(row_index, 0, _("Total"), bold)
    for col, name in enumerate(FIGURE_NAMES, start=2):
        sheet.write_number(row_index, col, fen(totals[name]), money_bold)
    workbook.close()
    return output.getvalue()


def disclosure(record):
    _ = record.env._
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    money = workbook.add_format({"num_format": "#,##0.00"})
    sheet, bold = _sheet(workbook, _("Overview"), record.name, [_("Item"), _("Amount")])
    overview = [
        (_("Lottery funds available (use scale)"), record.amount_scale),
        (_("Committed (agreements not yet billed)"), record.amount_committed),
        (_("Spent"), record.amount_actual),
        (_("Execution rate (%)"), record.execution_rate),
    ]
    for index, (label, value) in enumerate(overview, start=3):
        _write_row(sheet, index, [label, value], money)
    sheet, bold = _sheet(workbook, _("By Category"), record.name, [_("Category"), _("Projects"), _("Amount")])
    for index, line in enumerate(record.line_ids, start=3):
        label = dict(line._fields["category"]._description_selection(record.env)).get(line.category)
        sheet.write_string(index, 0, label)
        sheet.write_number(index, 1, line.project_count)
        sheet.write_number(index, 2, fen(line.amount), money)
    sheet, bold = _sheet(
        workbook, _("Funded Stations"), record.name, [_("Station"), _("Provider"), _("Amount")]
    )
    for index, line in enumerate(record.station_line_ids, start=3):
        _write_row(sheet, index, [line.station_id.name, line.partner_id.name or "", line.amount], money)
    workbook.close()
    return output.getvalue()
