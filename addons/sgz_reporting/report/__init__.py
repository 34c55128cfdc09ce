from . import sgz_reporting_xlsx
