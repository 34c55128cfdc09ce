from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SgzCase


@tagged("post_install", "-at_install")
class TestAccessErrors(SgzCase):
    """Issue 20 §1: a refusal never shows a technical model name or an id to a user, on Odoo's models as on ours;
    the administrator keeps Odoo's detailed message."""

    def test_a_missing_right_reads_as_a_sentence(self):
        with self.assertRaises(AccessError) as refused:
            self.env["ir.config_parameter"].with_user(self.officer_a).search([])
        message = str(refused.exception)
        self.assertIn("您的角色不能", message)
        for technical in ("ir.config_parameter", "id=", "哦豁"):
            self.assertNotIn(technical, message)

    def test_another_organizations_record_reads_as_a_sentence(self):
        partner = self.env["res.partner"].create({"name": "茶陵县某供应商", "company_id": self.county_b.id})
        with self.assertRaises(AccessError) as refused:
            partner.with_user(self.officer_a).with_context(lang="zh_CN").read(["name"])
        message = str(refused.exception)
        self.assertIn("属于其他单位", message)
        for technical in ("res.partner", f"id={partner.id}", "哦豁", "切换"):
            self.assertNotIn(technical, message)

    def test_the_administrator_keeps_the_detail(self):
        admin = self.env.ref("base.user_admin")
        partner = self.env["res.partner"].create({"name": "茶陵县某供应商", "company_id": self.county_b.id})
        self.assertIn(
            "res.partner", str(self.env["ir.rule"].with_user(admin)._make_access_error("read", partner))
        )
        self.assertIn(
            "ir.config_parameter",
            str(
                self.env["ir.model.access"]
                .with_user(admin)
                ._make_access_error("ir.config_parameter", "write")
            ),
        )
        # the same refusals, for a role
        self.assertNotIn(
            "res.partner",
            str(self.env["ir.rule"].with_user(self.officer_a)._make_access_error("read", partner)),
        )
