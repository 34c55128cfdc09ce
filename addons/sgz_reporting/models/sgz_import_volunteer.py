from odoo import models

from odoo.addons.sgz_base.lib import sheet_import
from odoo.addons.sgz_base.lib.sheet_import import Column


class SgzImportVolunteer(models.AbstractModel):
    """The volunteers of the provider's stations (志愿者), imported with the same consents as beneficiaries (a
    minor's by the guardian, a separate one for a child under 14) and refused twice in one station."""

    _name = "sgz.import.volunteer"
    _inherit = ["sgz.import.beneficiary", "sgz.import.kind"]
    _description = "Volunteers"
    _sgz_import_model = "sgz.volunteer"

    def _sgz_import_columns(self):
        _ = self.env._
        shared = {column.header: column for column in super()._sgz_import_columns()}
        return [
            shared["姓名"],
            shared["身份证号"],
            shared["站点"],
            shared["联系电话"],
            Column(
                "技能特长",
                "skills",
                sheet_import.text(200),
                example="心理疏导、文艺表演",
                help=_("What the volunteer can offer."),
            ),
            Column(
                "登记日期",
                "registration_date",
                sheet_import.date,
                example="2026-03-01",
                help=_("The day the volunteer registered with the station; empty: today."),
            ),
            *self._sgz_consent_columns(),
        ]

    def _sgz_import_rows(self, rows):
        keys = (
            "name",
            "id_number",
            "station_id",
            "phone",
            "skills",
            "registration_date",
            "consent_date",
            "consent_giver",
            "guardian_name",
            "guardian_relation",
            "sensitive_consent_date",
        )
        return self.env["sgz.volunteer"].create(
            [{key: row.values[key] for key in keys if row.values.get(key) not in (None, "")} for row in rows]
        )
