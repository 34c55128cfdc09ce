from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MixinCase


@tagged("post_install", "-at_install")
class TestFiling(MixinCase):
    """sgz.filing through a test document of county A, filed with its city."""

    def _file(self, document=None):
        document = document or self._document(user=self.officer_a)
        filing = document.with_user(self.officer_a)._sgz_file()
        self.assertEqual(filing.target_company_id, self.city)
        return filing.sudo(False).with_user(self.env.user)

    def test_file_button(self):
        document = self._document(user=self.officer_a)
        document.with_user(self.officer_a).action_sgz_file()
        self.assertEqual(document.sgz_filing_state, "submitted")
        with self.assertRaisesMsg(UserError, "already filed|已备案"):
            document.with_user(self.officer_a).action_sgz_file()
        with self.assertRaisesMsg(AccessError, "您不能修改此Test Document：它属于其他单位"):
            self._document(user=self.officer_b, company=self.county_b).with_user(
                self.officer_a
            ).action_sgz_file()

    def test_city_officer_acknowledges(self):
        document = self._document(user=self.officer_a)
        filing = self._file(document)
        filing.with_user(self.city_officer).action_acknowledge()
        self.assertEqual(filing.state, "acknowledged")
        self.assertEqual(filing.acknowledged_by_id, self.city_officer)
        self.assertEqual(document.sgz_filing_state, "acknowledged")
        self.assertIn("株洲市民政局", " ".join(document.message_ids.mapped("body")))

    def test_filer_cannot_acknowledge(self):
        filing = self._file()
        with self.assertRaisesMsg(UserError, "株洲市民政局"):
            filing.with_user(self.officer_a).action_acknowledge()
        self.assertEqual(filing.state, "submitted")

    def test_return_needs_a_reason(self):
        filing = self._file()
        with self.assertRaisesMsg(UserError, "reason|原因"):
            filing.with_user(self.city_officer).action_return()
        filing.with_user(self.city_officer).action_return("缺少盖章页")
        self.assertEqual(filing.state, "returned")
        self.assertEqual(filing.return_reason, "缺少盖章页")
        with self.assertRaisesMsg(UserError, "Only a submitted filing|只有已报送的备案"):
            filing.with_user(self.city_officer).action_acknowledge()

    def test_filing_is_evidence(self):
        filing = self._file()
        for user in (self.officer_a, self.city_officer):
            with self.assertRaisesMsg(
                UserError, "change only through the buttons|只能通过办理相应环节的按钮"
            ):
                filing.with_user(user).write({"state": "acknowledged"})
            with self.assertRaisesMsg(
                UserError, "change only through the buttons|只能通过办理相应环节的按钮"
            ):
                filing.with_user(user).with_context(sgz_approval_bypass=True).write(
                    {"due_date": "2099-01-01"}
                )
        filing.with_user(self.officer_a).write({"document": b"UEsD", "document_name": "协议.pdf"})
        filing.with_user(self.city_officer).action_acknowledge()
        # after the decision, the filed document cannot be replaced, and a filing is never deleted
        with self.assertRaisesMsg(UserError, "locked|锁定"):
            filing.with_user(self.officer_a).write({"document": b"UEsE"})
        filing.with_user(self.officer_a).write({"note": "已归档"})
        with self.assertRaisesMsg(AccessError, "您的角色不能删除备案"):
            filing.with_user(self.officer_a).unlink()
        # the administrator holds no delete right on filings either (Odoo's detailed message is the admin's)
        with self.assertRaisesMsg(UserError, r"stays on record|存档备查|不允许删除.*sgz\.filing"):
            filing.with_user(self.env.ref("base.user_admin")).unlink()
        with self.assertRaisesMsg(UserError, "stays on record|存档备查"):
            filing.sudo().unlink()

    def test_late_flag(self):
        filing = self._file()
        filing.sudo().write({"due_date": "2000-01-01"})
        self.assertTrue(filing.late)

    def test_visibility(self):
        filing = self._file()
        Filing = self.env["sgz.filing"]
        self.assertEqual(Filing.with_user(self.officer_a).search([("id", "=", filing.id)]), filing)
        self.assertEqual(Filing.with_user(self.city_officer).search([("id", "=", filing.id)]), filing)
        self.assertFalse(Filing.with_user(self.officer_b).search([("id", "=", filing.id)]))
        self.assertFalse(Filing.with_user(self.manager_x).search([("id", "=", filing.id)]))
        with self.assertRaisesMsg(AccessError, "您不能打开此备案：它属于其他单位"):
            filing.with_user(self.officer_b).read(["name"])
        with self.assertRaisesMsg(AccessError, "您的角色不能新建备案"):
            Filing.with_user(self.officer_a).create(
                {
                    "name": "x",
                    "res_model": "sgz.test.document",
                    "res_id": 1,
                    "company_id": self.county_a.id,
                    "target_company_id": self.city.id,
                    "submit_date": "2025-10-20",
                }
            )

    def test_each_side_writes_its_own(self):
        """The receiver does not replace the filed document; the filer does not write the return reason."""
        filing = self._file()
        with self.assertRaisesMsg(UserError, "Only the filing organization|只有报备单位"):
            filing.with_user(self.city_officer).write({"document": b"UEsD"})
        with self.assertRaisesMsg(UserError, "Only the filing organization|只有报备单位"):
            self.env["ir.attachment"].with_user(self.city_officer).create(
                {
                    "name": "x",
                    "res_model": "sgz.filing",
                    "res_id": filing.id,
                    "res_field": "document",
                    "datas": "UEsD",
                }
            )
        with self.assertRaisesMsg(UserError, "Only the receiving organization|只有接收单位"):
            filing.with_user(self.officer_a).write({"return_reason": "自己退回"})
        filing.with_user(self.officer_a).write({"document": b"UEsD", "document_name": "计划.pdf"})
        filing.with_user(self.city_officer).write({"return_reason": "缺少盖章页"})


@tagged("post_install", "-at_install")
class TestFiledWithMe(MixinCase):
    """Issue 20 §1: a bureau opens what its counties filed with it whatever companies are ticked in the company
    switcher, sees in its 待确认 list what is filed with it (not with the counties below it), reads the filed
    document's summary on the filing, and an access error names no technical model nor id."""

    def test_city_opens_the_filed_document_with_only_its_own_company_active(self):
        document = self._document(user=self.officer_a, amount=88)
        filing = document.with_user(self.officer_a)._sgz_file()
        city_only = self.env(user=self.city_officer, context={"allowed_company_ids": self.city.ids})
        self.assertEqual(city_only["sgz.filing"].search([("id", "=", filing.id)]), filing)
        opened = city_only["sgz.test.document"].browse(document.id)
        self.assertEqual(opened.read(["name"])[0]["name"], "测试文书")
        self.assertIn("88.00", city_only["sgz.filing"].browse(filing.id).document_summary)
        # reading widens, writing does not: changing the county's document needs the county's company active
        with self.assertRaisesMsg(AccessError, "您不能修改此Test Document：它属于其他单位"):
            opened.write({"note": "市局批注"})

    def test_a_client_flag_does_not_widen_anything(self):
        document = self._document(user=self.officer_b, company=self.county_b)
        officer = self.env(user=self.officer_a, context={"sgz_rules_read_all": True})
        self.assertFalse(officer["sgz.test.document"].search([("id", "=", document.id)]))

    def test_to_acknowledge_lists_what_is_filed_with_me(self):
        county_filing = self._document(user=self.officer_a)._sgz_file()
        provider_doc = self._document(company=self.county_a)
        Filing = self.env["sgz.filing"]
        # a brief filed with the county (the county's filing from an organization below it)
        with Filing._sgz_unlocked():
            brief = Filing.create(
                {
                    "name": "月度简报",
                    "res_model": "sgz.test.document",
                    "res_id": provider_doc.id,
                    "company_id": self.provider_x.id,
                    "target_company_id": self.county_a.id,
                    "submit_date": "2026-11-05",
                }
            )
        city_list = Filing.with_user(self.city_officer).search([("filed_with_me", "=", True)])
        self.assertIn(county_filing, city_list)
        self.assertNotIn(brief, city_list)
        county_list = Filing.with_user(self.officer_a).search([("filed_with_me", "=", True)])
        self.assertIn(brief, county_list)
        self.assertNotIn(county_filing, county_list)

    def test_access_error_names_no_model_nor_id(self):
        document = self._document(user=self.officer_b, company=self.county_b)
        with self.assertRaises(AccessError) as caught:
            document.with_user(self.manager_x).with_context(lang="zh_CN").read(["name"])
        message = str(caught.exception)
        self.assertRegex(message, "您不能打开此Test Document：它属于其他单位")
        self.assertNotIn("sgz.test.document", message)
        self.assertNotIn(str(document.id), message.replace("2026", ""))
        self.assertNotIn("切换", message)
