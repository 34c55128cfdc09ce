"""The payroll spreadsheets (.xlsx, xlsxwriter): register, bank transfer list, insurance list, IIT import sheet.

Rows come from ``sgz.payroll.run._sgz_export_rows`` as plain dicts; only labels are translated here.
"""

import io

import xlsxwriter

# The withholding client's (自然人电子税务局扣缴端) import template for ordinary wages: sheet name and the
# header row, in order. A newer client layout is a change of this list only. Each column names the key of the
# value it takes: a row key, a payslip line code (amount of this month) or "YTD:<code>" (this year, this
# month included); None leaves the cell empty.
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
    ("累计子女教育", "YTD:SAD_CHILD_EDUCATION"),
    ("累计继续教育", "YTD:SAD_CONTINUING_EDUCATION"),
    ("累计住房贷款利息", "YTD:SAD_MORTGAGE_INTEREST"),
    ("累计住房租金", "YTD:SAD_HOUSING_RENT"),
    ("累计赡养老人", "YTD:SAD_ELDERLY_SUPPORT"),
    ("累计3岁以下婴幼儿照护", "YTD:SAD_INFANT_CARE"),
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
# deductions are stored negative on payslip lines; the sheets show them as positive amounts
POSITIVE = ("EE_", "HF_EE", "IIT", "UNPAID")


def _amount(row, key):
    if key.startswith("YTD:"):
        return float(row["ytd"].get(key[4:], 0.0))
    total = 0.0
    for code in key.split("+"):
        value = float(row["lines"].get(code, 0.0))
        total += -value if code.startswith(POSITIVE) else value
    return total


def _value(row, key):
    if key is None:
        return None
    if key in row:
        return row[key]
    return _amount(row, key)


def _workbook(sheet_name, headers, body, total_from=None):
    """A one-sheet workbook: bold headers in row 1, then ``body`` rows; money with two decimals."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet(sheet_name)
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "0.00"})
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, bold)
        sheet.set_column(col, col, max(10, len(header) * 2))
    for row_index, values in enumerate(body, start=1):
        for col, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(row_index, col, value, money)
            else:
                sheet.write_string(row_index, col, str(value))
    if total_from is not None and body:
        last = len(body) + 1
        sheet.write_string(last, 0, total_from[0], bold)
        for col in range(total_from[1], len(headers)):
            if all(isinstance(values[col], (int, float)) for values in body):
                sheet.write_number(last, col, sum(values[col] for values in body), money)
    workbook.close()
    return output.getvalue()


def iit_wages(rows):
    """The 正常工资薪金收入 import sheet of the withholding client."""
    body = [[_value(row, key) for _header, key in IIT_WAGE_COLUMNS] for row in rows]
    return _workbook(IIT_WAGE_SHEET, IIT_WAGE_HEADERS, body)


def register(run, rows):
    _ = run.env._
    columns = [
        (_("Worker"), "name"),
        (_("ID Number"), "id_number"),
        (_("Station"), "station"),
        (_("Basic Wage"), "BASIC"),
        (_("Allowances"), "ALW"),
        (_("Performance Pay"), "PERF"),
        (_("Unpaid Leave Deduction"), "UNPAID"),
        (_("Gross Pay"), "GROSS"),
        (_("Contribution Base"), "BASE"),
        (_("Employee Insurance"), "EE_PENSION+EE_MEDICAL+EE_UNEMPLOYMENT+EE_INJURY+EE_MATERNITY"),
        (_("Housing Fund (Employee)"), "HF_EE"),
        (
            _("Special Additional Deductions"),
            "SAD_CHILD_EDUCATION+SAD_INFANT_CARE+SAD_ELDERLY_SUPPORT"
            "+SAD_CONTINUING_EDUCATION+SAD_MORTGAGE_INTEREST+SAD_HOUSING_RENT",
        ),
        (_("Income Tax"), "IIT"),
        (_("Net Pay"), "NET"),
        (_("Employer Insurance"), "ER_PENSION+ER_MEDICAL+ER_UNEMPLOYMENT+ER_INJURY+ER_MATERNITY"),
        (_("Housing Fund (Employer)"), "HF_ER"),
        (_("Employer Cost"), "COST"),
    ]
    body = [[_value(row, key) for _header, key in columns] for row in rows]
    return _workbook(_("Payroll Register"), [h for h, _k in columns], body, (_("Total"), 3))


def bank_transfer(run, rows):
    _ = run.env._
    columns = [
        (_("Worker"), "name"),
        (_("ID Number"), "id_number"),
        (_("Bank"), "bank_name"),
        (_("Account Number"), "bank_account"),
        (_("Net Pay"), "NET"),
    ]
    body = [[_value(row, key) for _header, key in columns] for row in rows]
    return _workbook(_("Bank Transfer"), [h for h, _k in columns], body, (_("Total"), 4))


def insurance(run, rows):
    _ = run.env._
    columns = [(_("Worker"), "name"), (_("ID Number"), "id_number"), (_("Contribution Base"), "BASE")]
    for code, label in (
        ("PENSION", _("Pension")),
        ("MEDICAL", _("Medical")),
        ("UNEMPLOYMENT", _("Unemployment")),
        ("INJURY", _("Work Injury")),
        ("MATERNITY", _("Maternity")),
    ):
        columns.append((_("%(insurance)s (employer)", insurance=label), f"ER_{code}"))
        columns.append((_("%(insurance)s (employee)", insurance=label), f"EE_{code}"))
    columns.append((_("Housing Fund (Employer)"), "HF_ER"))
    columns.append((_("Housing Fund (Employee)"), "HF_EE"))
    body = [[_value(row, key) for _header, key in columns] for row in rows]
    return _workbook(_("Social Insurance"), [h for h, _k in columns], body, (_("Total"), 2))
