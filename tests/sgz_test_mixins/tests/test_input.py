from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MixinCase


@tagged("post_install", "-at_install")
class TestInput(MixinCase):
    """What a script sends over RPC gets a sentence, not a Python error."""

    def setUp(self):
        super().setUp()
        self.document = (
            self._document(user=self.officer_a).with_user(self.officer_a).with_context(lang="zh_CN")
        )

    def test_not_a_number(self):
        with self.assertRaisesMsg(ValidationError, "abc"):
            self.document.write({"amount": "abc"})
        with self.assertRaisesMsg(ValidationError, "abc"):
            self.Document.with_user(self.officer_a).create({"name": "x", "amount": "abc"})
        self.document.write({"amount": "12.5"})
        self.assertEqual(self.document.amount, 12.5)

    def test_impossible_date(self):
        with self.assertRaisesMsg(ValidationError, "2026-02-30"):
            self.document.write({"day": "2026-02-30"})
        self.document.write({"day": "2026-02-28"})

    def test_unknown_choice(self):
        with self.assertRaisesMsg(ValidationError, "zzz"):
            self.document.write({"kind": "zzz"})
        self.document.write({"kind": "a"})

    def test_company_error_names_no_foreign_record(self):
        partner = self.env["res.partner"].create({"name": "茶陵县保密伙伴", "company_id": self.county_b.id})
        with self.assertRaises(UserError) as caught:
            self.document.sudo(False).with_user(self.officer_a).write({"partner_id": partner.id})
        self.assertNotIn("茶陵县保密伙伴", str(caught.exception))

    def test_record_cannot_be_moved_into_another_organization(self):
        """Odoo checks the record rules before a write only: a line re-linked to county B's document would
        belong to county B. After the write the line must still be county A's to write."""
        line = (
            self.env["sgz.test.document.line"]
            .with_user(self.officer_a)
            .create({"document_id": self.document.id, "amount": 5})
        )
        other = self._document(company=self.county_b)
        with self.assertRaisesMsg(AccessError, "其他单位|another organization"):
            line.write({"document_id": other.id})
        self.assertEqual(line.sudo().document_id, self.document)
        self.assertFalse(other.sudo().line_ids)
        # moving within the organization stays possible
        second = self._document(user=self.officer_a)
        line.write({"document_id": second.id})
        self.assertEqual(line.document_id, second)
