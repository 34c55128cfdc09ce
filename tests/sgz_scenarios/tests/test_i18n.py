import os
import re

import polib
from lxml import etree

from odoo.tests import BaseCase, TransactionCase, tagged
from odoo.tools import html2plaintext
from odoo.tools.misc import file_path

from .test_architecture import sgz_addons

CJK = re.compile(r"[\u4e00-\u9fff]")
# an English word a Chinese reader would trip over (codes, amounts and abbreviations aside)
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
ALLOWED_WORDS = {"PDF", "xlsx", "USCC", "IIT", "OdooBot", "Odoo"}
# models of other apps that sgz extends with fields of its own
EXTENDED_MODELS = ("res.company", "res.users", "hr.employee", "hr.contract", "purchase.order", "account.move")


URL = re.compile(r"\S*(?:://|/odoo/|\?)\S*")


def english_words(text):
    text = URL.sub(" ", text or "")
    return [w for w in ENGLISH_WORD.findall(text) if w not in ALLOWED_WORDS]


@tagged("post_install", "-at_install", "sgz_i18n")
class TestChineseFirst(BaseCase):
    """Every term of the .pot has a zh_CN translation, and the .po has nothing stale."""

    def test_every_term_translated(self):
        for module in sgz_addons():
            pot_path = file_path(f"{module}/i18n/{module}.pot")
            po_path = file_path(f"{module}/i18n/zh_CN.po")
            with self.subTest(module=module):
                self.assertTrue(os.path.exists(pot_path) and os.path.exists(po_path))
                pot = {(e.msgctxt, e.msgid) for e in polib.pofile(pot_path)}
                po = polib.pofile(po_path)
                untranslated = [e.msgid for e in po if not e.msgstr and not e.obsolete]
                self.assertFalse(untranslated, f"{module}: untranslated terms")
                missing = pot - {(e.msgctxt, e.msgid) for e in po}
                self.assertFalse(missing, f"{module}: terms of the .pot missing from zh_CN.po")
                fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
                self.assertFalse(fuzzy, f"{module}: fuzzy translations")


@tagged("post_install", "-at_install", "sgz_i18n")
class TestChineseOnScreen(TransactionCase):
    """What a Chinese user reads, as the server gives it: selection values and field labels on every sgz model
    (mixin fields included), record names, and the chatter of the demo records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zh = cls.env(context={"lang": "zh_CN"})

    def _sgz_fields(self):
        for model_name in sorted(self.env.registry):
            Model = self.zh[model_name]
            if Model._abstract or Model._transient:
                continue
            own_model = model_name.startswith("sgz.") and not model_name.startswith("sgz.test.")
            if not (own_model or model_name in EXTENDED_MODELS):
                continue
            for name, field in Model._fields.items():
                if own_model or (field._module or "").startswith("sgz_"):
                    yield Model, name, field

    def test_selection_values_in_chinese(self):
        english = []
        for Model, name, field in self._sgz_fields():
            if field.type != "selection":
                continue
            for value, label in field._description_selection(self.zh):
                if not CJK.search(str(label)):
                    english.append(f"{Model._name}.{name} = {value}: {label}")
        self.assertFalse(english, "selection values without Chinese:\n" + "\n".join(english))

    def test_field_labels_in_chinese(self):
        english = []
        for Model, name, field in self._sgz_fields():
            label = field._description_string(self.zh)
            if name in ("id", "display_name") or not field.string:
                continue
            if not CJK.search(label) and english_words(label):
                english.append(f"{Model._name}.{name}: {label}")
        self.assertFalse(english, "field labels without Chinese:\n" + "\n".join(english))

    def test_demo_names_and_chatter_in_chinese(self):
        """Names computed in Python and the chatter of the demo records (created in Chinese)."""
        english = []
        models = [m for m in self.env.registry if m.startswith("sgz.") and not m.startswith("sgz.test.")]
        for model_name in models:
            Model = self.zh[model_name]
            if Model._abstract or Model._transient:
                continue
            for record in Model.with_context(active_test=False).search([], limit=200):
                words = english_words(record.display_name)
                if words:
                    english.append(f"{model_name}({record.id}).display_name: {record.display_name}")
        domain = [("model", "in", models)]
        for model, records in self._sgz_records_of_other_apps().items():
            domain = ["|", *domain, "&", ("model", "=", model), ("res_id", "in", records.ids)]
        messages = self.zh["mail.message"].search(domain)
        for message in messages:
            text = html2plaintext(message.body or "") + " " + (message.subject or "")
            for tracking in message.sudo().tracking_value_ids:
                text += f" {tracking.old_value_char or ''} {tracking.new_value_char or ''}"
            words = english_words(text)
            if words:
                english.append(f"{message.model}({message.res_id}) message: {text.strip()[:120]}")
        self.assertFalse(english, "English left for a Chinese reader:\n" + "\n".join(english[:60]))

    def _sgz_records_of_other_apps(self):
        """The records of Odoo's apps that belong to the program (not Odoo's own demo data)."""
        env = self.env
        records = {
            "hr.employee": env["hr.employee"].search([("company_id.sgz_kind", "=", "provider")])
            if "hr.employee" in env
            else None,
            "hr.contract": env["hr.contract"].search([("company_id.sgz_kind", "=", "provider")])
            if "hr.contract" in env
            else None,
            "purchase.order": env["purchase.order"].search([("sgz_agreement_year_id", "!=", False)]),
            "account.move": env["account.move"].search(
                [("invoice_line_ids.sgz_fund_source_id", "!=", False)]
            ),
        }
        return {model: found for model, found in records.items() if found}


@tagged("post_install", "-at_install", "sgz_i18n")
class TestYearsWithoutSeparator(TransactionCase):
    """Issue 9, point 2: a year reads "2026", never "2,026". Odoo 18 formats every integer with a thousands
    separator unless the view sets ``options="{'enable_formatting': false}"`` (the older ``'format'`` key is
    ignored by the 18.0 web client): every year-valued integer field in an sgz list, form or kanban view must
    set it."""

    YEAR_FIELD = re.compile(r"(^|_)year$|^name$")

    def test_year_fields_unformatted(self):
        missing = []
        views = self.env["ir.ui.view"].search(
            [("type", "in", ("list", "form", "kanban")), ("model", "=like", "sgz.%")]
        )
        for view in views:
            Model = self.env[view.model]
            arch = etree.fromstring(Model.get_view(view.id, view.type)["arch"])
            for node in arch.iter("field"):
                name = node.get("name")
                field = Model._fields.get(name)
                # fields of one2many sub-views belong to the comodel
                parent = node.getparent()
                while parent is not None and parent.tag != "field":
                    parent = parent.getparent()
                if parent is not None:
                    comodel = Model._fields.get(parent.get("name"))
                    field = comodel and self.env[comodel.comodel_name]._fields.get(name)
                if not field or field.type != "integer" or not self.YEAR_FIELD.search(name):
                    continue
                if "'enable_formatting': false" not in (node.get("options") or "").replace('"', "'").lower():
                    missing.append(f"{view.xml_id or view.name}: {name}")
        self.assertFalse(missing, "year fields shown with a thousands separator:\n" + "\n".join(missing))
