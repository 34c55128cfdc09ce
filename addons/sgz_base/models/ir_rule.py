from odoo import api, models
from odoo.exceptions import AccessError


def sgz_model(env, model_name):
    """The models whose records sgz's roles and rules govern: ``sgz.*`` and the core models sgz extends."""
    Model = env.get(model_name)
    return Model is not None and (model_name.startswith("sgz.") or Model._sgz_input_checked)


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _compute_domain(self, model_name, mode="read"):
        """Reading an sgz record follows every organization the user may work in, whatever companies are ticked in
        the company switcher: a city officer opens what its counties filed with it without ticking the county.
        Writing still follows the active companies (the organization a new record is made for). The flag is
        always set here, whatever the client sends."""
        reads_all = mode == "read" and sgz_model(self.env, model_name)
        return super(IrRule, self.with_context(sgz_rules_read_all=reads_all))._compute_domain(
            model_name, mode
        )

    def _compute_domain_keys(self):
        return [*super()._compute_domain_keys(), "sgz_rules_read_all"]

    def _eval_context(self):
        context = super()._eval_context()
        if self.env.context.get("sgz_rules_read_all"):
            context["company_ids"] = self.env.user.company_ids.ids
        return context

    def _make_access_error(self, operation, records):
        """No technical model name, no id, no company to switch to: a sentence a clerk understands, on every
        model (a bill, a partner, a company as much as an sgz document). The administrator keeps Odoo's detailed
        message, which names the rules."""
        if self.env.su or self.env.user._is_system():
            return super()._make_access_error(operation, records)
        self = self.with_context(self.env.user.context_get())
        return AccessError(
            self.env._(
                "You cannot %(operation)s this %(document)s: it belongs to another organization, or it is not "
                "part of your role.",
                operation=self._sgz_operation_label(operation),
                document=self.env["ir.model"]._get(records._name).name,
            )
        )

    @api.model
    def _sgz_operation_label(self, operation):
        return {
            "read": self.env._("open"),
            "write": self.env._("change"),
            "create": self.env._("create"),
            "unlink": self.env._("delete"),
        }.get(operation, operation)
