from . import sgz_payroll_xlsx
