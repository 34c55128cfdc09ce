from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common import SgzCase, uscc


@tagged("post_install", "-at_install")
class TestOrganizations(SgzCase):
    def _provider(self, code, **vals):
        return self.env["res.company"].create(
            {"name": "某社工机构", "sgz_kind": "provider", "sgz_uscc": code, **vals}
        )

    def test_valid_uscc(self):
        code = uscc("52430223MJ0000009")
        self.assertEqual(self._provider(code).sgz_uscc, code)

    def test_invalid_uscc(self):
        body = "52430223MJ0000009"
        good = uscc(body)
        wrong = body + ("0" if good[-1] != "0" else "1")
        for bad, reason in ((wrong, "wrong check character"), (good[:-2], "wrong length")):
            with self.subTest(bad=bad), self.assertRaisesMsg(ValidationError, reason):
                self._provider(bad)
        self.assertFalse(self.env["res.company"].search([("name", "=", "某社工机构")]))

    def test_duplicate_uscc(self):
        with self.assertConstraintMsg(
            "Another organization already has this Unified Social Credit Code|统一社会信用代码"
        ):
            self._provider(self.provider_x.sgz_uscc)

    def test_lowercase_uscc(self):
        with self.assertRaisesMsg(ValidationError, "capitals"):
            self._provider(uscc("52430223MJ0000009").lower())

    def test_tree(self):
        Company = self.env["res.company"]
        with self.assertRaisesMsg(ValidationError, "parent company must be"):
            Company.create({"name": "某县民政局", "sgz_kind": "county", "parent_id": self.province.id})
        with self.assertRaisesMsg(ValidationError, "cannot be placed under"):
            Company.create({"name": "某机构", "sgz_kind": "provider", "parent_id": self.county_a.id})
        with self.assertRaisesMsg(ValidationError, "does not lie in"):
            Company.create(
                {
                    "name": "长沙县民政局（错）",
                    "sgz_kind": "county",
                    "parent_id": self.city.id,
                    "sgz_region_id": self.env.ref("sgz_base.region_430121").id,
                }
            )
        with self.assertRaisesMsg(ValidationError, "must be a"):
            Company.create(
                {
                    "name": "某市民政局",
                    "sgz_kind": "city",
                    "parent_id": self.province.id,
                    "sgz_region_id": self.region_county_a.id,
                }
            )
        with self.assertRaisesMsg(
            UserError, "company hierarchy cannot be changed|公司层级不可更改"
        ):  # Odoo forbids it
            self.county_a.parent_id = self.province

    def test_children_granted(self):
        self.assertEqual(self.city_officer.company_ids, self.city | self.county_a | self.county_b)
        county_c = self.env["res.company"].create(
            {
                "name": "醴陵市民政局",
                "parent_id": self.city.id,
                "sgz_kind": "county",
                "sgz_region_id": self.env.ref("sgz_base.region_430281").id,
            }
        )
        self.assertIn(county_c, self.city_officer.company_ids)
        self.assertNotIn(county_c, self.officer_a.company_ids)
        self.assertEqual(self.manager_x.company_ids, self.provider_x)

    def test_disclosure(self):
        Disclosure = self.env["sgz.provider.disclosure"]
        with self.assertRaisesMsg(ValidationError, "year"):
            Disclosure.create(
                {"name": "年报", "company_id": self.provider_x.id, "kind": "financial", "document": b"UEsD"}
            )
        with self.assertRaisesMsg(ValidationError, "not one"):
            Disclosure.create(
                {"name": "x", "company_id": self.county_a.id, "kind": "basic", "document": b"UEsD"}
            )
        disclosure = Disclosure.create(
            {
                "name": "年报",
                "company_id": self.provider_x.id,
                "kind": "financial",
                "year": 2025,
                "document": b"UEsD",
            }
        )
        self.assertEqual(self.provider_x.sgz_disclosure_count, 1)
        self.assertEqual(
            self.provider_x.action_sgz_open_disclosures()["domain"], [("company_id", "=", self.provider_x.id)]
        )
        self.assertTrue(disclosure)


@tagged("post_install", "-at_install")
class TestOneCurrency(TransactionCase):
    """Issue 20 §12: every organization keeps its books in yuan, the main company too, and no other currency is
    active, so no form offers a currency field reading "CNY"."""

    def test_yuan_only(self):
        cny = self.env.ref("base.CNY")
        main = self.env.ref("base.main_company")
        # the main company in yuan, unless Odoo's demo data gave it journal items in its own currency first
        self.assertEqual(self.env["res.currency"].search([]), cny | main.currency_id)
        sgz = self.env["res.company"].search([("sgz_kind", "!=", False)])
        self.assertTrue(sgz)
        self.assertEqual(sgz.currency_id, cny)
        # whatever the main company keeps, the users work in one currency: no currency field on their forms
        multi = self.env.ref("base.group_multi_currency")
        self.assertNotIn(multi, self.env.ref("base.group_user").implied_ids)
        users = self.env["res.users"].search(
            [("groups_id", "in", self.env.ref("sgz_base.sgz_base_group_county_finance").ids)]
        )
        self.assertFalse(users.filtered(lambda user: user.has_group("base.group_multi_currency")))
