import datetime

from stdnum.cn import ric

from odoo import Command

from odoo.addons.sgz_base.tests.common import SgzCase


def id_card(body):
    """A valid resident ID number from its first 17 digits."""
    return body + ric.calc_check_digit(body + "0")


def wrong_check_digit(number):
    """``number`` with another check character: a well-formed ID number refused for its check digit."""
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def month(year, number):
    return datetime.date(year, number, 1)


class SgzHrCase(SgzCase):
    """SgzCase plus stations with their providers, an insurance scheme for 攸县 (county A, none for county B),
    and helpers for workers, contracts and payroll runs. Payroll tests work in 2023–2024, before the demo
    Hunan scheme (2025) starts, so that they do not depend on demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.station_a1 = cls._station(cls.township_a1, cls.county_a, provider_id=cls.provider_x.id)
        cls.station_a2 = cls._station(cls.township_a2, cls.county_a, provider_id=cls.provider_x.id)
        cls.station_b1 = cls._station(cls.township_b1, cls.county_b, provider_id=cls.provider_y.id)
        cls.hr_y = cls._user("hr_y", "provider_hr", cls.provider_y)
        cls.scheme_a = cls._scheme(cls.region_county_a, "2023-01-01", "2024-06-30", floor=3000, ceiling=20000)
        cls.scheme_a2 = cls._scheme(cls.region_county_a, "2024-07-01", False, floor=4000, ceiling=20000)

    @classmethod
    def _scheme(cls, region, date_from, date_to, floor, ceiling, name=None):
        rates = [
            ("pension", 16, 8),
            ("medical", 8.7, 2),
            ("unemployment", 0.7, 0.3),
            ("injury", 0.2, 0),
        ]
        return cls.env["sgz.insurance.scheme"].create(
            {
                "name": name or f"{region.name} {date_from}",
                "region_id": region.id,
                "date_from": date_from,
                "date_to": date_to,
                "line_ids": [
                    Command.create(
                        {
                            "sequence": index,
                            "kind": kind,
                            "employer_rate": employer,
                            "employee_rate": employee,
                            "base_floor": floor,
                            "base_ceiling": ceiling,
                        }
                    )
                    for index, (kind, employer, employee) in enumerate(rates)
                ],
            }
        )

    @classmethod
    def _worker(cls, name, body="43022319950315123", company=None, station=None, **vals):
        station = station or cls.station_a1
        company = company or station.provider_id
        values = {
            "name": name,
            "company_id": company.id,
            "identification_id": id_card(body),
            "sgz_station_id": station.id,
            "sgz_hire_date": "2023-01-01",
            "sgz_education": "bachelor",
            **vals,
        }
        return cls.env["hr.employee"].create(values)

    @classmethod
    def _contract(cls, employee, wage, date_start, date_end=False, state="open", **vals):
        return cls.env["hr.contract"].create(
            {
                "name": f"{employee.name} {date_start}",
                "employee_id": employee.id,
                "company_id": employee.company_id.id,
                "wage": wage,
                "date_start": date_start,
                "date_end": date_end,
                "state": state,
                **vals,
            }
        )

    @classmethod
    def _run(cls, day, company=None, confirm=False, env=None):
        env = env or cls.env
        run = env["sgz.payroll.run"].create({"company_id": (company or cls.provider_x).id, "date_from": day})
        run.action_generate()
        run.action_compute()
        if confirm:
            run.action_confirm()
        return run

    @classmethod
    def _adjust(cls, payslip, run, user=None, **inputs):
        """An adjustment of ``payslip`` in the draft ``run`` (created as provider HR), with ``inputs``
        written, computed and approved by the provider manager."""
        hr = user or cls.hr_x
        action = payslip.with_user(hr).action_create_adjustment()
        adjustment = cls.env["sgz.payslip"].browse(action["res_id"])
        assert adjustment.run_id == run
        adjustment.with_user(hr).write({"adjustment_reason": "绩效工资补发", **inputs})
        adjustment.with_user(hr).action_compute()
        adjustment.with_user(hr).action_request_confirmation()
        adjustment.with_user(
            cls.manager_x if payslip.company_id == cls.provider_x else cls.manager_y
        ).action_sgz_approve()
        return adjustment

    @staticmethod
    def _line(payslip, code):
        lines = payslip.line_ids.filtered(lambda line: line.code == code)
        return sum(lines.mapped("amount"))
