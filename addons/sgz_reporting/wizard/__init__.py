from . import (
    sgz_report_generate_wizard,
    sgz_report_return_wizard,
    sgz_service_plan_version_wizard,
    sgz_volunteer_certificate_wizard,
)
