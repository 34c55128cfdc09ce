from odoo import api, fields, models
from odoo.exceptions import UserError

from .sgz_lock_mixin import sgz_action

REVIEW_STATES = [
    ("pending", "Pending"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]


class SgzApprovalReview(models.Model):
    """One tier's decision on one approval request of a document (see ``sgz.approval.mixin``)."""

    _name = "sgz.approval.review"
    _inherit = ["sgz.document.link.mixin", "sgz.lock.mixin"]
    _description = "Approval Review"
    _order = "id desc"
    _rec_name = "document_name"

    # a decided review is evidence: it never changes again and is never deleted
    _sgz_locked_states = ("approved", "rejected", "cancelled")
    _sgz_lock_writable = ()
    _sgz_unlink_states = ()
    _sgz_create_by_action = True

    document_name = fields.Char(string="Document", readonly=True)
    document_owner_id = fields.Many2one(
        "res.users", string="Document Created By", readonly=True, help="Who cannot approve the document."
    )
    target_state = fields.Char(required=True, readonly=True)
    target_label = fields.Char(string="Approval For", compute="_compute_target_label")
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
    used_date = fields.Datetime(
        string="Used On",
        readonly=True,
        help="When the document made the approved transition: an approval is used once; going back and "
        "doing it again needs a new request.",
    )
    comment = fields.Text()
    can_review = fields.Boolean(
        compute="_compute_can_review", search="_search_can_review", string="Mine to Review"
    )

    @api.depends("res_model", "target_state")
    @api.depends_context("lang")
    def _compute_target_label(self):
        for review in self:
            Document = self.env.get(review.res_model)
            review.target_label = (
                Document._sgz_approval_step_label(review.target_state)
                if Document is not None
                else review.target_state
            )

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

    # ---- whose turn ------------------------------------------------------------------------------------------

    def _sgz_open_siblings(self):
        """``{(res_model, res_id, target_state): reviews}`` of the requests of ``self`` (not cancelled), in one
        query whatever the number of reviews."""
        keys = {(r.res_model, r.res_id, r.target_state) for r in self}
        if not keys:
            return {}
        siblings = self.sudo().search(
            [
                ("res_model", "in", list({key[0] for key in keys})),
                ("res_id", "in", list({key[1] for key in keys})),
                ("state", "!=", "cancelled"),
            ]
        )
        ids = {}
        for review in siblings:
            key = (review.res_model, review.res_id, review.target_state)
            if key in keys:
                ids.setdefault(key, []).append(review.id)
        return {key: self.sudo().browse(review_ids) for key, review_ids in ids.items()}

    def _sgz_refusals(self, user):
        """``{review id: sentence}`` for each review of ``self`` that ``user`` may not decide now (absent:
        the user may). A constant number of queries, whatever the number of reviews."""
        reviews = self.sudo()
        reviews.fetch(["state", "user_id", "group_id", "company_id", "requested_by_id", "document_owner_id"])
        user_groups = set(user.sudo().groups_id.ids)
        user_companies = set(user.sudo().company_ids.ids)
        siblings = reviews._sgz_open_siblings()
        # the document's own say on who may not decide it (e.g. a worker's own pay), one call per model
        documents = {}
        for review in reviews.filtered(lambda r: r.state == "pending"):
            documents.setdefault(review.res_model, set()).add(review.res_id)
        own = {
            model: self.env[model].browse(ids).exists()._sgz_approval_refusals(user)
            for model, ids in documents.items()
            if model in self.env and hasattr(self.env[model], "_sgz_approval_refusals")
        }
        refusals = {}
        for review in reviews:
            refusals[review.id] = review._sgz_refusal_of(
                user, user_groups, user_companies, siblings
            ) or own.get(review.res_model, {}).get(review.res_id)
        return {key: value for key, value in refusals.items() if value}

    def _sgz_refusal_of(self, user, user_groups, user_companies, siblings):
        if self.state != "pending":
            return self.env._("This review has already been decided.")
        if self.user_id and self.user_id != user:
            return self.env._("This review is assigned to %(user)s.", user=self.user_id.name)
        if self.group_id and self.group_id.id not in user_groups:
            return self.env._(
                "Only members of %(group)s can decide this review.", group=self.group_id.full_name
            )
        if self.company_id and self.company_id.id not in user_companies:
            return self.env._("You do not work for %(company)s.", company=self.company_id.name)
        if user in (self.requested_by_id | self.document_owner_id):
            return self.env._(
                "You cannot approve your own document %(document)s: another reviewer must decide.",
                document=self.document_name,
            )
        key = (self.res_model, self.res_id, self.target_state)
        earlier = siblings.get(key, self.browse()).filtered(
            lambda r: r.sequence < self.sequence and r.state != "approved"
        )
        if earlier:
            return self.env._("%(tier)s must decide first.", tier=", ".join(earlier.mapped("name")))
        return None

    def _sgz_reviewable_by(self, user):
        """The pending reviews in ``self`` whose turn it is and that ``user`` may decide."""
        pending = self.sudo().filtered(lambda r: r.state == "pending")
        refused = pending._sgz_refusals(user)
        return self.browse([review.id for review in pending if review.id not in refused])

    def _sgz_refusal(self, user):
        """None when ``user`` may decide this review now, else the sentence saying why not."""
        self.ensure_one()
        return self._sgz_refusals(user).get(self.id)

    # ---- deciding ------------------------------------------------------------------------------------------

    def write(self, vals):
        if not self._sgz_lock_lifted():
            if set(vals) - {"comment"}:
                raise UserError(self.env._("Reviews are decided with the Approve and Reject buttons only."))
            refusals = self._sgz_refusals(self.env.user)
            if refusals:
                raise UserError(
                    self.env._("Only the reviewer whose turn it is writes the comment of a review.")
                )
        return super().write(vals)

    def _sgz_decide(self, state, comment):
        """Lock the reviews and their documents against a simultaneous decision, check the user may decide,
        then record the decision. Returns the documents, locked too."""
        self._sgz_lock_rows()
        refusals = self._sgz_refusals(self.env.user)
        if refusals:
            raise UserError(next(iter(refusals.values())))
        for review in self:
            document = review.sudo()._sgz_document()
            document._sgz_lock_rows()
            # the document must still be where the request left it (a state moved by another way voids it)
            document._sgz_approval_check_source(review.target_state)
        for review in self.sudo():
            review.write(
                {
                    "state": state,
                    "reviewed_by_id": self.env.user.id,
                    "reviewed_date": fields.Datetime.now(),
                    "comment": comment if comment is not None else review.comment,
                }
            )

    @sgz_action(access="read")
    def action_approve(self, comment=None):
        """Approve (in tier order); the last approval applies the document's target state."""
        self._sgz_decide("approved", comment)
        for review in self:
            document = review.sudo()._sgz_document()
            review._sgz_post(document, approved=True)
            if all(r.state == "approved" for r in review._sgz_open_siblings().get(review._sgz_key(), review)):
                # every tier approved: the transition runs with the rights the approvals stand for
                document.with_user(self.env.user).sudo()._sgz_approval_apply(review.target_state)
        return True

    @sgz_action(access="read")
    def action_reject(self, comment=None):
        """Reject with a reason: the request is cancelled and the document goes back to its rejection state."""
        for review in self:
            if not ((comment if comment is not None else review.comment) or "").strip():
                raise UserError(
                    self.env._(
                        "Write in the comment why you reject %(document)s.", document=review.document_name
                    )
                )
        self._sgz_decide("rejected", comment)
        for review in self:
            document = review.sudo()._sgz_document()
            review._sgz_post(document, approved=False)
            document.with_user(self.env.user).sudo()._sgz_approval_rejected(review.target_state)
        return True

    def _sgz_key(self):
        self.ensure_one()
        return (self.res_model, self.res_id, self.target_state)

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
