from odoo import fields, models

from odoo.addons.sgz_base.lib import age_on, parse_id_card, sheet_import
from odoo.addons.sgz_base.lib.sheet_import import CellError, Column, Lookup

from ..lib import consent_needs

GIVER = "同意人"
GUARDIAN = "监护人姓名"
RELATION = "监护人关系"
SEPARATE = "单独同意日期"
CONSENT = "同意日期"


class SgzImportBeneficiary(models.AbstractModel):
    """The beneficiaries of the provider's stations (服务对象), imported with their consents: a row is refused when
    a consent the law asks is missing (``lib/consent.py``), naming the column to fill in."""

    _name = "sgz.import.beneficiary"
    _inherit = "sgz.import.kind"
    _description = "Beneficiaries"
    _sgz_import_model = "sgz.beneficiary"

    def _sgz_import_columns(self):
        _ = self.env._
        companies = self.env.user.company_ids.ids
        return [
            Column(
                "姓名", "name", sheet_import.text(50), required=True, example="李秀英", help=_("Full name.")
            ),
            Column(
                "身份证号",
                "id_number",
                sheet_import.id_card,
                required=True,
                example="430223195203151234",
                help=_("18-character resident ID number, checked; the birth date and gender come from it."),
            ),
            Column(
                "站点",
                "station_id",
                required=True,
                lookup=Lookup(
                    "sgz.station",
                    fields=("name", "township_id.name"),
                    scope=("|", ("provider_id", "in", companies), ("company_id", "in", companies)),
                ),
                example="江桥街道",
                help=_("The station, by its township or its sign name: one your organization runs."),
            ),
            Column(
                "类别",
                "category_ids",
                lookup=Lookup("sgz.beneficiary.category", fields=("name", "code"), multiple=True),
                example="低保对象、留守儿童",
                help=_("The beneficiary's categories by name: %(names)s.", names=self._sgz_category_names()),
            ),
            Column("联系电话", "phone", sheet_import.phone, example="13800000000", help=_("Telephone.")),
            Column("户籍地址", "household_address", help=_("Household registration address.")),
            Column("居住地址", "address", help=_("Residence.")),
            Column(
                "家庭人口",
                "household_size",
                sheet_import.integer(0, 50),
                example="3",
                help=_("Household members."),
            ),
            Column("家庭情况", "household_note", sheet_import.text(2000), help=_("Household situation.")),
            *self._sgz_consent_columns(),
        ]

    def _sgz_consent_columns(self):
        """The consents (个人信息保护法第十三、二十九、三十一条)."""
        _ = self.env._
        givers = self._sgz_choice("sgz.beneficiary", "consent_giver")
        relations = self._sgz_choice("sgz.beneficiary", "guardian_relation")
        return [
            Column(
                CONSENT,
                "consent_date",
                sheet_import.date,
                required=True,
                example="2026-03-01",
                help=_(
                    "The day the person (or the guardian) agreed in writing that the station keeps these data."
                ),
            ),
            Column(
                GIVER,
                "consent_giver",
                sheet_import.choice(givers),
                example="本人",
                help=_(
                    "One of %(choices)s; empty: the guardian for a minor, else the person.",
                    choices="、".join(givers),
                ),
            ),
            Column(
                GUARDIAN, "guardian_name", sheet_import.text(50), help=_("For a minor: the guardian's name.")
            ),
            Column(
                RELATION,
                "guardian_relation",
                sheet_import.choice(relations),
                example="父母",
                help=_("For a minor: one of %(choices)s.", choices="、".join(relations)),
            ),
            Column(
                SEPARATE,
                "sensitive_consent_date",
                sheet_import.date,
                help=_(
                    "The day of the separate consent, required for a sensitive category (低保, 特困, children …) or "
                    "a child under 14."
                ),
            ),
        ]

    def _sgz_category_names(self):
        categories = self.env["sgz.beneficiary.category"].with_context(lang="zh_CN").search([])
        return "、".join(categories.mapped("name"))

    def _sgz_import_messages(self):
        _ = self.env._
        return {
            "out_of_scope": lambda: _("this station is not run by your organization"),
            "future": lambda: _("cannot be in the future"),
            "minor": lambda: _("a minor's consent is given by a parent or other guardian (PIPL art. 31)"),
            "guardian": lambda: _("required when the guardian gave the consent"),
            "separate": lambda: _(
                "sensitive personal information (a sensitive category or a child under 14) is kept only with a "
                "separate consent (PIPL arts. 28 and 29): give its date"
            ),
        }

    def _sgz_import_check(self, rows):
        errors = []
        today = fields.Date.context_today(self)
        sensitive = set(self.env["sgz.beneficiary.category"].search([("sensitive", "=", True)]).ids)
        seen = {}
        for row in rows:
            values = row.values
            key = (values["station_id"], values["id_number"])
            if key in seen:
                errors.append(CellError(row.number, "身份证号", "duplicate", {"row": seen[key]}))
            seen.setdefault(key, row.number)
            errors += self._sgz_check_consent(row, today, sensitive)
        return errors

    def _sgz_check_consent(self, row, today, sensitive):
        values = row.values
        errors = []
        for header, key in ((CONSENT, "consent_date"), (SEPARATE, "sensitive_consent_date")):
            if values.get(key) and values[key] > today:
                errors.append(CellError(row.number, header, "future"))
        birth = parse_id_card(values["id_number"]).birth_date
        needs = consent_needs(
            age_on(birth, values["consent_date"]), bool(set(values.get("category_ids") or []) & sensitive)
        )
        giver = values.get("consent_giver") or ("guardian" if needs.guardian else "self")
        values["consent_giver"] = giver
        if needs.guardian and giver != "guardian":
            errors.append(CellError(row.number, GIVER, "minor"))
        if giver == "guardian":
            for header, key in ((GUARDIAN, "guardian_name"), (RELATION, "guardian_relation")):
                if not values.get(key):
                    errors.append(CellError(row.number, header, "guardian"))
        if needs.separate and not values.get("sensitive_consent_date"):
            errors.append(CellError(row.number, SEPARATE, "separate"))
        return errors

    def _sgz_import_rows(self, rows):
        keys = (
            "name",
            "id_number",
            "station_id",
            "phone",
            "household_address",
            "address",
            "household_size",
            "household_note",
            "consent_date",
            "consent_giver",
            "guardian_name",
            "guardian_relation",
            "sensitive_consent_date",
        )
        vals_list = []
        for row in rows:
            vals = {key: row.values[key] for key in keys if row.values.get(key) not in (None, "")}
            if row.values.get("category_ids"):
                vals["category_ids"] = [fields.Command.set(row.values["category_ids"])]
            vals_list.append(vals)
        return self.env["sgz.beneficiary"].create(vals_list)
