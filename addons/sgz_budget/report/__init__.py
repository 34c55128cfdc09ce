from . import sgz_budget_xlsx
