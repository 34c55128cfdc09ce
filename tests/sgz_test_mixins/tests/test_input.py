from odoo import fields
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

    def test_unknown_field(self):
        """A field the model does not have: a sentence naming it, on a draft and on a locked document alike
        (the lock's check once stumbled on the name with a KeyError)."""
        with self.assertRaisesMsg(UserError, "没有字段 sgz_no_such_field"):
            self.document.write({"sgz_no_such_field": 1})
        with self.assertRaisesMsg(UserError, "没有字段 sgz_no_such_field"):
            self.Document.with_user(self.officer_a).with_context(lang="zh_CN").create(
                {"name": "x", "sgz_no_such_field": 1}
            )
        self.document.action_confirm()
        with self.assertRaisesMsg(UserError, "没有字段 sgz_no_such_field"):
            self.document.write({"sgz_no_such_field": 1, "amount": 3})

    def test_unknown_field_on_every_sgz_model(self):
        """The same sentence from every sgz model, whatever its own create and write do first (the mechanism
        attacked through each model that uses it): a refusal in words, never a technical error nor the value
        accepted. The administrator asks; where an access right, a record rule or a check of the model's own
        answers first (who may not write at all hears that first), the model is counted as not reached, and
        enough models must be reached for the test to say something."""
        admin = self.env.ref("base.user_admin")
        wrong, reached = [], set()
        for name, Model in sorted(self.env.registry.items()):
            if not name.startswith("sgz.") or Model._abstract or not Model._auto:
                continue
            as_admin = self.env[name].with_user(admin).with_context(lang="zh_CN")
            record = self.env[name].search([], limit=1).with_env(as_admin.env)
            calls = [("create", lambda m=as_admin: m.create({"sgz_no_such_field": 1}))]
            if record:
                calls.append(("write", lambda r=record: r.write({"sgz_no_such_field": 1})))
            for method, call in calls:
                try:
                    with self.env.cr.savepoint():
                        call()
                except AccessError:
                    continue
                except UserError as error:
                    # a sentence of the model's own may come first (a bid's price, an approval only by its
                    # buttons): a refusal in words either way, never a technical error
                    if "没有字段 sgz_no_such_field" in str(error):
                        reached.add(name)
                    continue
                except Exception as error:
                    wrong.append(f"{name}.{method}: {type(error).__name__}: {error}")
                    continue
                wrong.append(f"{name}.{method}: accepted")
        self.maxDiff = None
        self.assertEqual(wrong, [])
        self.assertGreater(len(reached), 40, sorted(reached))

    def test_company_error_names_no_foreign_record(self):
        partner = self.env["res.partner"].create({"name": "茶陵县保密伙伴", "company_id": self.county_b.id})
        with self.assertRaises(UserError) as caught:
            self.document.sudo(False).with_user(self.officer_a).write({"partner_id": partner.id})
        self.assertRegex(
            str(caught.exception), "belong to the organization of the record|须属于本记录所在的机构"
        )
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


@tagged("post_install", "-at_install")
class TestInputBounds(MixinCase):
    """Issue 15 §4: values no real document has are refused with a sentence naming the field, nothing stored."""

    def setUp(self):
        super().setUp()
        self.document = (
            self._document(user=self.officer_a).with_user(self.officer_a).with_context(lang="zh_CN")
        )

    def _refused(self, vals, pattern):
        with self.assertRaisesMsg(ValidationError, pattern):
            self.document.write(vals)
        with self.assertRaisesMsg(ValidationError, pattern):
            self.Document.with_user(self.officer_a).create({"name": "x", **vals})

    def test_amounts_within_the_ceiling_of_their_kind(self):
        # a document amount under ¥10 billion (data: sgz.input.limit), a monthly wage under ¥1 million
        self._refused({"amount": 1e20}, "Amount|金额")
        self._refused({"amount": 10_000_000_000}, "100亿|10,000,000,000")
        self._refused({"wage": 1_000_000}, "1,000,000")
        self.document.write({"amount": 9_999_999_999.99, "wage": 999_999.99})
        # the ceiling is data: an administrator raises it without an upgrade
        self.env.ref("sgz_base.sgz_input_limit_wage").ceiling = 2_000_000
        self.document.write({"wage": 1_500_000})
        self.assertEqual(self.document.wage, 1_500_000)

    def test_integers_within_the_column(self):
        self._refused({"count": 2**40}, "Count|远超")
        self._refused({"count": 1e20}, "Count|远超")
        self.document.write({"count": 2**31 - 1})

    def test_dates_plausible_and_not_in_the_future(self):
        self._refused({"day": "2999-01-01"}, "2999")
        self._refused({"day": "1066-10-14"}, "1066")
        tomorrow = fields.Date.add(fields.Date.context_today(self.document), days=1)
        self._refused({"happened_on": tomorrow}, "将来|future")
        self.document.write({"happened_on": fields.Date.context_today(self.document), "day": "2099-12-31"})

    def test_text_without_control_characters(self):
        for bad in ("张\u202e三", "李四\x07", "王五\x1b[31m", "赵\u200b六", "钱\x00七", "孙\ufeff八"):
            self._refused({"name": bad}, "控制字符|control character")
        self._refused({"description": "第一行\x00"}, "控制字符|control character")
        self.document.write({"description": "第一行\n第二行\t缩进"})  # a Text keeps its lines

    def test_text_within_its_length(self):
        self._refused({"name": "长" * 200_000}, "200000|200,000")
        self._refused({"description": "长" * 20_001}, "20001|20,001")
        self.document.write({"name": "长" * 500, "description": "长" * 20_000})

    def test_choice_and_link_of_the_wrong_type(self):
        self._refused({"kind": 5}, "Kind|5")
        self._refused({"partner_id": 2**40}, "Partner|伙伴|不是")
        self._refused({"partner_id": "1"}, "Partner|伙伴|不是")


@tagged("post_install", "-at_install")
class TestMaskedFields(MixinCase):
    """Issue 15 §2: a masked or sealed field is counted, never aggregated, grouped by, listed or exported in full."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bank = cls.env["res.partner"].create({"name": "6217002920101234567"})
        cls.documents = cls.Document.browse()
        for number in ("430121199503121022", "43012119950312103X"):
            cls.documents |= cls._document(id_number=number, bank_partner_id=cls.bank.id)

    def test_every_aggregate_but_count_is_refused(self):
        Document = self.Document.with_user(self.officer_a)
        for spec in (
            "id_number:array_agg",
            "id_number:max",
            "id_number:min",
            "id_number:count_distinct",
            "bank_partner_id:array_agg",
            "bank_partner_id:recordset",
        ):
            with self.assertRaisesMsg(AccessError, "个人|sealed|personal"):
                Document.read_group([], [spec], ["company_id"])
            with self.assertRaisesMsg(AccessError, "个人|sealed|personal"):
                Document._read_group([], ["company_id"], [spec])
            with self.assertRaisesMsg(AccessError, "个人|sealed|personal"):
                Document.web_read_group([], [spec], ["company_id"])
        groups = Document.read_group([], ["id_number:count"], ["company_id"])
        self.assertEqual(groups[0]["id_number"], 2)
        self.assertEqual(Document.search_count([]), 2)

    def test_never_grouped_by(self):
        Document = self.Document.with_user(self.officer_a)
        for groupby in ("id_number", "bank_partner_id"):
            with self.assertRaisesMsg(AccessError, "个人|sealed|personal"):
                Document.read_group([], ["amount:sum"], [groupby])
            with self.assertRaisesMsg(AccessError, "个人|sealed|personal"):
                Document.web_read_group([], ["amount:sum"], [groupby])

    def test_masked_in_bulk_reads_and_exports(self):
        Document = self.Document.with_user(self.officer_a)
        rows = Document.search_read([], ["id_number", "bank_partner_id"])
        self.assertEqual(
            sorted(row["id_number"] for row in rows), ["430***********1022", "430***********103X"]
        )
        self.assertEqual({row["bank_partner_id"][1] for row in rows}, {"621************4567"})
        rows = self.documents.with_user(self.officer_a).read(["id_number"])
        self.assertNotIn("430121199503121022", str(rows))
        listed = Document.web_search_read([("id", "=", self.documents[0].id)], {"id_number": {}})
        self.assertEqual(listed["records"][0]["id_number"], "430***********1022")
        # the administrator exports (a role without the export right never gets that far)
        exported = self.documents.with_user(self.admin).export_data(["id_number", "bank_partner_id/name"])
        self.assertNotIn("430121199503121022", str(exported))
        self.assertNotIn("6217002920101234567", str(exported))
        # one record's own form reads it in full
        self.assertEqual(
            self.documents[0].with_user(self.officer_a).read(["id_number"])[0]["id_number"],
            "430121199503121022",
        )

    def test_the_superuser_aggregates(self):
        groups = self.Document.sudo().read_group([], ["id_number:max"], ["company_id"])
        self.assertEqual(groups[0]["id_number"], "43012119950312103X")
