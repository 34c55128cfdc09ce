from . import sgz_report_generate, sgz_report_return
