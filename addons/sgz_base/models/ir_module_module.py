from odoo import api, models
from odoo.tools import SQL


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _update_translations(self, filter_lang=None, overwrite=False):
        result = super()._update_translations(filter_lang=filter_lang, overwrite=overwrite)
        self._sgz_copy_inherited_translations()
        return result

    @api.model
    def _sgz_copy_inherited_translations(self):
        """Translate on the sgz models the labels and choices of the fields they inherit from mixins.

        A mixin (Odoo's activities and messages, sgz's approval and filing) puts its fields on the models that
        inherit it. Odoo translates a field label or a selection value per model, from the .po file of the
        mixin's addon, which only lists the models that existed when that file was exported: on the sgz models
        the "Overdue" of the activities or the label of an approval field stayed English. The translation of
        the same field (same name, same English text) on any other model is copied where an sgz model lacks
        it; existing translations are kept.
        """
        cr = self.env.cr
        langs = [code for code, _name in self.env["res.lang"].get_installed() if code != "en_US"]
        for lang in langs:
            cr.execute(
                SQL(
                    """
                    UPDATE ir_model_fields f
                       SET field_description = src.label || f.field_description
                      FROM (SELECT DISTINCT ON (name, field_description->>'en_US')
                                   name, field_description->>'en_US' AS en, field_description AS label
                              FROM ir_model_fields
                             WHERE field_description ? %(lang)s) src
                     WHERE f.model LIKE %(models)s AND NOT f.field_description ? %(lang)s
                       AND f.name = src.name AND f.field_description->>'en_US' = src.en
                    """,
                    lang=lang,
                    models="sgz.%",
                )
            )
            cr.execute(
                SQL(
                    """
                    UPDATE ir_model_fields_selection s
                       SET name = src.label || s.name
                      FROM ir_model_fields f,
                           (SELECT DISTINCT ON (f2.name, s2.value, s2.name->>'en_US')
                                   f2.name AS field, s2.value, s2.name->>'en_US' AS en, s2.name AS label
                              FROM ir_model_fields_selection s2
                              JOIN ir_model_fields f2 ON f2.id = s2.field_id
                             WHERE s2.name ? %(lang)s) src
                     WHERE s.field_id = f.id AND f.model LIKE %(models)s AND NOT s.name ? %(lang)s
                       AND f.name = src.field AND s.value = src.value AND s.name->>'en_US' = src.en
                    """,
                    lang=lang,
                    models="sgz.%",
                )
            )
        self.env["ir.model.fields"].invalidate_model()
        self.env["ir.model.fields.selection"].invalidate_model()
        self.env.registry.clear_cache()

    @api.model
    def _sgz_load_terms(self, module_names):
        """Load the translations of ``module_names`` now, for every installed language (existing translations
        kept). Demo data calls it first: Odoo loads a module's translations only after its demo data, so records
        created by the demo would otherwise log their creation with untranslated model and state names."""
        langs = [code for code, _name in self.env["res.lang"].get_installed() if code != "en_US"]
        if langs:
            self._load_module_terms(module_names, langs, overwrite=False)
            self._sgz_copy_inherited_translations()
            # the translations were written in SQL: forget what this transaction has read (model names…)
            self.env.invalidate_all()
