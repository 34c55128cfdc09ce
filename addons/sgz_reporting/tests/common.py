import datetime

from freezegun import freeze_time

from odoo import Command

from odoo.addons.sgz_hr.tests.common import SgzHrCase, id_card


def day(text):
    return datetime.date.fromisoformat(text)


class ReportingCase(SgzHrCase):
    """SgzHrCase (株洲: 攸县 county A with provider X at stations a1, a2; 茶陵县 county B with provider Y at b1)
    plus: the three stations in service, a third township of 攸县 without a station, signed agreements
    (A: a1 quota 2, a2 quota 1; B: b1 quota 2), two workers at a1 and one at b1, beneficiaries at a1 and b1.

    Everything happens in 2026, whose holiday schedule is known (National Day: 1–7 October, Saturday
    10 October worked)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the users work in Chinese: the sentences refusing bad input are read in Chinese
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.township_a3 = cls.env.ref("sgz_base.region_430223106")  # 网岭镇
        stations = cls.station_a1 | cls.station_a2 | cls.station_b1
        stations.write({"state": "active", "opening_date": "2025-06-01"})
        cls.station_a1.write({"demonstration": True, "demonstration_date": "2025-12-01"})
        with freeze_time("2026-01-10"):
            cls.agreement_a = cls._signed_agreement(
                cls.county_a, cls.provider_x, [(cls.station_a1, 2), (cls.station_a2, 1)]
            )
            cls.agreement_b = cls._signed_agreement(cls.county_b, cls.provider_y, [(cls.station_b1, 2)])
        cls.worker_1 = cls._worker("甲社工", body="43022319950315123", station=cls.station_a1)
        cls.worker_2 = cls._worker("乙社工", body="43022319960416124", station=cls.station_a1)
        cls.worker_3 = cls._worker("丙社工", body="43022419970517125", station=cls.station_b1)
        for worker in (cls.worker_1, cls.worker_2, cls.worker_3):
            cls._contract(worker, 5000, "2025-06-01", "2027-05-31")
        Category = cls.env["sgz.beneficiary.category"]
        cls.cat_dibao = cls.env.ref("sgz_reporting.beneficiary_category_dibao")
        cls.cat_child = cls.env.ref("sgz_reporting.beneficiary_category_left_behind_child")
        cls.cat_elderly = cls.env.ref("sgz_reporting.beneficiary_category_lonely_elderly")
        cls.categories = Category.search([])
        Beneficiary = cls.env["sgz.beneficiary"].with_user(cls.hr_x)
        cls.id_a1 = id_card("43022319520308102")
        cls.ben_a1 = Beneficiary.create(
            {
                "name": "黄奶奶",
                "id_number": cls.id_a1,
                "station_id": cls.station_a1.id,
                "category_ids": [Command.set((cls.cat_dibao | cls.cat_elderly).ids)],
                "consent_date": "2026-01-15",
                # 低保 is a sensitive category: its separate consent (个人信息保护法第二十九条)
                "sensitive_consent_date": "2026-01-15",
            }
        )
        cls.ben_a2 = Beneficiary.create(
            {
                "name": "小明",
                "id_number": id_card("43022320140611203"),
                "station_id": cls.station_a1.id,
                "category_ids": [Command.set(cls.cat_child.ids)],
                # 11 years old: the guardian consents, and separately (个人信息保护法第二十九、三十一条)
                "consent_date": "2026-01-15",
                "consent_giver": "guardian",
                "guardian_name": "明爸爸",
                "guardian_relation": "parent",
                "sensitive_consent_date": "2026-01-15",
            }
        )
        cls.ben_b = (
            cls.env["sgz.beneficiary"]
            .with_user(cls.hr_y)
            .create(
                {
                    "name": "王爷爷",
                    "id_number": id_card("43022419450717506"),
                    "station_id": cls.station_b1.id,
                    "consent_date": "2026-01-15",
                }
            )
        )
        # registered in January (the figures count the beneficiaries registered by the end of the period)
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE sgz_beneficiary SET create_date = '2026-01-15' WHERE id IN %s",
            [tuple((cls.ben_a1 | cls.ben_a2 | cls.ben_b).ids)],
        )
        cls.env.invalidate_all()
        cls.area_assistance = cls.env.ref("sgz_base.service_area_assistance")
        cls.area_children = cls.env.ref("sgz_base.service_area_children")
        cls.area_community = cls.env.ref("sgz_base.service_area_community")
        cls.brief_type = cls.env.ref("sgz_reporting.report_type_monthly_brief")
        cls.county_quarterly = cls.env.ref("sgz_reporting.report_type_county_quarterly")
        cls.self_evaluation = cls.env.ref("sgz_reporting.report_type_self_evaluation")
        cls.city_inspection = cls.env.ref("sgz_reporting.report_type_city_inspection")
        cls.province_quarterly = cls.env.ref("sgz_reporting.report_type_province_quarterly")

    @classmethod
    def _signed_agreement(cls, county, provider, stations):
        agreement = cls.env["sgz.agreement"].create(
            {
                "name": f"{county.name}社工站服务协议",
                "company_id": county.id,
                "provider_id": provider.id,
                "fund_source_id": cls.env.ref("sgz_base.fund_source_lottery_county").id,
                "date_start": "2026-01-01",
                "station_line_ids": [
                    Command.create({"station_id": station.id, "worker_quota": quota, "annual_amount": 100000})
                    for station, quota in stations
                ],
            }
        )
        agreement.write({"sign_date": "2026-01-10"})
        agreement.action_sign()
        return agreement

    @classmethod
    def _activity(cls, date, station=None, user=None, **vals):
        station = station or cls.station_a1
        values = {
            "name": vals.pop("name", "活动"),
            "activity_type": vals.pop("activity_type", "community"),
            "date": date,
            "station_id": station.id,
            "service_area_id": vals.pop("service_area_id", cls.area_community.id),
            "duration": vals.pop("duration", 2.0),
            **vals,
        }
        if values["activity_type"] not in ("case", "group"):
            values.setdefault("person_times", 10)  # case and group work count their sessions
        with freeze_time("2026-11-27"):
            return cls.env["sgz.activity"].with_user(user or cls.hr_x).create(values)

    def _brief(self, month, agreement=None, today=None):
        """The monthly brief of ``month`` (first day) for the agreement, generated by the cron."""
        agreement = agreement or self.agreement_a
        next_month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        with freeze_time(today or next_month):
            self.env["sgz.report"]._cron_generate_expected()
        return self.env["sgz.report"].search(
            [
                ("report_type_id", "=", self.brief_type.id),
                ("agreement_id", "=", agreement.id),
                ("date_from", "=", month),
            ]
        )

    def _write_narrative(self, report, user=None):
        report.with_user(user or self.manager_x).write(
            {"highlights": "<p>开展服务</p>", "problems": "<p>人手不足</p>", "next_steps": "<p>继续开展</p>"}
        )
