from . import (
    res_users,
    sgz_activity,
    sgz_activity_stat,
    sgz_beneficiary,
    sgz_beneficiary_category,
    sgz_beneficiary_stat,
    sgz_payroll_stat,
    sgz_report,
    sgz_report_line,
    sgz_report_type,
    sgz_reporting_figures,
    sgz_station_coverage,
)
