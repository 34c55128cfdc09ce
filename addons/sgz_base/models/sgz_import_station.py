from odoo import models

from ..lib import sheet_import
from ..lib.sheet_import import Column, Lookup


class SgzImportStation(models.AbstractModel):
    """The stations of a county, imported by its county officer: one row per township."""

    _name = "sgz.import.station"
    _inherit = "sgz.import.kind"
    _description = "Stations"
    _sgz_import_model = "sgz.station"

    def _sgz_counties(self):
        """The county bureaus the user works for."""
        return self.env.user.company_ids.filtered(lambda company: company.sgz_kind == "county")

    def _sgz_import_columns(self):
        _ = self.env._
        counties = self._sgz_counties()
        return [
            Column(
                "乡镇（街道）",
                "township_id",
                required=True,
                unique=True,
                lookup=Lookup(
                    "sgz.region",
                    fields=("name", "code"),
                    domain=(("level", "=", "township"),),
                    scope=(("parent_id", "in", counties.sgz_region_id.ids),),
                ),
                example="江桥街道",
                help=_(
                    "The township or street of the station, by its name or its statistics code, in your county."
                ),
            ),
            Column(
                "承接机构",
                "provider_id",
                lookup=Lookup(
                    "res.company", fields=("name", "sgz_uscc"), domain=(("sgz_kind", "=", "provider"),)
                ),
                example="攸县同心社会工作服务中心",
                help=_(
                    "The provider running the station, by its full name or its unified social credit code."
                ),
            ),
            Column("地址", "address", help=_("The station's address.")),
            Column(
                "状态",
                "state",
                sheet_import.choice(self._sgz_state_labels()),
                example=self._sgz_state_labels_text(),
                help=_("Empty: planned. In service: the station is put into service on import."),
            ),
            Column(
                "开站日期",
                "opening_date",
                sheet_import.date,
                example="2026-03-01",
                help=_("The opening date."),
            ),
            Column(
                "示范站",
                "demonstration",
                sheet_import.yes_no,
                example="否",
                help=_("是 for a demonstration station, with its recognition date."),
            ),
            Column(
                "认定日期",
                "demonstration_date",
                sheet_import.date,
                help=_("The day the station was recognized as a demonstration station."),
            ),
        ]

    def _sgz_state_labels(self):
        labels = self._sgz_choice("sgz.station", "state")
        return {label: value for label, value in labels.items() if value in ("planned", "active")}

    def _sgz_state_labels_text(self):
        return "、".join(self._sgz_state_labels())

    def _sgz_import_messages(self):
        return {
            "out_of_scope": lambda: self.env._("this township is not in your county"),
        }

    def _sgz_import_check(self, rows):
        errors = []
        for row in rows:
            values = row.values
            if values.get("demonstration") and not values.get("demonstration_date"):
                errors.append(sheet_import.CellError(row.number, "认定日期", "required"))
        return errors

    def _sgz_import_rows(self, rows):
        townships = self.env["sgz.region"].browse([row.values["township_id"] for row in rows])
        bureau_of = {county.sgz_region_id.id: county.id for county in self._sgz_counties()}
        vals_list = []
        for row, township in zip(rows, townships, strict=True):
            values = row.values
            vals_list.append(
                {
                    "township_id": township.id,
                    "company_id": bureau_of[township.parent_id.id],
                    "provider_id": values.get("provider_id") or False,
                    "address": values.get("address") or False,
                    "opening_date": values.get("opening_date") or False,
                    "demonstration": bool(values.get("demonstration")),
                    "demonstration_date": values.get("demonstration_date") or False,
                }
            )
        stations = self.env["sgz.station"].create(vals_list)
        active = stations.browse(
            [
                station.id
                for station, row in zip(stations, rows, strict=True)
                if row.values.get("state") == "active"
            ]
        )
        if active:
            active.action_activate()
        return stations
