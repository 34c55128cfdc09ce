# needs survey and service plan (issue 17 §1)
# the person mixin before the beneficiary and the volunteer, which inherit it
from . import sgz_person_mixin

# isort: split
from . import (
    res_users,
    sgz_activity,
    sgz_activity_category_stat,
    sgz_activity_stat,
    sgz_beneficiary,
    sgz_beneficiary_category,
    sgz_beneficiary_stat,
    sgz_coverage,
    sgz_import_beneficiary,
    sgz_import_volunteer,
    sgz_needs_survey,
    sgz_payroll_stat,
    sgz_report,
    sgz_report_line,
    sgz_report_type,
    sgz_reporting_figures,
    sgz_service_plan,
    sgz_service_plan_progress,
    sgz_service_plan_rule,
    sgz_station_coverage,
    sgz_volunteer,
    sgz_volunteer_hour,
)
