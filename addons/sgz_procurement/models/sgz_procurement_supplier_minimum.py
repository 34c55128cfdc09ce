from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .sgz_procurement_plan import PURCHASE_METHODS

# The cases in which the law lets a purchase method go on with fewer compliant suppliers than its general rule.
SUPPLIER_CONDITIONS = [
    ("general", "General Rule"),
    ("purchased_service", "Government-Purchased Service"),
    ("after_failed_open", "After a Failed Open Tender, Approved by Finance"),
]


class SgzProcurementSupplierMinimum(models.Model):
    """The least number of compliant suppliers (符合要求的供应商) with which the procurement of a lot goes on,
    for a purchase method and a case, valid for a period. With fewer, the lot fails (废标) or its procurement
    is terminated (终止). When several rules of a method apply to a tender, the lowest minimum counts (the
    special cases exist to allow fewer)."""

    _name = "sgz.procurement.supplier.minimum"
    _description = "Minimum Compliant Suppliers"
    _order = "method, condition, date_from desc"

    method = fields.Selection(PURCHASE_METHODS, string="Purchase Method", required=True)
    condition = fields.Selection(SUPPLIER_CONDITIONS, string="Applies To", required=True, default="general")
    minimum = fields.Integer(string="Minimum Compliant Suppliers", required=True)
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid Until")
    note = fields.Char(string="Legal Basis")

    @api.depends("method", "condition", "minimum")
    def _compute_display_name(self):
        methods = dict(self._fields["method"]._description_selection(self.env))
        conditions = dict(self._fields["condition"]._description_selection(self.env))
        for rule in self:
            rule.display_name = self.env._(
                "%(method)s (%(condition)s): %(minimum)s suppliers",
                method=methods.get(rule.method, ""),
                condition=conditions.get(rule.condition, ""),
                minimum=rule.minimum,
            )

    @api.constrains("minimum", "date_from", "date_to")
    def _check_values(self):
        for rule in self:
            if rule.minimum < 1:
                raise ValidationError(self.env._("A minimum number of suppliers is at least 1."))
            if rule.date_to and rule.date_to < rule.date_from:
                raise ValidationError(self.env._("A rule cannot end before it starts."))

    @api.model
    def _sgz_rule_for(self, method, conditions, day):
        """The rule in force on ``day`` for ``method`` among ``conditions`` with the lowest minimum (empty when
        the method has none)."""
        rules = self.sudo().search(
            [
                ("method", "=", method),
                ("condition", "in", list(conditions)),
                ("date_from", "<=", day),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", day),
            ]
        )
        return rules.sorted(lambda rule: (rule.minimum, rule.id))[:1]
