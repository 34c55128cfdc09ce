from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval


class SgzApprovalTier(models.Model):
    _name = "sgz.approval.tier"
    _description = "Approval Tier"
    _order = "model, target_state, sequence, id"

    name = fields.Char(required=True, translate=True)
    model_id = fields.Many2one(
        "ir.model",
        string="Document Model",
        required=True,
        ondelete="cascade",
        domain=[("transient", "=", False)],
    )
    model = fields.Char(related="model_id.model", store=True, index=True, string="Model Name")
    target_state = fields.Char(
        required=True,
        help="Technical value of the state that needs this approval, e.g. 'published'.",
    )
    sequence = fields.Integer(default=10, help="Tiers approve in this order.")
    group_id = fields.Many2one("res.groups", string="Reviewer Group", ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Reviewer", ondelete="cascade")
    domain = fields.Char(
        string="Applies To",
        default="[]",
        help="Domain on the document: the tier only applies to documents matching it.",
    )
    company_id = fields.Many2one("res.company", string="Company", help="Leave empty for every company.")
    reviewer_level = fields.Selection(
        [("document", "The Document's Organization"), ("parent", "The Organization Above It")],
        string="Decided At",
        default="document",
        required=True,
        help="Where the reviewers work: the document's own organization (a county bureau), or the one above it "
        "(its city), e.g. the city's finance department approving a purchase method other than open tender "
        "(政府采购法第二十七条). Only users of that organization decide the review, whatever groups others hold.",
    )
    active = fields.Boolean(default=True)

    @api.constrains("group_id", "user_id", "model_id", "target_state")
    def _check_reviewer(self):
        for tier in self:
            if not tier.group_id and not tier.user_id:
                raise ValidationError(
                    self.env._("Approval tier %(name)s needs a reviewer group or a reviewer.", name=tier.name)
                )

    @api.constrains("model_id", "target_state", "domain")
    def _check_target(self):
        for tier in self:
            Document = self.env.get(tier.model_id.model)
            guarded = getattr(Document, "_sgz_approval_states", None) if Document is not None else None
            if guarded is None or tier.target_state not in guarded:
                raise ValidationError(
                    self.env._(
                        "%(model)s has no approval for the state “%(state)s”.",
                        model=tier.model_id.name,
                        state=tier.target_state,
                    )
                )
            try:
                domain = safe_eval(tier.domain or "[]")
                Document.sudo().search(domain, limit=1)
            except Exception:
                raise ValidationError(
                    self.env._("The domain of approval tier %(name)s is not valid.", name=tier.name)
                ) from None

    def _matches(self, record):
        return bool(self._matching(record))

    def _matching(self, records):
        """The records of ``records`` this tier applies to (its company, its domain), for a whole batch."""
        self.ensure_one()
        if self.company_id and "company_id" in records._fields:
            records = records.filtered(lambda record: record.company_id == self.company_id)
        domain = safe_eval(self.domain or "[]")
        return records.filtered_domain(domain) if domain else records
