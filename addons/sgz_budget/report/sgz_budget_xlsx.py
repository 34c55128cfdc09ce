"""The budget spreadsheets (.xlsx) on the suite's one writer (``sgz_base.lib.Book``): the execution report and
the lottery-fund disclosure. Money goes in as amounts (exact to the fen, #,##0.00), counts as ``int``; every
table has its header frozen and a total row."""

from decimal import Decimal

from odoo.addons.sgz_base.lib import Book, format_day

FIGURE_NAMES = ("allocated", "received", "committed", "actual", "paid", "available")


def _selection_label(record, field_name):
    return dict(record._fields[field_name]._description_selection(record.env)).get(record[field_name], "")


def execution(report, rows):
    """rows: [(company or empty, fund source, {figure: amount})]."""
    _ = report.env._
    lang = report.env.lang
    book = Book()
    sheet = book.sheet(_("Budget Execution"))
    sheet.title(
        _(
            "Budget execution of %(company)s, %(year)s",
            company=report.company_id.name,
            year=report.fiscal_year,
        )
    )
    sheet.pairs(
        [
            (_("Bureau"), report.company_id.name),
            (_("Fiscal Year"), str(report.fiscal_year)),
            (_("As of"), format_day(report.date_as_of, lang)),
            (_("Scope"), _selection_label(report, "scope")),
        ]
    )
    sheet.header(
        [
            _("Bureau"),
            _("Fund Source"),
            _("Allocated"),
            _("Received"),
            _("Committed"),
            _("Actual"),
            _("Paid"),
            _("Available"),
        ]
    )
    totals = dict.fromkeys(FIGURE_NAMES, Decimal(0))
    for company, fund, values in rows:
        amounts = [Decimal(str(values[name])) for name in FIGURE_NAMES]
        sheet.row([company.name or report.company_id.name, fund.name, *amounts])
        for name, amount in zip(FIGURE_NAMES, amounts, strict=True):
            totals[name] += amount
    sheet.row([_("Total"), None, *(totals[name] for name in FIGURE_NAMES)], total=True)
    return book.close()


def disclosure(record):
    _ = record.env._
    book = Book()
    overview = book.sheet(_("Overview"))
    overview.title(record.name)
    overview.header([_("Item"), _("Amount")])
    for label, value in (
        (_("Lottery funds available (use scale)"), record.amount_scale),
        (_("Committed (agreements not yet billed)"), record.amount_committed),
        (_("Spent"), record.amount_actual),
        (_("Execution rate (%)"), record.execution_rate),
    ):
        overview.row([label, value])

    by_category = book.sheet(_("By Category"))
    by_category.title(record.name)
    by_category.header([_("Category"), _("Projects"), _("Amount")])
    amount = Decimal(0)
    for line in record.line_ids:
        by_category.row([_selection_label(line, "category"), line.project_count, line.amount])
        amount += Decimal(str(line.amount))
    # no total of projects: a station funded in two categories counts in both
    by_category.row([_("Total"), None, amount], total=True)

    stations = book.sheet(_("Funded Stations"))
    stations.title(record.name)
    stations.header([_("Station"), _("Provider"), _("Amount")])
    amount = Decimal(0)
    for line in record.station_line_ids:
        stations.row([line.station_id.name, line.partner_id.name or "", line.amount])
        amount += Decimal(str(line.amount))
    stations.row([_("Total"), None, amount], total=True)
    return book.close()
