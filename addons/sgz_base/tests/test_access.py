from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SgzCase


@tagged("post_install", "-at_install")
class TestAccess(SgzCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.station_a = cls._station(cls.township_a1, cls.county_a, provider_id=cls.provider_x.id)
        cls.station_b = cls._station(cls.township_b1, cls.county_b, provider_id=cls.provider_y.id)
        Disclosure = cls.env["sgz.provider.disclosure"]
        cls.doc_x = Disclosure.create(
            {
                "name": "资质证书",
                "company_id": cls.provider_x.id,
                "kind": "qualification",
                "document": b"UEsD",
            }
        )
        cls.doc_y = Disclosure.create(
            {
                "name": "资质证书",
                "company_id": cls.provider_y.id,
                "kind": "qualification",
                "document": b"UEsD",
            }
        )
        cls.env.flush_all()

    def test_county_officer_own_county_only(self):
        Station = self.env["sgz.station"].with_user(self.officer_a)
        self.assertEqual(
            Station.search([("id", "in", (self.station_a | self.station_b).ids)]), self.station_a
        )
        with self.assertRaisesMsg(AccessError, "您不能打开此社工站：它属于其他单位"):
            self.station_b.with_user(self.officer_a).read(["name"])
        with self.assertRaisesMsg(AccessError, "您不能打开此社工站：它属于其他单位"):
            self.station_b.with_user(self.officer_a).write({"address": "x"})
        with self.assertRaisesMsg(AccessError, "您不能打开此社工站建设标准明细：它属于其他单位"):
            Station.create({"township_id": self.township_b1.id, "company_id": self.county_b.id})
        self.station_a.with_user(self.officer_a).write({"address": "江桥街道1号"})
        self.assertEqual(self.station_a.address, "江桥街道1号")

    def test_city_officer_sees_both_counties(self):
        Station = self.env["sgz.station"].with_user(self.city_officer)
        found = Station.search([("id", "in", (self.station_a | self.station_b).ids)])
        self.assertEqual(found, self.station_a | self.station_b)

    def test_provider_reads_its_stations_only(self):
        Station = self.env["sgz.station"].with_user(self.manager_x)
        self.assertEqual(
            Station.search([("id", "in", (self.station_a | self.station_b).ids)]), self.station_a
        )
        with self.assertRaisesMsg(AccessError, "您的角色不能修改社工站"):
            self.station_a.with_user(self.manager_x).write({"address": "x"})
        with self.assertRaisesMsg(AccessError, "您不能打开此社工站：它属于其他单位"):
            self.station_b.with_user(self.manager_x).read(["name"])

    def test_provider_documents(self):
        Disclosure = self.env["sgz.provider.disclosure"]
        both = (self.doc_x | self.doc_y).ids
        self.assertEqual(Disclosure.with_user(self.manager_x).search([("id", "in", both)]), self.doc_x)
        self.assertEqual(Disclosure.with_user(self.hr_x).search([("id", "in", both)]), self.doc_x)
        with self.assertRaisesMsg(AccessError, "您不能打开此承接机构信息公开：它属于其他单位"):
            self.doc_y.with_user(self.manager_x).read(["name"])
        with self.assertRaisesMsg(AccessError, "您不能打开此承接机构信息公开：它属于其他单位"):
            self.doc_y.with_user(self.manager_x).write({"name": "x"})
        with self.assertRaisesMsg(AccessError, "您的角色不能修改承接机构信息公开"):
            self.doc_x.with_user(self.hr_x).write({"name": "x"})  # HR reads, the manager edits
        self.doc_x.with_user(self.manager_x).write({"name": "资质证书（更新）"})
        # Disclosures are public to the bureaus (§三(四)), read-only.
        self.assertEqual(
            Disclosure.with_user(self.officer_a).search([("id", "in", both)]), self.doc_x | self.doc_y
        )
        with self.assertRaisesMsg(AccessError, "您的角色不能修改承接机构信息公开"):
            self.doc_x.with_user(self.officer_a).write({"name": "x"})

    def test_providers_public_to_bureaus(self):
        Company = self.env["res.company"]
        providers = self.provider_x | self.provider_y
        self.assertEqual(Company.with_user(self.officer_a).search([("id", "in", providers.ids)]), providers)
        self.assertEqual(Company.with_user(self.finance_a).search([("id", "in", providers.ids)]), providers)
        # ... but not the other bureaus, nor one provider the other.
        self.assertFalse(Company.with_user(self.officer_a).search([("id", "=", self.county_b.id)]))
        self.assertEqual(
            Company.with_user(self.manager_x).search([("id", "in", providers.ids)]), self.provider_x
        )
        with self.assertRaisesMsg(AccessError, "您的角色不能修改公司"):
            self.provider_x.with_user(self.officer_a).write({"name": "x"})
        station = (
            self.env["sgz.station"]
            .with_user(self.officer_a)
            .create(
                {
                    "township_id": self.township_a2.id,
                    "company_id": self.county_a.id,
                    "provider_id": self.provider_x.id,
                }
            )
        )
        self.assertEqual(station.provider_id, self.provider_x)

    def test_finance_and_approver_read_only_stations(self):
        self.assertEqual(
            self.station_a.with_user(self.finance_a).read(["name"])[0]["name"], self.station_a.name
        )
        with self.assertRaisesMsg(AccessError, "您的角色不能修改社工站"):
            self.station_a.with_user(self.finance_a).write({"address": "x"})
        self.station_a.with_user(self.approver_a).write({"address": "批准"})  # approver implies officer

    def test_configuration_read_only(self):
        area = self.env.ref("sgz_base.service_area_assistance")
        self.assertTrue(area.with_user(self.officer_a).name)
        with self.assertRaisesMsg(AccessError, "您的角色不能修改服务领域"):
            area.with_user(self.officer_a).write({"name": "x"})
        with self.assertRaisesMsg(AccessError, "您的角色不能新建年度放假安排"):
            self.env["sgz.calendar.year"].with_user(self.officer_a).create({"name": 2099})
