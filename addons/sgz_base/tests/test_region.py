import os

import stdnum.cn

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import SgzCase

# Counties renamed or re-coded since python-stdnum's GB/T 2260 table was compiled (its table keeps the
# former name): 宁乡县 → 宁乡市 (2017), 株洲县 → 渌口区 (2018), 邵东县 → 邵东市 (2019), 祁阳县 → 祁阳市 (2021).
CHANGED_SINCE_STDNUM = {"430182", "430212", "430582", "431181"}


def stdnum_hunan():
    """code → (county, prefecture) of python-stdnum's GB/T 2260 table for Hunan."""
    table = {}
    with open(os.path.join(os.path.dirname(stdnum.cn.__file__), "loc.dat"), encoding="utf-8") as data:
        for line in data:
            if not line.startswith("43"):
                continue
            code, rest = line.split(" ", 1)
            attrs = dict(part.split("=", 1) for part in rest.split())
            table[code] = (attrs["county"].strip('"'), attrs.get("prefecture", "").strip('"'))
    return table


@tagged("post_install", "-at_install")
class TestRegionData(TransactionCase):
    def test_hunan_counts(self):
        Region = self.env["sgz.region"]
        province = self.env.ref("sgz_base.region_430000")
        self.assertEqual(province.name, "湖南省")
        cities = Region.search([("level", "=", "city"), ("parent_id", "=", province.id)])
        self.assertEqual(len(cities), 14)
        counties = Region.search(
            [("level", "=", "county"), ("parent_id", "in", cities.ids), ("functional_zone", "=", False)]
        )
        self.assertEqual(len(counties), 122)
        # the statistics codes (2023): 2,008 township-level units, 31 of them in 12 functional zones of cities
        zones = Region.search([("functional_zone", "=", True)])
        self.assertEqual(len(zones), 12)
        townships = Region.with_context(active_test=False).search(
            [("level", "=", "township"), ("code", "=like", "43%")]
        )
        xmlids = townships.get_external_id()
        shipped = townships.filtered(lambda t: xmlids[t.id].startswith("sgz_base.region_"))
        self.assertEqual(len(shipped), 2008)
        self.assertEqual(len(shipped.filtered(lambda t: t.parent_id in zones)), 31)
        for township in shipped:
            self.assertEqual(township.code[:6], township.parent_id.code, township.name)
        self.assertEqual(self.env.ref("sgz_base.region_430121001").name, "星沙街道")

    def test_cross_check_stdnum(self):
        table = stdnum_hunan()
        counties = self.env["sgz.region"].search(
            [("level", "=", "county"), ("code", "=like", "43%"), ("functional_zone", "=", False)]
        )
        for county in counties:
            with self.subTest(code=county.code):
                if county.code in CHANGED_SINCE_STDNUM:
                    self.assertNotIn(county.code, table)
                    continue
                self.assertIn(county.code, table)
                name, prefecture = table[county.code]
                self.assertEqual(county.name, name)
                self.assertEqual(county.parent_id.name, prefecture)

    def test_complete_name(self):
        self.assertEqual(self.env.ref("sgz_base.region_430121").complete_name, "湖南省长沙市长沙县")


@tagged("post_install", "-at_install")
class TestRegionRules(SgzCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.county = cls.env.ref("sgz_base.region_430223")  # 攸县

    def _township(self, code, parent=None, level="township"):
        return self.env["sgz.region"].create(
            {"name": "测试镇", "code": code, "level": level, "parent_id": (parent or self.county).id}
        )

    def test_township_codes(self):
        self.assertEqual(self._township("430223904").complete_name, "湖南省株洲市攸县测试镇")
        self.assertTrue(self._township("430223905200"))  # 12 digits

    def test_wrong_length(self):
        for code in ("4302231", "43022310", "4302231041", "43022310420", "43022310420a"):
            with (
                self.subTest(code=code),
                self.assertRaisesMsg(ValidationError, "digits for this level|在该级别应为"),
            ):
                self._township(code)

    def test_wrong_parent(self):
        with self.assertRaisesMsg(ValidationError, "does not belong under|不属于"):
            self._township("430224104")  # 茶陵's prefix under 攸县
        with self.assertRaisesMsg(ValidationError, "must be placed under a region of level|的上级区划必须是"):
            self._township("430223104", parent=self.county.parent_id)  # a township under a city
        with self.assertRaisesMsg(ValidationError, "must be placed under a region of level|的上级区划必须是"):
            self.env["sgz.region"].create({"name": "某县", "code": "430299", "level": "county"})

    def test_duplicate_code(self):
        self._township("430223104")
        with self.assertConstraintMsg("A region with this code already exists|已存在"):
            self._township("430223104")

    def test_county_officer_adds_townships_of_its_county_only(self):
        """A county officer creating a township under another county is refused (茶陵县 is county B)."""
        Region = self.env["sgz.region"].with_user(self.officer_a)
        Region.create(
            {"name": "新建镇", "code": "430223199", "level": "township", "parent_id": self.region_county_a.id}
        )
        with self.assertRaisesMsg(UserError, "own bureau|本局所辖"):  # the sentence naming 茶陵县
            Region.create(
                {
                    "name": "越界镇",
                    "code": "430224199",
                    "level": "township",
                    "parent_id": self.region_county_b.id,
                }
            )
        with self.assertRaisesMsg(AccessError, "您不能修改此行政区划：它属于其他单位"):
            Region.browse(self.region_county_a.id).write({"name": "改名县"})
        # nor moving another county's township under its own county (the rule reads the township as it is)
        other = self.env["sgz.region"].create(
            {
                "name": "茶陵某镇",
                "code": "430224198",
                "level": "township",
                "parent_id": self.region_county_b.id,
            }
        )
        with self.assertRaisesMsg(AccessError, "您不能修改此行政区划：它属于其他单位"):
            other.with_user(self.officer_a).write({"parent_id": self.region_county_a.id, "code": "430223198"})

    def test_import_template(self):
        templates = self.env["sgz.region"].get_import_templates()
        self.assertTrue(templates[0]["template"].endswith(".xlsx"))
