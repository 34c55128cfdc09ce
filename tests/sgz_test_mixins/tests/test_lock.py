from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MixinCase

# context keys a client could send, hoping one of them lifts a lock
CLIENT_KEYS = {
    "sgz_payslip_system": True,
    "sgz_approval_bypass": True,
    "sgz_unlocked": True,
    "sgz_action": True,
    "bypass_lock": True,
}


@tagged("post_install", "-at_install")
class TestLock(MixinCase):
    """sgz.lock.mixin: action fields, locked documents and their lines, evidence never deleted."""

    def _confirmed(self, **vals):
        document = self._document(user=self.officer_a, **vals)
        document.with_user(self.officer_a).action_confirm()  # no tier: confirmed at once
        self.assertEqual(document.state, "confirmed")
        return document

    def test_state_only_through_actions(self):
        document = self._document(user=self.officer_a)
        as_user = document.with_user(self.officer_a)
        for context in ({}, CLIENT_KEYS):
            with self.assertRaisesMsg(UserError, "buttons|按钮"):
                as_user.with_context(**context).write({"state": "confirmed"})
            with self.assertRaisesMsg(
                UserError, "change only through the buttons|只能通过办理相应环节的按钮"
            ):
                as_user.with_context(**context).write({"confirmed_by_id": self.approver_a.id})
            with self.assertRaisesMsg(
                UserError, "change only through the buttons|只能通过办理相应环节的按钮"
            ):
                as_user.with_context(**context).write({"total": 77777})  # a computed figure
        self.assertEqual(document.state, "draft")

    def test_create_only_in_the_first_state(self):
        Document = self.env["sgz.test.document"].with_user(self.officer_a).with_context(**CLIENT_KEYS)
        with self.assertRaisesMsg(UserError, "change only through the buttons|只能通过办理相应环节的按钮"):
            Document.create({"name": "伪造", "state": "confirmed"})
        with self.assertRaisesMsg(UserError, "change only through the buttons|只能通过办理相应环节的按钮"):
            Document.create({"name": "伪造", "total": 5})
        self.assertEqual(Document.create({"name": "正常", "state": "draft"}).state, "draft")

    def test_confirmed_document_is_locked(self):
        document = self._confirmed(amount=100)
        as_user = document.with_user(self.officer_a).with_context(**CLIENT_KEYS)
        with self.assertRaisesMsg(UserError, "locked|锁定"):
            as_user.write({"amount": 1})
        with self.assertRaisesMsg(UserError, "is locked|已锁定"):
            as_user.write({"line_ids": [(0, 0, {"amount": 5})]})
        as_user.write({"note": "可改备注"})
        self.assertEqual(document.amount, 100)
        # the administrator of the database is held by the lock too (only code running as superuser is not)
        admin = self.env.ref("base.user_admin")
        with self.assertRaisesMsg(UserError, "can no longer be changed|不能再修改"):
            document.with_user(admin).write({"amount": 2})

    def test_lines_follow_their_document(self):
        document = self._document(user=self.officer_a, line_ids=[(0, 0, {"amount": 10})])
        line = document.line_ids
        Line = self.env["sgz.test.document.line"].with_user(self.officer_a)
        line.with_user(self.officer_a).write({"amount": 20})  # draft: free
        document.with_user(self.officer_a).action_confirm()
        with self.assertRaisesMsg(UserError, "locked|锁定"):
            line.with_user(self.officer_a).write({"amount": 30})
        with self.assertRaisesMsg(UserError, "no line can be added|不能再添加明细行"):
            Line.create({"document_id": document.id, "amount": 1})
        with self.assertRaisesMsg(UserError, "lines cannot be deleted|其明细行不能删除"):
            line.with_user(self.officer_a).unlink()
        self.assertEqual(document.total, 20)

    def test_evidence_is_never_deleted(self):
        document = self._confirmed()
        with self.assertRaisesMsg(UserError, "cannot be deleted|不能删除"):
            document.with_user(self.officer_a).unlink()
        with self.assertRaisesMsg(UserError, "stays on record|存档备查"):
            document.with_user(self.env.ref("base.user_admin")).unlink()
        with self.assertRaisesMsg(UserError, "stays on record|存档备查"):
            document.sudo().unlink()
        draft = self._document(user=self.officer_a)
        draft.with_user(self.officer_a).unlink()
        self.assertFalse(draft.exists())

    def test_actions_check_rights(self):
        document = self._document()
        with self.assertRaisesMsg(AccessError, "您不能修改此Test Document：它属于其他单位"):
            document.with_user(self.officer_b).action_confirm()  # another county
        with self.assertRaisesMsg(AccessError, "您不能修改此Test Document：它属于其他单位"):
            document.with_user(self.manager_x).action_confirm()  # a provider
        self.assertEqual(document.state, "draft")

    def test_private_helpers_are_not_public(self):
        # what a client may call over RPC: public methods only; the helpers that lift locks are private
        for name in ("_sgz_unlocked", "_sgz_request_approval", "_sgz_file", "_sgz_deadline_set"):
            self.assertTrue(hasattr(self.Document, name) and name.startswith("_"))
        for name in ("sgz_request_approval", "sgz_file", "sgz_deadline_set", "sgz_deadline_done"):
            self.assertFalse(hasattr(self.Document, name))


@tagged("post_install", "-at_install")
class TestLockAround(MixinCase):
    """What surrounds a locked document: its copies of other fields, its company, its files, its chatter
    (issue review: each reproduced over RPC before the fix)."""

    def _confirmed(self, **vals):
        document = self._document(user=self.officer_a, **vals)
        document.with_user(self.officer_a).action_confirm()
        return document

    def test_derived_and_related_fields_are_not_written(self):
        document = self._document(user=self.officer_a, line_ids=[(0, 0, {"amount": 10})])
        line = document.line_ids.with_user(self.officer_a)
        with self.assertRaisesMsg(UserError, "change only through the buttons|只能通过办理相应环节的按钮"):
            line.write({"company_id": self.county_b.id})  # a stored related copy
        with self.assertRaisesMsg(UserError, "change only through the buttons|只能通过办理相应环节的按钮"):
            document.with_user(self.officer_a).write({"total": 1})

    def test_company_never_moves(self):
        document = self._document(user=self.city_officer)
        with self.assertRaisesMsg(UserError, "created|创建"):
            document.with_user(self.city_officer).write({"company_id": self.county_b.id})

    def test_files_of_a_locked_document(self):
        document = self._confirmed()
        Attachment = self.env["ir.attachment"].with_user(self.officer_a)
        base = {"name": "x.pdf", "res_model": "sgz.test.document", "res_id": document.id, "datas": "UEsD"}
        with self.assertRaisesMsg(UserError, "locked|锁定"):
            Attachment.create(dict(base, res_field="file"))  # the file of a locked field
        plain = Attachment.create(base)  # a file may be added to the record
        with self.assertRaisesMsg(UserError, "files can be added to|其附件只能新增"):
            plain.write({"datas": "UEsE"})
        with self.assertRaisesMsg(UserError, "files can be added to|其附件只能新增"):
            plain.unlink()
        draft = self._document(user=self.officer_a)
        draft.with_user(self.officer_a).write({"file": "UEsD", "file_name": "a.pdf"})

    def test_chatter_is_part_of_the_record(self):
        document = self._confirmed()
        message = document.message_post(body="已审核")
        with self.assertRaisesMsg(UserError, "part of its record|档案"):
            message.with_user(self.officer_a).unlink()
        with self.assertRaisesMsg(UserError, "part of its record|是其档案的一部分"):
            message.with_user(self.officer_a).write({"body": "伪造"})
        with self.assertRaisesMsg(UserError, "yourself|本人|自己"):
            document.with_user(self.officer_a).message_post(
                body="局长已批准", author_id=self.approver_a.partner_id.id
            )
        document.with_user(self.officer_a).message_post(body="经办人备注")


@tagged("post_install", "-at_install")
class TestContextIsClientInput(MixinCase):
    """Issue 15 §1: a context key a client sends changes nothing a document decides."""

    def test_default_keys_are_values_sent(self):
        Document = self.Document.with_user(self.officer_a)
        for key, value in (("default_state", "confirmed"), ("default_confirmed_by_id", self.approver_a.id)):
            with self.assertRaisesMsg(UserError, "只能通过|only through"):
                Document.with_context({key: value, "lang": "zh_CN"}).create({"name": "绕过审批"})
        # the field's own default stays harmless
        document = Document.with_context(default_state="draft").create({"name": "草稿"})
        self.assertEqual(document.state, "draft")

    def test_the_trace_is_not_the_clients_to_switch_off(self):
        document = self._document(user=self.officer_a, amount=10)
        self.env.flush_all()
        self.env.cr.precommit.run()  # the creation's own tracking, as the end of its transaction would
        before = len(document.message_ids)
        document.with_user(self.officer_a).with_context(tracking_disable=True, mail_notrack=True).write(
            {"amount": 20}
        )
        self.env.flush_all()
        self.env.cr.precommit.run()  # where Odoo writes the tracking
        document.invalidate_recordset(["message_ids"])
        self.assertGreater(len(document.message_ids), before)
        self.assertIn(20.0, document.message_ids.tracking_value_ids.mapped("new_value_float"))
        # only those keys are dropped: the rest of the context (the user's language) stays
        confirmed = self._document(user=self.officer_a, amount=100).with_user(self.officer_a)
        confirmed.action_confirm()  # no tier: confirmed at once
        with self.assertRaisesMsg(UserError, "已锁定|锁定"):
            confirmed.with_context(lang="zh_CN", tracking_disable=True).write({"amount": 1})
