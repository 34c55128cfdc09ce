from . import sgz_report_generate_wizard, sgz_report_return_wizard
