from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

LIMIT_KINDS = [
    ("amount", "Document Amount"),
    ("wage", "Monthly Wage"),
    ("hours", "Hours"),
    ("count", "Head Count"),
]


class SgzInputLimit(models.Model):
    """The ceiling a figure of a kind stays under (a document amount under ¥10 billion, a monthly wage under
    ¥1 million): values beyond it are typing or script errors, refused with a sentence naming the field. Data with
    validity dates, read by the input check of every sgz model (``sgz_limit="wage"`` on a field)."""

    _name = "sgz.input.limit"
    _inherit = ["sgz.cached.data.mixin"]
    _description = "Input Limit"
    _order = "kind, date_from desc"

    kind = fields.Selection(LIMIT_KINDS, required=True)
    ceiling = fields.Float(
        required=True, sgz_limit="none", help="Values of this kind must stay strictly under it."
    )
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid To")
    note = fields.Char()

    @api.depends("kind", "date_from")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for limit in self:
            limit.display_name = self.env._(
                "%(kind)s from %(date)s", kind=kinds.get(limit.kind, ""), date=limit.date_from or ""
            )

    @api.constrains("ceiling", "date_from", "date_to")
    def _sgz_check_limit(self):
        for limit in self:
            if limit.ceiling <= 0:
                raise ValidationError(self.env._("An input limit must be above zero."))
            if limit.date_to and limit.date_to < limit.date_from:
                raise ValidationError(self.env._("An input limit cannot end before it starts."))

    @api.model
    def _sgz_ceiling(self, kind):
        """The ceiling of ``kind`` in force today (None: no limit)."""
        return self._sgz_ceiling_on(kind, fields.Date.context_today(self))

    @api.model
    @tools.ormcache("kind", "day")
    def _sgz_ceiling_on(self, kind, day):
        limit = self.sudo().search(
            [
                ("kind", "=", kind),
                ("date_from", "<=", day),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", day),
            ],
            order="date_from desc",
            limit=1,
        )
        return limit.ceiling or None
