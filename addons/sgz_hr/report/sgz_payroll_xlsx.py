"""The payroll spreadsheets (.xlsx, xlsxwriter): register, bank transfer list, insurance list, IIT import sheet.

Rows come from ``sgz.payroll.run._sgz_export_rows`` as plain dicts with exact ``Decimal`` amounts (an
adjustment's row holds what changes hands with it: the differences from the payslip it corrects); columns
are derived from the one table of lines in ``engine/lines.py``; totals are added up in ``Decimal`` before
being written, so a cell reads 5375.12 and never 5375.120000000001.
"""

from decimal import Decimal

from odoo.addons.sgz_base.lib import Book

from ..engine import INSURANCE_KINDS, LINES, NEGATIVE_CODES, SPECIAL_DEDUCTION_KINDS, special_code

ZERO = Decimal(0)

# The withholding client's (自然人电子税务局扣缴端) import template for ordinary wages: sheet name and the
# header row, in order. A newer client layout is a change of this list only. Each column names the key of the
# value it takes: a row key, a payslip line code (amount of this month), "+"-joined codes, or "YTD:<code>"
# (this year, this month included); None leaves the cell empty. The cumulative special deduction columns come
# from the table of kinds.
_SAD_COLUMNS = {kind.iit_column: f"YTD:{special_code(kind.code)}" for kind in SPECIAL_DEDUCTION_KINDS}
IIT_WAGE_SHEET = "正常工资薪金收入"
IIT_WAGE_COLUMNS = (
    ("工号", "employee_number"),
    ("*姓名", "name"),
    ("*证件类型", "id_type"),
    ("*证件号码", "id_number"),
    ("本期收入", "GROSS"),
    ("本期免税收入", None),
    ("基本养老保险费", "EE_PENSION"),
    ("基本医疗保险费", "EE_MEDICAL+EE_MATERNITY"),
    ("失业保险费", "EE_UNEMPLOYMENT"),
    ("住房公积金", "HF_EE"),
    *(
        (header, _SAD_COLUMNS[header])
        for header in (
            "累计子女教育",
            "累计继续教育",
            "累计住房贷款利息",
            "累计住房租金",
            "累计赡养老人",
            "累计3岁以下婴幼儿照护",
        )
    ),
    ("累计个人养老金", None),
    ("企业(职业)年金", None),
    ("商业健康保险", None),
    ("税延养老保险", None),
    ("其他", None),
    ("准予扣除的捐赠额", None),
    ("减免税额", None),
    ("备注", None),
)
IIT_WAGE_HEADERS = tuple(header for header, _key in IIT_WAGE_COLUMNS)


def codes(category=None, prefix=""):
    return "+".join(line.code for line in LINES if line.category == category and line.code.startswith(prefix))


def _amount(row, key):
    if key.startswith("YTD:"):
        return row["ytd"].get(key[4:], ZERO)
    total = ZERO
    for code in key.split("+"):
        value = row["lines"].get(code, ZERO)
        total += -value if code in NEGATIVE_CODES else value
    return total


def _value(row, key):
    if key is None:
        return None
    if key in row:
        return row[key]
    return _amount(row, key)


def _workbook(sheet_name, headers, body, total_from=None):
    """A one-sheet workbook: the headers frozen in row 1, then ``body`` rows, then a total line (of the
    columns from ``total_from[1]`` on that hold money in every row)."""
    book = Book()
    sheet = book.sheet(sheet_name)
    sheet.header(headers)
    for values in body:
        sheet.row(values)
    if total_from is not None and body:
        label, first = total_from
        total = [label] + [None] * (len(headers) - 1)
        for col in range(first, len(headers)):
            if all(isinstance(values[col], Decimal) for values in body):
                total[col] = sum((values[col] for values in body), ZERO)
        sheet.row(total, total=True)
    return book.close()


def iit_wages(rows):
    """The 正常工资薪金收入 import sheet: one row per worker (a regular payslip and the adjustments paid with
    it are one income of the month)."""
    merged = {}
    for row in rows:
        if row["employee_id"] not in merged:
            merged[row["employee_id"]] = {**row, "lines": dict(row["lines"])}
            continue
        lines = merged[row["employee_id"]]["lines"]
        for code, value in row["lines"].items():
            lines[code] = lines.get(code, ZERO) + value
    body = [[_value(row, key) for _header, key in IIT_WAGE_COLUMNS] for row in merged.values()]
    return _workbook(IIT_WAGE_SHEET, IIT_WAGE_HEADERS, body)


def register(_, labels, rows):
    """``labels``: the translated label of every line code and insurance kind (from the selections)."""
    columns = [
        (_("Worker"), "name"),
        (_("ID Number"), "id_number"),
        (_("Station"), "station"),
        (_("Payslip"), "kind"),
    ]
    columns += [(labels[code], code) for code in ("BASIC", "ALW", "PERF", "UNPAID", "GROSS", "BASE")]
    columns += [
        (_("Employee Insurance"), codes("deduction", "EE_")),
        (labels["HF_EE"], "HF_EE"),
        (
            _("Special Additional Deductions"),
            "+".join(special_code(kind.code) for kind in SPECIAL_DEDUCTION_KINDS),
        ),
        *((labels[code], code) for code in ("PRIOR", "IIT", "RECOVER", "NET", "OWED")),
        (_("Employer Insurance"), codes("employer", "ER_")),
        *((labels[code], code) for code in ("HF_ER", "COST")),
    ]
    body = [[_value(row, key) for _header, key in columns] for row in rows]
    return _workbook(_("Payroll Register"), [h for h, _k in columns], body, (_("Total"), 4))


def bank_transfer(_, labels, rows):
    """Only positive net pay is transferred."""
    columns = [
        (_("Worker"), "name"),
        (_("ID Number"), "id_number"),
        (_("Bank"), "bank_name"),
        (_("Account Number"), "bank_account"),
        (labels["NET"], "NET"),
    ]
    body = [[_value(row, key) for _header, key in columns] for row in rows if _amount(row, "NET") > 0]
    return _workbook(_("Bank Transfer"), [h for h, _k in columns], body, (_("Total"), 4))


def insurance(_, labels, rows):
    columns = [
        (_("Worker"), "name"),
        (_("ID Number"), "id_number"),
        (_("Payslip"), "kind"),
        (labels["BASE"], "BASE"),
    ]
    for kind in INSURANCE_KINDS:
        code = kind.code.upper()
        if kind.social:
            columns.append((labels[f"ER_{code}"], f"ER_{code}"))
            columns.append((labels[f"EE_{code}"], f"EE_{code}"))
    columns.append((labels["HF_ER"], "HF_ER"))
    columns.append((labels["HF_EE"], "HF_EE"))
    contribution_codes = [key for _header, key in columns[4:]]
    body = [
        [_value(row, key) for _header, key in columns]
        for row in rows
        if not row["is_adjustment"] or any(_amount(row, key) for key in contribution_codes)
    ]
    return _workbook(_("Social Insurance"), [h for h, _k in columns], body, (_("Total"), 3))
