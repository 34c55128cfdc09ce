"""Spreadsheets a clerk can read (xlsxwriter), one writer for every export of the suite.

The header row is frozen and filterable; money reads 1,234.56 (exact to the fen, from ``Decimal``), whole
numbers 1,234; identity, account and telephone numbers are written as text (never 6.22E+18, never a lost
leading zero); every column is as wide as its widest cell, a Chinese character counting as two.

    book = Book()
    sheet = book.sheet("工资表")
    sheet.title("2026年10月工资表")
    sheet.header(["姓名", "身份证号码", "实发工资"])
    sheet.row(["张三", "430102199001011234", Decimal("5375.12")])
    sheet.row(["合计", None, Decimal("5375.12")], total=True)
    data = book.close()

A cell is a value (``str`` text, ``Decimal`` or ``float`` money, ``int`` a count, ``None`` empty) or a pair
``(value, style)`` naming one of ``STYLES`` (``"dec1"`` for a rate, ``"int"`` for a count held in a float).
"""

import io
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

import xlsxwriter

MIN_WIDTH = 8
MAX_WIDTH = 60
# A long header wraps onto two lines rather than widening its column past this.
HEADER_WIDTH = 16

_BORDER = {"border": 1, "valign": "vcenter"}
STYLES = {
    "title": {"bold": True, "font_size": 14},
    "label": {"bold": True},
    "header": {**_BORDER, "bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "align": "center"},
    "section": {**_BORDER, "bold": True, "bg_color": "#F2F2F2"},
    "text": _BORDER,
    "int": {**_BORDER, "num_format": "#,##0"},
    "money": {**_BORDER, "num_format": "#,##0.00"},
    "dec1": {**_BORDER, "num_format": "0.0"},
    "wrap": {**_BORDER, "text_wrap": True, "valign": "top"},
    # a column a clerk types into that must stay text (an ID number typed there keeps its 18 digits)
    "text_input": {"num_format": "@"},
}
TOTAL = {"bold": True, "bg_color": "#F2F2F2"}
CENT = Decimal("0.01")


def fen(value):
    """``value`` rounded half-up to the fen, as a Decimal."""
    return Decimal(str(value or 0)).quantize(CENT, rounding=ROUND_HALF_UP)


def display_width(text):
    """Columns ``text`` takes on screen: two for a Chinese (wide) character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in str(text))


class Book:
    """One workbook in memory; ``close()`` fits the columns of every sheet and returns the .xlsx bytes."""

    def __init__(self):
        self._output = io.BytesIO()
        self.workbook = xlsxwriter.Workbook(self._output, {"in_memory": True})
        self.formats = {name: self.workbook.add_format(spec) for name, spec in STYLES.items()}
        self.formats.update(
            {
                f"total_{name}": self.workbook.add_format({**STYLES[name], **TOTAL})
                for name in ("text", "int", "money")
            }
        )
        self._sheets = []

    def sheet(self, name):
        sheet = Sheet(self, name)
        self._sheets.append(sheet)
        return sheet

    def close(self):
        for sheet in self._sheets:
            sheet.fit()
        self.workbook.close()
        return self._output.getvalue()


class Sheet:
    def __init__(self, book, name):
        self.book = book
        self.worksheet = book.workbook.add_worksheet(name)
        self.next_row = 0
        self.widths = {}
        self.fixed = {}
        self.column_styles = {}
        self._header = None

    # ---- layout ----------------------------------------------------------------------------------------------

    def title(self, text):
        """A title line over the table, then a blank line (its width does not widen the first column)."""
        self.worksheet.write_string(self.next_row, 0, text, self.book.formats["title"])
        self.next_row += 2

    def pairs(self, items):
        """Label and value lines (author, period, state) above the table."""
        for label, value in items:
            self._text(self.next_row, 0, label, "label")
            self._cell(self.next_row, 1, value, None)
            self.next_row += 1
        self.next_row += 1

    def header(self, headers):
        """The column headers; the rows above and this one stay in view when scrolling."""
        for col, header in enumerate(headers):
            self.worksheet.write_string(self.next_row, col, header, self.book.formats["header"])
            self._widen(col, min(display_width(header), HEADER_WIDTH))
        self._header = (self.next_row, len(headers) - 1)
        self.worksheet.freeze_panes(self.next_row + 1, 0)
        self.next_row += 1

    def section(self, text, columns):
        """A section line across ``columns`` columns."""
        if columns > 1:
            self.worksheet.merge_range(
                self.next_row, 0, self.next_row, columns - 1, text, self.book.formats["section"]
            )
        else:
            self.worksheet.write_string(self.next_row, 0, text, self.book.formats["section"])
        self.next_row += 1

    def row(self, values, total=False):
        for col, value in enumerate(values):
            self._cell(self.next_row, col, value, "total_" if total else "")
        self.next_row += 1

    def width(self, col, width):
        """A fixed width for ``col`` (a column of long free text that wraps)."""
        self.fixed[col] = width

    def column_style(self, col, style):
        """The style of the empty cells of ``col`` (``"text_input"``: what a clerk types there stays text)."""
        self.column_styles[col] = style

    def fit(self):
        for col, width in self.widths.items():
            self.worksheet.set_column(
                col,
                col,
                self.fixed.get(col, min(max(width + 2, MIN_WIDTH), MAX_WIDTH)),
                self._column_format(col),
            )
        for col, width in self.fixed.items():
            if col not in self.widths:
                self.worksheet.set_column(col, col, width, self._column_format(col))
        if self._header and self.next_row > self._header[0] + 1:
            row, last_col = self._header
            self.worksheet.autofilter(row, 0, self.next_row - 1, last_col)

    def _column_format(self, col):
        style = self.column_styles.get(col)
        return self.book.formats[style] if style else None

    # ---- cells -----------------------------------------------------------------------------------------------

    def _widen(self, col, width):
        self.widths[col] = max(self.widths.get(col, 0), width)

    def _text(self, row, col, text, style):
        text = str(text)
        self.worksheet.write_string(row, col, text, self.book.formats[style])
        self._widen(col, max(display_width(line) for line in text.splitlines() or [""]))

    def _cell(self, row, col, value, prefix):
        style = None
        if isinstance(value, tuple):
            value, style = value
        prefix = prefix or ""
        if value is None or value is False:
            self.worksheet.write_blank(row, col, None, self.book.formats[f"{prefix}text"])
        elif isinstance(value, str):
            self._text(row, col, value, style or f"{prefix}text")
        elif isinstance(value, bool):
            self._text(row, col, str(value), f"{prefix}text")
        elif style == "dec1":
            self.worksheet.write_number(row, col, float(value), self.book.formats["dec1"])
            self._widen(col, len(f"{value:,.1f}"))
        elif style == "int" or (isinstance(value, int) and style is None):
            self.worksheet.write_number(row, col, int(round(value)), self.book.formats[f"{prefix}int"])
            self._widen(col, len(f"{int(round(value)):,}"))
        else:
            amount = fen(value)
            self.worksheet.write_number(row, col, float(amount), self.book.formats[f"{prefix}money"])
            self._widen(col, len(f"{amount:,}"))
