"""The one table of payslip lines, insurances and special additional deductions.

Everything else is derived from it: the engine's line codes and order, the Odoo selections (labels are the
English source strings, translated like any selection), the payslip's sections (category) and the
spreadsheet columns. A new line is one row here.
"""

from typing import NamedTuple


class LineKind(NamedTuple):
    code: str
    label: str
    category: str  # earning, deduction, net, employer, info
    keep_zero: bool = False  # stored even when zero (other zero lines are left out)


class InsuranceKind(NamedTuple):
    code: str
    label: str
    social: bool = True  # one of the five social insurances (the housing fund is not)


class SpecialDeductionKind(NamedTuple):
    code: str
    label: str
    iit_column: str  # header of its cumulative column in the withholding client's wage sheet


INSURANCE_KINDS = (
    InsuranceKind("pension", "Pension Insurance"),
    InsuranceKind("medical", "Medical Insurance"),
    InsuranceKind("unemployment", "Unemployment Insurance"),
    InsuranceKind("injury", "Work Injury Insurance"),
    InsuranceKind("maternity", "Maternity Insurance"),
    InsuranceKind("housing_fund", "Housing Provident Fund", social=False),
)
SOCIAL_INSURANCE_CODES = tuple(kind.code for kind in INSURANCE_KINDS if kind.social)

# 国发〔2018〕41号 and 国发〔2022〕8号: the six kinds an employer deducts when withholding on wages (the seventh,
# serious illness medical expenses, is only claimed at the annual settlement).
SPECIAL_DEDUCTION_KINDS = (
    SpecialDeductionKind("child_education", "Child Education", "累计子女教育"),
    SpecialDeductionKind("infant_care", "Infant Care (under 3)", "累计3岁以下婴幼儿照护"),
    SpecialDeductionKind("elderly_support", "Elderly Support", "累计赡养老人"),
    SpecialDeductionKind("continuing_education", "Continuing Education", "累计继续教育"),
    SpecialDeductionKind("mortgage_interest", "Mortgage Interest", "累计住房贷款利息"),
    SpecialDeductionKind("housing_rent", "Housing Rent", "累计住房租金"),
)


def employee_code(insurance):
    return "HF_EE" if insurance == "housing_fund" else f"EE_{insurance.upper()}"


def employer_code(insurance):
    return "HF_ER" if insurance == "housing_fund" else f"ER_{insurance.upper()}"


def special_code(kind):
    return f"SAD_{kind.upper()}"


LINES = (
    LineKind("BASIC", "Basic Wage", "earning", keep_zero=True),
    LineKind("ALW", "Allowances", "earning"),
    LineKind("PERF", "Performance Pay", "earning"),
    LineKind("UNPAID", "Unpaid Leave Deduction", "earning"),
    LineKind("GROSS", "Gross Pay", "earning", keep_zero=True),
    LineKind("BASE", "Contribution Base", "info", keep_zero=True),
    *(
        LineKind(employee_code(kind.code), f"{kind.label} (Employee)", "deduction")
        for kind in INSURANCE_KINDS
    ),
    *(
        LineKind(special_code(kind.code), f"{kind.label} Deduction", "info")
        for kind in SPECIAL_DEDUCTION_KINDS
    ),
    LineKind("PRIOR", "Paid With the Corrected Payslip", "deduction"),
    LineKind("IIT", "Individual Income Tax", "deduction", keep_zero=True),
    LineKind("RECOVER", "Recovered Amount Owed", "deduction"),
    LineKind("NET", "Net Pay", "net", keep_zero=True),
    LineKind("OWED", "Owed by the Worker", "info"),
    *(LineKind(employer_code(kind.code), f"{kind.label} (Employer)", "employer") for kind in INSURANCE_KINDS),
    LineKind("COST", "Employer Cost", "employer", keep_zero=True),
)
LINE_BY_CODE = {line.code: line for line in LINES}
LINE_SEQUENCE = {line.code: index * 10 for index, line in enumerate(LINES)}
LINE_CATEGORIES = (
    ("earning", "Earnings"),
    ("deduction", "Deductions"),
    ("net", "Net Pay"),
    ("employer", "Employer Contributions"),
    ("info", "Information"),
)
# codes whose amounts are stored negative (deductions) and shown positive in the spreadsheets
NEGATIVE_CODES = frozenset(["UNPAID"] + [line.code for line in LINES if line.category == "deduction"])
