"""Multi-level approval of documents (the shape of OCA ``base_tier_validation``).

A model opts in by inheriting ``sgz.approval.mixin`` (next to ``mail.thread``) and setting class attributes::

    class SgzTender(models.Model):
        _name = "sgz.tender"
        _inherit = ["mail.thread", "sgz.approval.mixin"]
        _sgz_approval_state_field = "state"              # the state selection (default "state")
        _sgz_approval_states = {"published": "draft",    # target state needing approval → state a
                                "awarded": "draft"}      # rejection sends the document back to

Tiers are data (``sgz.approval.tier``: model, target state, sequence, group or user, optional domain).
Writing a guarded target state is refused until every tier matching the document has approved it.
The document calls ``self.sgz_request_approval("published")`` (or the generic button
``action_sgz_request_approval`` with ``context={"sgz_approval_target": "published"}``); one review per
matching tier is created, reviewers approve or reject in tier order (``sgz.approval.review``: the
"To Approve" menu), every decision with its comment is posted in the document's chatter. When the last
tier approves, ``_sgz_approval_apply(target)`` runs — by default it writes the target state; override it to
run the real transition method. A rejection supersedes the document's reviews and writes the rejection state.
Nobody approves a document they created or whose approval they requested. Without matching tier, no
approval is needed.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from .sgz_document_link import document_links

REVIEW_STATES = [
    ("pending", "Pending"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
]


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
    active = fields.Boolean(default=True)

    @api.constrains("group_id", "user_id", "model_id", "target_state")
    def _check_reviewer(self):
        for tier in self:
            if not tier.group_id and not tier.user_id:
                raise ValidationError(
                    self.env._("Approval tier %(name)s needs a reviewer group or a reviewer.", name=tier.name)
                )

    def _matches(self, record):
        self.ensure_one()
        if self.company_id and "company_id" in record._fields and record.company_id != self.company_id:
            return False
        domain = safe_eval(self.domain or "[]")
        return not domain or bool(record.filtered_domain(domain))


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


class SgzApprovalMixin(models.AbstractModel):
    _name = "sgz.approval.mixin"
    _description = "Approval Mixin"

    #: name of the state selection field
    _sgz_approval_state_field = "state"
    #: {target state needing approval: state a rejection sends the document back to}
    _sgz_approval_states = {}

    sgz_review_ids = document_links("sgz.approval.review", "Reviews")
    sgz_approval_target = fields.Char(
        compute="_compute_sgz_approval",
        string="Waiting Approval For",
        help="Technical value of the state whose approval is pending.",
    )
    sgz_approval_status = fields.Selection(
        [("none", "No approval pending"), ("pending", "Waiting for approval"), ("rejected", "Rejected")],
        compute="_compute_sgz_approval",
        string="Approval Status",
    )
    sgz_can_review = fields.Boolean(compute="_compute_sgz_approval", string="Can Review")

    @api.depends("sgz_review_ids.state")
    def _compute_sgz_approval(self):
        for record in self:
            reviews = record.sudo().sgz_review_ids
            pending = reviews.filtered(lambda r: r.state == "pending")
            record.sgz_approval_target = pending[:1].target_state or False
            if pending:
                record.sgz_approval_status = "pending"
            elif "rejected" in reviews.mapped("state"):
                record.sgz_approval_status = "rejected"
            else:
                record.sgz_approval_status = "none"
            record.sgz_can_review = bool(pending._sgz_reviewable_by(self.env.user))

    # ---- configuration helpers -------------------------------------------------------------------------------

    def _sgz_approval_tiers(self, target):
        self.ensure_one()
        tiers = (
            self.env["sgz.approval.tier"]
            .sudo()
            .search([("model", "=", self._name), ("target_state", "=", target)], order="sequence, id")
        )
        return tiers.filtered(lambda t: t._matches(self))

    def _sgz_state_label(self, state):
        field = self._fields[self._sgz_approval_state_field]
        return dict(field._description_selection(self.env)).get(state, state)

    def _sgz_current_reviews(self, target):
        self.ensure_one()
        return self.sudo().sgz_review_ids.filtered(
            lambda r: r.target_state == target and r.state != "cancelled"
        )

    def sgz_is_approved(self, target):
        """True when ``target`` needs no approval or every tier of the current request approved it."""
        self.ensure_one()
        if target not in self._sgz_approval_states:
            return True
        reviews = self._sgz_current_reviews(target)
        if not reviews:
            return not self._sgz_approval_tiers(target)
        return all(r.state == "approved" for r in reviews)

    # ---- blocking ----------------------------------------------------------------------------------------------

    def write(self, vals):
        state_field = self._sgz_approval_state_field
        target = vals.get(state_field)
        bypass = self.env.su and self.env.context.get("sgz_approval_bypass")
        if target in self._sgz_approval_states and not bypass:
            for record in self:
                if record[state_field] != target and not record.sgz_is_approved(target):
                    raise UserError(
                        self.env._(
                            "%(document)s needs approval before it can become “%(state)s”: request approval and "
                            "wait until every reviewer has approved.",
                            document=record.display_name,
                            state=record._sgz_state_label(target),
                        )
                    )
        return super().write(vals)

    # ---- requesting ------------------------------------------------------------------------------------------------

    def sgz_request_approval(self, target):
        """Create the reviews of ``target`` for every matching tier; returns them (empty: none needed)."""
        Review = self.env["sgz.approval.review"].sudo()
        created = Review.browse()
        label = self._sgz_state_label(target) if self else target
        for record in self:
            if target not in record._sgz_approval_states:
                raise UserError(self.env._("“%(state)s” needs no approval.", state=label))
            current = record._sgz_current_reviews(target)
            if current.filtered(lambda r: r.state == "pending"):
                raise UserError(
                    self.env._("Approval of %(document)s is already requested.", document=record.display_name)
                )
            current.write({"state": "cancelled"})
            tiers = record._sgz_approval_tiers(target)
            company = record.company_id if "company_id" in record._fields else self.env["res.company"]
            vals_list = [
                {
                    "res_model": record._name,
                    "res_id": record.id,
                    "document_name": record.display_name,
                    "target_state": target,
                    "target_label": label,
                    "tier_id": tier.id,
                    "name": tier.name,
                    "sequence": tier.sequence,
                    "group_id": tier.group_id.id,
                    "user_id": tier.user_id.id,
                    "company_id": company.id,
                    "requested_by_id": self.env.user.id,
                }
                for tier in tiers
            ]
            reviews = Review.create(vals_list)
            created |= reviews
            if reviews:
                record.message_post(
                    body=self.env._(
                        "Approval requested for “%(state)s”: %(tiers)s.",
                        state=label,
                        tiers=", ".join(tiers.mapped("name")),
                    )
                )
        return created

    def action_sgz_request_approval(self):
        """Button: request approval of the target given in context ``sgz_approval_target``."""
        target = self.env.context.get("sgz_approval_target")
        if not target:
            raise UserError(self.env._("No target state was given for the approval request."))
        self.sgz_request_approval(target)
        return True

    def _sgz_my_reviews(self):
        reviews = self.sudo().sgz_review_ids.filtered(lambda r: r.state == "pending")
        mine = reviews._sgz_reviewable_by(self.env.user)
        if not mine:
            if reviews:
                raise UserError(reviews.sorted("sequence")[0]._sgz_refusal(self.env.user))
            raise UserError(self.env._("Nothing is waiting for your approval here."))
        return self.env["sgz.approval.review"].browse(mine.ids)

    def action_sgz_approve(self):
        """Button on the document: approve the review that is the current user's turn."""
        for record in self:
            record._sgz_my_reviews().action_approve()
        return True

    def action_sgz_open_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_base.sgz_approval_review_action_all")
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {}
        return action

    # ---- outcome hooks -----------------------------------------------------------------------------------------

    def _sgz_approval_apply(self, target):
        """All tiers approved ``target``: by default write it. Override to run the real transition."""
        self.sudo().write({self._sgz_approval_state_field: target})

    def _sgz_approval_rejected(self, target):
        """A reviewer rejected ``target``: cancel the pending reviews and go back to the rejection state."""
        self.ensure_one()
        reviews = self.sudo().sgz_review_ids.filtered(lambda r: r.state in ("pending", "approved"))
        reviews.write({"state": "cancelled"})
        back = self._sgz_approval_states.get(target)
        if back:
            self.sudo().with_context(sgz_approval_bypass=True).write({self._sgz_approval_state_field: back})
