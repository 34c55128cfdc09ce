"""The reporting spreadsheets (.xlsx, on sgz_base's one writer): a report's figures and the coverage table.

Labels are read in the user's language; money cells are exact to the fen, person-times and counts whole
numbers, rates and hours with one decimal."""

from odoo.tools import html2plaintext

from odoo.addons.sgz_base.lib import Book, format_day

MEASURE_STYLES = {"amount": None, "percent": "dec1", "hours": "dec1"}


def _cell(value, measure):
    """A figure as a cell: money (a float, rounded to the fen by the writer), a rate or a count."""
    if measure == "amount":
        return float(value)
    return (value, MEASURE_STYLES.get(measure, "int"))


def _line(line):
    """One figure: this period, the previous one, the change and its percentage."""
    if line.withheld:  # a pay figure of fewer than 3 workers is not given
        return [line.name, line.value_text, "—", "—", "—"]
    change_percent = _cell(line.change_percent, "percent") if line.previous_value else "—"
    return [
        line.name,
        _cell(line.value, line.measure),
        _cell(line.previous_value, line.measure),
        _cell(line.change, line.measure),
        change_percent,
    ]


def report_workbook(report):
    env = report.env
    _ = env._
    lang = env.lang or "zh_CN"
    book = Book()
    sheet = book.sheet(_("Figures"))
    sheet.title(report.display_name)
    state = dict(report._fields["state"]._description_selection(env))[report.state]
    sheet.pairs(
        [
            (_("Author"), report.sudo().company_id.name),
            (_("Reviewed by"), report.sudo().target_company_id.name or ""),
            (_("Period"), report.period_label or ""),
            (_("Due date"), format_day(report.due_date, lang)),
            (_("State"), state),
            (_("Submitted on"), format_day(report.submit_date, lang)),
        ]
    )
    sheet.header([_("Indicator"), _("This period"), _("Previous period"), _("Change"), _("Change (%)")])
    for section, lines in report._sgz_sections():
        sheet.section(section, 5)
        for line in lines:
            sheet.row(_line(line))
    narrative = book.sheet(_("Narrative"))
    narrative.width(1, 100)
    for name in ("highlights", "problems", "next_steps"):
        label = str(report._fields[name]._description_string(env))
        narrative.row([(label, "label"), (html2plaintext(report[name] or ""), "wrap")])
    return book.close()


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
    book = Book()
    sheet = book.sheet(_("Coverage"))
    sheet.header([labels[key] for key in COVERAGE_COLUMNS])
    for row in rows.sorted(lambda r: r.region_code or ""):
        figures = [
            (row[key], "dec1" if key in ("coverage", "staffed_rate") else "int")
            for key in COVERAGE_COLUMNS[2:]
        ]
        sheet.row([row.region_id.complete_name or "", levels.get(row.level, ""), *figures])
    return book.close()
