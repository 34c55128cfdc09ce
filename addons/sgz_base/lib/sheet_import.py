"""Reading a spreadsheet a clerk filled in (.xlsx, openpyxl), by the Chinese names of its header row.

An import kind declares its columns; :func:`read_rows` finds them by header name (in any order, a leading ``*``
of a required column ignored), parses every cell of every row and returns the rows and *every* error found, so a
clerk corrects the whole file at once::

    columns = [
        Column("姓名", "name", required=True),
        Column("身份证号", "id_number", id_card, required=True, unique=True),
        Column("月基本工资", "wage", money()),
    ]
    result = read_rows(content, columns)
    result.errors   # [CellError(row=5, header="身份证号", code="checksum", params={})]
    result.rows     # [Row(number=2, values={"name": "张三", "id_number": "430…", "wage": Decimal("5200.00")})]

A parser takes the cell's value (``str``, ``int``, ``float``, ``datetime`` or ``None`` for an empty cell, never
called for it) and returns the value or raises :class:`Invalid` with a code (``date``, ``money``, ``checksum`` …)
and parameters: the sentence in the reader's language is the caller's (codes are in :data:`CODES`). A column
whose ``lookup`` is set names a record (a station, a county): its value is the text, resolved by the caller.

Bounds: the file's size, its uncompressed size (a zip bomb is refused before it is opened), the number of data
rows and the length of a text cell.
"""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_ROWS = 5000
MAX_TEXT = 200
CENT = Decimal("0.01")
# the codes a parser or the reader raises; the caller turns each into a sentence
CODES = (
    "required",
    "text_too_long",
    "date",
    "money",
    "negative",
    "too_large",
    "integer",
    "choice",
    "id_format",
    "checksum",
    "id_birth_date",
    "id_as_number",
    "duplicate",
    "phone",
    "unknown",
    "ambiguous",
    "out_of_scope",
)
# what separates several values in one cell (categories: 低保、特困)
SEPARATORS = re.compile(r"[、，,；;\s]+")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


class Invalid(ValueError):
    """A cell's value is refused: ``code`` (one of :data:`CODES`) and the parameters of the sentence."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


class FileInvalid(ValueError):
    """The file as a whole is refused (not an .xlsx, too large, a header missing): ``code`` and parameters."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Column:
    header: str  # the Chinese header of the template, matched on upload
    key: str  # the key of the value in each row
    parser: object = None  # a callable (cell value → value); None: text
    required: bool = False
    unique: bool = False  # a value appears once in the file
    lookup: object = (
        None  # the caller's description of the records this column names (resolved by the caller)
    )
    help: str = ""  # what to write, for the 填写说明 sheet
    example: str = ""


@dataclass(frozen=True)
class Lookup:
    """Records a column names, by any of ``fields`` (a code or a name): the caller searches ``model`` as the user
    within ``domain`` and ``scope`` (a value found outside ``scope`` only is refused as out of scope, not as
    unknown); ``multiple``: several values in one cell, separated by 、 or a comma."""

    model: str
    fields: tuple = ("name",)
    domain: tuple = ()
    scope: tuple = ()
    multiple: bool = False


@dataclass
class CellError:
    row: int  # the row number as the spreadsheet shows it (the header is row 1)
    header: str  # the column's header, or "" for an error of the whole row
    code: str
    params: dict = field(default_factory=dict)


@dataclass
class Row:
    number: int
    values: dict


@dataclass
class Result:
    rows: list
    errors: list


# ---- parsers ---------------------------------------------------------------------------------------------------


def text(max_length=MAX_TEXT):
    def parse(value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, datetime.datetime):
            value = value.date().isoformat()
        result = str(value).strip()
        if len(result) > max_length:
            raise Invalid("text_too_long", length=max_length)
        return result

    return parse


def date(value):
    """A date typed as a date in the spreadsheet, or as 2025-03-01, 2025/3/1, 2025年3月1日, 20250301."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = str(value).strip()
    if isinstance(value, int | float):
        raw = str(int(value)) if float(value).is_integer() else raw
    match = _DATE_TEXT.match(raw) or _DATE_COMPACT.match(raw)
    if not match:
        raise Invalid("date")
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise Invalid("date") from None


def money(maximum=Decimal("1000000"), allow_negative=False):
    """An amount in yuan, half-up to the fen, as a Decimal (1,234.5 and ¥1234.50 read alike)."""

    def parse(value):
        raw = str(value).strip().replace(",", "").replace("，", "").lstrip("¥￥").removesuffix("元").strip()
        try:
            amount = Decimal(raw)
        except InvalidOperation:
            raise Invalid("money") from None
        if not amount.is_finite():
            raise Invalid("money")
        amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
        if amount < 0 and not allow_negative:
            raise Invalid("negative")
        if abs(amount) >= maximum:
            raise Invalid("too_large", maximum=maximum)
        return amount

    return parse


def integer(minimum=0, maximum=10000):
    def parse(value):
        raw = str(value).strip()
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise Invalid("integer", minimum=minimum, maximum=maximum) from None
        if not number.is_finite() or number != number.to_integral_value() or not minimum <= number <= maximum:
            raise Invalid("integer", minimum=minimum, maximum=maximum)
        return int(number)

    return parse


def choice(labels):
    """One of ``labels`` ({label: value}, e.g. {"本科": "bachelor"}), as the template lists them."""

    def parse(value):
        raw = str(value).strip()
        if raw not in labels:
            raise Invalid("choice", choices="、".join(labels))
        return labels[raw]

    return parse


YES_NO = {"是": True, "否": False}
yes_no = choice(YES_NO)


def id_card(value):
    """A resident ID number (GB 11643), checked: format, birth date, check digit. A number the spreadsheet
    holds as a number has lost its last digits (Excel keeps 15): refused, asking for a text cell."""
    from .idcard import IdCardError, parse_id_card

    if isinstance(value, int | float):
        raise Invalid("id_as_number")
    try:
        return parse_id_card(str(value).strip().upper()).number
    except IdCardError as error:
        raise Invalid(
            {"checksum": "checksum", "birth_date": "id_birth_date"}.get(error.reason, "id_format")
        ) from None


def phone(value):
    """A mobile or fixed-line number: digits, with an optional area code dash (0731-84001234)."""
    raw = text(20)(value).replace(" ", "")
    if not re.fullmatch(r"\+?[0-9][0-9-]{5,18}[0-9]", raw):
        raise Invalid("phone")
    return raw


def split_values(raw):
    """The several values of one cell (低保、特困 → ["低保", "特困"])."""
    return [part for part in SEPARATORS.split(str(raw).strip()) if part]


# ---- reading ---------------------------------------------------------------------------------------------------


def _normalize_header(value):
    return re.sub(r"\s+", "", str(value or "")).lstrip("*＊").replace("（", "(").replace("）", ")")


def _open(content, max_bytes):
    if len(content) > max_bytes:
        raise FileInvalid("file_too_large", megabytes=max_bytes // (1024 * 1024))
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        uncompressed = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise FileInvalid("not_xlsx") from None
    if uncompressed > MAX_UNCOMPRESSED_BYTES:
        raise FileInvalid("file_too_large", megabytes=max_bytes // (1024 * 1024))
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a broken file: all mean "not an .xlsx"
        raise FileInvalid("not_xlsx") from None


def _match_headers(header_cells, columns):
    """{column index in the sheet: Column}; FileInvalid naming a missing, unknown or repeated header."""
    by_name = {_normalize_header(column.header): column for column in columns}
    positions, seen = {}, set()
    for index, cell in enumerate(header_cells):
        name = _normalize_header(cell)
        if not name:
            continue
        column = by_name.get(name)
        if column is None:
            raise FileInvalid(
                "unknown_header", header=str(cell).strip(), headers="、".join(c.header for c in columns)
            )
        if column.key in seen:
            raise FileInvalid("repeated_header", header=column.header)
        seen.add(column.key)
        positions[index] = column
    missing = [column.header for column in columns if column.required and column.key not in seen]
    if missing:
        raise FileInvalid("missing_header", headers="、".join(missing))
    return positions


def read_rows(content, columns, max_rows=MAX_ROWS, max_bytes=MAX_FILE_BYTES):
    """Every data row of the first sheet of ``content`` (.xlsx bytes), parsed: a :class:`Result` with the rows and
    every cell error. Raises :class:`FileInvalid` for a file that cannot be read as the template."""
    workbook = _open(content, max_bytes)
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True, max_col=len(columns) + 20)
        header = next(lines, None)
        if not header:
            raise FileInvalid("empty")
        positions = _match_headers(header, columns)
        rows, errors = [], []
        first_row = {}
        for number, cells in enumerate(lines, start=2):
            if all(cell is None or str(cell).strip() == "" for cell in cells):
                continue
            if len(rows) >= max_rows:
                raise FileInvalid("too_many_rows", maximum=max_rows)
            rows.append(_read_row(number, cells, positions, errors, first_row))
        if not rows:
            raise FileInvalid("empty")
        for column in columns:
            if column.key not in {c.key for c in positions.values()}:
                for row in rows:
                    row.values.setdefault(column.key, None)
        return Result(rows, errors)
    finally:
        workbook.close()


def _read_row(number, cells, positions, errors, first_row):
    values = {}
    for index, column in positions.items():
        cell = cells[index] if index < len(cells) else None
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            values[column.key] = None
            if column.required:
                errors.append(CellError(number, column.header, "required"))
            continue
        try:
            value = (column.parser or text())(cell)
        except Invalid as invalid:
            errors.append(CellError(number, column.header, invalid.code, invalid.params))
            values[column.key] = None
            continue
        if column.unique:
            seen = first_row.setdefault(column.key, {})
            if value in seen:
                errors.append(CellError(number, column.header, "duplicate", {"row": seen[value]}))
            else:
                seen[value] = number
        values[column.key] = value
    return Row(number, values)
