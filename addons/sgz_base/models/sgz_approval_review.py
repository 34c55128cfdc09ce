from odoo import fields, models
from odoo.exceptions import UserError

REVIEW_STATES = [
    ("pending", "Pending"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]


class SgzApprovalReview(models.Model):
    _name = "sgz.approval.review"
    _inherit = ["sgz.document.link.mixin"]
    _description = "Approval Review"
    _order = "id desc"
    _rec_name = "document_name"

    document_name = fields.Char(string="Document", readonly=True)
    model_description = fields.Char(compute="_compute_model_description", string="Document Type")
    target_state = fields.Char(required=True, readonly=True)
    target_label = fields.Char(string="Approval For", readonly=True)
    tier_id = fields.Many2one("sgz.approval.tier", string="Tier", readonly=True, ondelete="set null")
    name = fields.Char(string="Tier Name", readonly=True)
    sequence = fields.Integer(readonly=True)
    group_id = fields.Many2one("res.groups", string="Reviewer Group", readonly=True)
    user_id = fields.Many2one("res.users", string="Reviewer", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", index=True, readonly=True)
    requested_by_id = fields.Many2one("res.users", string="Requested By", readonly=True)
    state = fields.Selection(REVIEW_STATES, default="pending", required=True, readonly=True, index=True)
    reviewed_by_id = fields.Many2one("res.users", string="Reviewed By", readonly=True)
    reviewed_date = fields.Datetime(string="Reviewed On", readonly=True)
    comment = fields.Text()
    can_review = fields.Boolean(
        compute="_compute_can_review", search="_search_can_review", string="Mine to Review"
    )

    def _compute_model_description(self):
        names = {
            m.model: m.name
            for m in self.env["ir.model"].sudo().search([("model", "in", self.mapped("res_model"))])
        }
        for review in self:
            review.model_description = names.get(review.res_model, review.res_model)

    def _compute_can_review(self):
        mine = self._sgz_reviewable_by(self.env.user)
        for review in self:
            review.can_review = review in mine

    def _search_can_review(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Mine to Review."))
        candidates = self.sudo().search([("state", "=", "pending")])
        ids = candidates._sgz_reviewable_by(self.env.user).ids
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    def _sgz_reviewable_by(self, user):
        """The pending reviews in ``self`` whose turn it is and that ``user`` may decide."""
        result = self.browse()
        for review in self.sudo().filtered(lambda r: r.state == "pending"):
            if review._sgz_refusal(user) is None:
                result |= review
        return self.browse(result.ids)

    def _sgz_siblings(self):
        """The reviews of the same approval request (same document, target, not superseded)."""
        self.ensure_one()
        return self.sudo().search(
            [
                ("res_model", "=", self.res_model),
                ("res_id", "=", self.res_id),
                ("target_state", "=", self.target_state),
                ("state", "!=", "cancelled"),
            ]
        )

    def _sgz_refusal(self, user):
        """None when ``user`` may decide this review now, else the sentence saying why not."""
        self.ensure_one()
        if self.state != "pending":
            return self.env._("This review has already been decided.")
        if self.user_id and self.user_id != user:
            return self.env._("This review is assigned to %(user)s.", user=self.user_id.name)
        if self.group_id and self.group_id not in user.groups_id:
            return self.env._(
                "Only members of %(group)s can decide this review.", group=self.group_id.full_name
            )
        if self.company_id and self.company_id not in user.company_ids:
            return self.env._("You do not work for %(company)s.", company=self.company_id.sudo().name)
        document = self.sudo()._sgz_document()
        if user == self.requested_by_id or user == document.create_uid:
            return self.env._(
                "You cannot approve your own document %(document)s: another reviewer must decide.",
                document=self.document_name,
            )
        earlier = self._sgz_siblings().filtered(
            lambda r: r.sequence < self.sequence and r.state != "approved"
        )
        if earlier:
            return self.env._("%(tier)s must decide first.", tier=", ".join(earlier.mapped("name")))
        return None

    def write(self, vals):
        if not self.env.su:
            if set(vals) - {"comment"}:
                raise UserError(self.env._("Reviews are decided with the Approve and Reject buttons only."))
            if any(review.state != "pending" for review in self):
                raise UserError(self.env._("This review has already been decided."))
        return super().write(vals)

    def _sgz_check_may_decide(self):
        for review in self:
            refusal = review._sgz_refusal(self.env.user)
            if refusal:
                raise UserError(refusal)

    def action_approve(self, comment=None):
        """Approve (in tier order); the last approval applies the document's target state."""
        self._sgz_check_may_decide()
        for review in self:
            review.sudo().write(
                {
                    "state": "approved",
                    "reviewed_by_id": self.env.user.id,
                    "reviewed_date": fields.Datetime.now(),
                    "comment": comment if comment is not None else review.comment,
                }
            )
            document = review._sgz_document()
            review._sgz_post(document, approved=True)
            if all(r.state == "approved" for r in review._sgz_siblings()) and hasattr(
                document, "_sgz_approval_apply"
            ):
                document._sgz_approval_apply(review.target_state)
        return True

    def action_reject(self, comment=None):
        """Reject with a reason: the request is cancelled and the document goes back to its rejection state."""
        self._sgz_check_may_decide()
        for review in self:
            reason = comment if comment is not None else review.comment
            if not (reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write in the comment why you reject %(document)s.", document=review.document_name
                    )
                )
            review.sudo().write(
                {
                    "state": "rejected",
                    "reviewed_by_id": self.env.user.id,
                    "reviewed_date": fields.Datetime.now(),
                    "comment": reason,
                }
            )
            document = review._sgz_document()
            review._sgz_post(document, approved=False)
            if hasattr(document, "_sgz_approval_rejected"):
                document._sgz_approval_rejected(review.target_state)
            else:
                review._sgz_siblings().filtered(lambda r: r.state == "pending").write({"state": "cancelled"})
        return True

    def _sgz_post(self, document, approved):
        """Post the decision and its comment in the document's chatter."""
        self.ensure_one()
        if approved:
            body = self.env._("%(tier)s approved “%(state)s”.", tier=self.name, state=self.target_label)
        else:
            body = self.env._("%(tier)s rejected “%(state)s”.", tier=self.name, state=self.target_label)
        if self.comment:
            body = f"{body} {self.comment}"
        if hasattr(document, "message_post"):
            document.sudo().message_post(body=body, author_id=self.env.user.partner_id.id)
