import re
from contextlib import contextmanager

from psycopg2 import IntegrityError

from odoo import Command
from odoo.service.model import _as_validation_error
from odoo.tests import TransactionCase, new_test_user
from odoo.tools import mute_logger

from ..lib import validate_uscc  # noqa: F401 - re-exported for tests

GROUP = "sgz_base.sgz_base_group_%s"


def uscc(body):
    """A valid USCC from its first 17 characters."""
    from stdnum.cn import uscc as std_uscc

    return body + std_uscc.calc_check_digit(body)


def tour_user(env, login, role, company):
    """A ``role`` user of ``company`` for a browser tour (password ``<login>_pw``), in Chinese and in China's time
    zone: the one set-up of every addon's tours."""
    return new_test_user(
        env,
        login=login,
        password=f"{login}_pw",
        groups=GROUP % role,
        company_id=company.id,
        company_ids=[Command.set(company.ids)],
        lang="zh_CN",
        tz="Asia/Shanghai",
    )


class SgzCase(TransactionCase):
    """Zhuzhou city (株洲市) with two counties, two providers and a user per role.

    Built from the shipped regions and independent of the demo data (which uses Changsha)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Company = cls.env["res.company"]
        cls.region_city = cls.env.ref("sgz_base.region_430200")
        cls.region_county_a = cls.env.ref("sgz_base.region_430223")  # 攸县
        cls.region_county_b = cls.env.ref("sgz_base.region_430224")  # 茶陵县
        # real townships of the shipped statistics codes (data/sgz_region_township_data.xml)
        cls.township_a1 = cls.env.ref("sgz_base.region_430223002")  # 江桥街道
        cls.township_a2 = cls.env.ref("sgz_base.region_430223122")  # 皇图岭镇
        cls.township_b1 = cls.env.ref("sgz_base.region_430224005")  # 云阳街道
        cny = cls.env.ref("base.CNY")
        cls.province = Company.search([("sgz_kind", "=", "province")], limit=1) or Company.create(
            {"name": "湖南省民政厅（测试）", "sgz_kind": "province", "currency_id": cny.id}
        )
        cls.city = Company.create(
            {
                "name": "株洲市民政局",
                "parent_id": cls.province.id,
                "sgz_kind": "city",
                "sgz_region_id": cls.region_city.id,
                "sgz_uscc": uscc("11430200006000000"),
            }
        )
        cls.county_a, cls.county_b = Company.create(
            [
                {
                    "name": "攸县民政局",
                    "parent_id": cls.city.id,
                    "sgz_kind": "county",
                    "sgz_region_id": cls.region_county_a.id,
                    "sgz_uscc": uscc("11430223006000000"),
                },
                {
                    "name": "茶陵县民政局",
                    "parent_id": cls.city.id,
                    "sgz_kind": "county",
                    "sgz_region_id": cls.region_county_b.id,
                    "sgz_uscc": uscc("11430224006000000"),
                },
            ]
        )
        cls.provider_x, cls.provider_y = Company.create(
            [
                {
                    "name": "攸县同心社会工作服务中心",
                    "sgz_kind": "provider",
                    "sgz_region_id": cls.region_county_a.id,
                    "sgz_uscc": uscc("52430223MJ0000001"),
                    "currency_id": cny.id,
                },
                {
                    "name": "茶陵县益民社会工作服务中心",
                    "sgz_kind": "provider",
                    "sgz_region_id": cls.region_county_b.id,
                    "sgz_uscc": uscc("52430224MJ0000002"),
                    "currency_id": cny.id,
                },
            ]
        )
        cls.officer_a = cls._user("officer_a", "county_officer", cls.county_a)
        cls.officer_b = cls._user("officer_b", "county_officer", cls.county_b)
        cls.approver_a = cls._user("approver_a", "county_approver", cls.county_a)
        cls.finance_a = cls._user("finance_a", "county_finance", cls.county_a)
        cls.city_officer = cls._user("city_officer", "city_officer", cls.city)
        cls.manager_x = cls._user("manager_x", "provider_manager", cls.provider_x)
        cls.hr_x = cls._user("hr_x", "provider_hr", cls.provider_x)
        cls.manager_y = cls._user("manager_y", "provider_manager", cls.provider_y)
        cls.province_officer = cls._user("province_officer", "province_officer", cls.province)
        cls.evaluator = cls._user("evaluator_p", "evaluator", cls.province)
        cls.worker_x = cls._user("worker_x", "station_worker", cls.provider_x)
        # the administrator of the database, working in every organization of the tests
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.write(
            {
                "company_ids": [
                    Command.link(c.id)
                    for c in (
                        cls.province
                        | cls.city
                        | cls.county_a
                        | cls.county_b
                        | cls.provider_x
                        | cls.provider_y
                    )
                ]
            }
        )
        # one user per role, holding that role only (the access matrices test them)
        cls.role_users = {
            "province_officer": cls.province_officer,
            "city_officer": cls.city_officer,
            "county_officer": cls.officer_a,
            "county_approver": cls.approver_a,
            "county_finance": cls.finance_a,
            "provider_manager": cls.manager_x,
            "provider_hr": cls.hr_x,
            "evaluator": cls.evaluator,
            "station_worker": cls.worker_x,
        }

    @contextmanager
    def assertRaisesMsg(self, exception, pattern):
        """assertRaises (which rolls back to a savepoint, so nothing stays saved) plus a message check (the
        pattern matches regardless of case: "Reason cannot be left blank" answers to ``reason``)."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), re.compile(pattern, re.IGNORECASE))

    @contextmanager
    def assertConstraintMsg(self, pattern):
        """A violated SQL constraint, as a client sees it: Odoo's RPC layer turns it into its (translated)
        message, which must match ``pattern``; nothing stays saved."""
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            with self.env.cr.savepoint():
                yield
                self.env.flush_all()
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.assertRegex(str(_as_validation_error(env, caught.exception)), pattern)

    @classmethod
    def _user(cls, login, role, company):
        return new_test_user(
            cls.env,
            login=login,
            groups=GROUP % role,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            lang="zh_CN",
        )

    @classmethod
    def _station(cls, township, county, **vals):
        return cls.env["sgz.station"].create({"township_id": township.id, "company_id": county.id, **vals})
