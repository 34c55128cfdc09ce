"""Multi-level approval of documents (the shape of OCA ``base_tier_validation``).

A model opts in by inheriting ``sgz.approval.mixin`` (next to ``mail.thread``) and setting class attributes::

    class SgzExampleDocument(models.Model):
        _name = "sgz.example.document"
        _inherit = ["mail.thread", "sgz.approval.mixin"]
        _sgz_approval_state_field = "state"              # the state selection (default "state")
        _sgz_approval_states = {"published": "draft",    # target state needing approval → state a
                                "awarded": "draft"}      # rejection sends the document back to

Tiers are data (``sgz.approval.tier``: model, target state, sequence, group or user, optional domain).
Writing a guarded target state is refused until every tier matching the document has approved it.
``_sgz_approval_states`` maps each target to the state it comes from: a request, every approval and a rejection
check, under the document's row lock, that the document is still in that state. The target is never a client
parameter: each document's button calls its own action, which names the target and calls
``self._sgz_request_approval("published")``; the document's own conditions for asking live in
``_sgz_approval_check_request(target)``, which every request runs. One review per matching tier is created,
reviewers approve or reject in tier order (``sgz.approval.review``: the "To Approve" menu), every decision with
its comment is posted in the document's chatter. When the last tier approves, ``_sgz_approval_apply(target)``
runs — by default it writes the target state; override it to run the real transition method. A rejection
cancels the request; the document stays where it was (it never moves back past what happened since, such as
bids received or ledger rows posted). A document that leaves the source state by any other way (cancelled, say)
voids its pending request.

The mixin is a lock (``sgz.lock.mixin``): while a request is pending, the document is locked, so what the
reviewers approve is what they saw. Nobody approves a document they created or whose approval they
requested. Without a matching tier, no approval is needed.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from . import form_injection as form
from .sgz_document_link_mixin import document_links
from .sgz_lock_mixin import sgz_action


class SgzApprovalMixin(models.AbstractModel):
    _name = "sgz.approval.mixin"
    _inherit = ["sgz.lock.mixin"]
    _description = "Approval Mixin"

    #: name of the state selection field
    _sgz_approval_state_field = "state"
    #: {target state needing approval: the state the document is in while it waits for that approval}
    _sgz_approval_states = {}

    sgz_review_ids = document_links("sgz.approval.review", "Reviews")
    sgz_approval_target = fields.Char(
        compute="_compute_sgz_approval",
        string="Waiting Approval For",
        help="Technical value of the state whose approval is pending.",
    )
    sgz_approval_status = fields.Selection(
        selection="_sgz_approval_status_selection", compute="_compute_sgz_approval", string="Approval Status"
    )
    sgz_can_review = fields.Boolean(compute="_compute_sgz_approval", string="Can Review")
    sgz_approval_step = fields.Char(compute="_compute_sgz_approval", string="Approval Step")

    @api.model
    def _sgz_approval_status_selection(self):
        # labels in the reader's language on every concrete model (a mixin's static selection is only
        # translated on the models that existed when the mixin's module loaded its translations)
        return [
            ("none", self.env._("No approval pending")),
            ("pending", self.env._("Waiting for approval")),
            ("rejected", self.env._("Rejected")),
        ]

    @api.depends("sgz_review_ids.state")
    def _compute_sgz_approval(self):
        reviews = self.sudo().sgz_review_ids
        mine = reviews.filtered(lambda r: r.state == "pending")._sgz_reviewable_by(self.env.user)
        for record in self:
            own = reviews.filtered(lambda r, rec=record: r.res_id == rec.id)
            pending = own.filtered(lambda r: r.state == "pending")
            record.sgz_approval_target = pending[:1].target_state or False
            record.sgz_approval_step = (
                record._sgz_approval_step_label(record.sgz_approval_target) if pending else False
            )
            if pending:
                record.sgz_approval_status = "pending"
            elif "rejected" in own.mapped("state"):
                record.sgz_approval_status = "rejected"
            else:
                record.sgz_approval_status = "none"
            record.sgz_can_review = bool(pending & mine.sudo())

    # ---- lock while pending ------------------------------------------------------------------------------------

    def _sgz_locked_records(self):
        locked = super()._sgz_locked_records()
        pending = self.sudo().sgz_review_ids.filtered(lambda r: r.state == "pending")
        return locked | self.filtered(lambda r: r.id in pending.mapped("res_id"))

    def _sgz_lock_label(self):
        if self.sudo().sgz_review_ids.filtered(lambda r: r.state == "pending"):
            return self.env._("waiting for approval")
        return super()._sgz_lock_label()

    # ---- configuration helpers -------------------------------------------------------------------------------

    def _sgz_approval_tiers(self, target):
        self.ensure_one()
        tiers = (
            self.env["sgz.approval.tier"]
            .sudo()
            .search([("model", "=", self._name), ("target_state", "=", target)], order="sequence, id")
        )
        return tiers.filtered(lambda t: t._matches(self))

    @api.model
    def _sgz_state_label(self, state):
        field = self._fields[self._sgz_approval_state_field]
        return dict(field._description_selection(self.env)).get(state, state)

    def _sgz_current_reviews(self, target):
        self.ensure_one()
        return self.sudo().sgz_review_ids.filtered(
            lambda r: r.target_state == target and r.state != "cancelled" and not r.used_date
        )

    def _sgz_is_approved(self, target):
        """True when ``target`` needs no approval or every tier of the current request approved it."""
        self.ensure_one()
        return not self._sgz_unapproved(target)

    def _sgz_unapproved(self, target):
        """The records of ``self`` that ``target`` needs approving for and that lack it: a tier applies and nothing
        was requested, or the current request is not approved by every tier. One search of the tiers and one read
        of the reviews for the whole batch (a payroll run confirms thousands of payslips)."""
        if target not in self._sgz_approval_states or not self:
            return self.browse()
        current = {}
        for review in self.sudo().sgz_review_ids:
            if review.target_state == target and review.state != "cancelled" and not review.used_date:
                current.setdefault(review.res_id, []).append(review.state)
        unapproved = {record_id for record_id, states in current.items() if set(states) != {"approved"}}
        unrequested = self.sudo().filtered(lambda record: record.id not in current)
        if unrequested:
            tiers = (
                self.env["sgz.approval.tier"]
                .sudo()
                .search([("model", "=", self._name), ("target_state", "=", target)], order="sequence, id")
            )
            for tier in tiers:
                unapproved.update(tier._matching(unrequested).ids)
        return self.filtered(lambda record: record.id in unapproved)

    # ---- blocking ----------------------------------------------------------------------------------------------

    def write(self, vals):
        state_field = self._sgz_approval_state_field
        target = vals.get(state_field)
        moving = self.browse()
        if target in self._sgz_approval_states:
            moving = self.filtered(lambda record: record[state_field] != target)
            unapproved = moving._sgz_unapproved(target) if not self.env.su else moving.browse()
            if unapproved:
                raise UserError(
                    self.env._(
                        "%(document)s needs approval before it can become “%(state)s”: request approval "
                        "and wait until every reviewer has approved.",
                        document=unapproved[0].display_name,
                        state=unapproved[0]._sgz_state_label(target),
                    )
                )
        leaving = self.browse()
        if state_field in vals:
            leaving = self.filtered(lambda record: record[state_field] != vals[state_field])
        result = super().write(vals)
        if leaving:
            leaving._sgz_void_requests()
        if moving:
            # the approval is used by this transition: doing it again (after going back) needs a new request
            approved = moving.sudo().sgz_review_ids.filtered(
                lambda r: r.target_state == target and r.state == "approved" and not r.used_date
            )
            Review = self.env["sgz.approval.review"]
            with Review._sgz_unlocked():
                approved.sudo().write({"used_date": fields.Datetime.now()})
        return result

    def _sgz_check_unlink(self):
        result = super()._sgz_check_unlink()
        if self.sudo().sgz_review_ids.filtered(lambda r: r.state == "pending"):
            raise UserError(
                self.env._(
                    "A document waiting for approval cannot be deleted: withdraw or decide the request first."
                )
            )
        return result

    # ---- requesting ------------------------------------------------------------------------------------------------

    def _sgz_request_approval(self, target):
        """Create the reviews of ``target`` for every matching tier; returns them (empty: none needed).
        Called by the document's own action (which names ``target``) after the user's rights were checked."""
        Review = self.env["sgz.approval.review"].sudo()
        created = Review.browse()
        label = self._sgz_state_label(target)
        if target not in self._sgz_approval_states:
            raise UserError(self.env._("“%(state)s” needs no approval.", state=label))
        self._sgz_lock_rows()
        self._sgz_approval_check_source(target)
        self._sgz_approval_check_request(target)
        for record in self:
            current = record._sgz_current_reviews(target)
            if current.filtered(lambda r: r.state == "pending"):
                raise UserError(
                    self.env._("Approval of %(document)s is already requested.", document=record.display_name)
                )
            with Review._sgz_unlocked():
                current.write({"state": "cancelled"})
            tiers = record._sgz_approval_tiers(target)
            company = record.company_id if "company_id" in record._fields else self.env["res.company"]
            above = company.parent_id or company
            vals_list = [
                {
                    "res_model": record._name,
                    "res_id": record.id,
                    "document_name": record.display_name,
                    "document_owner_id": record.sudo().create_uid.id,
                    "target_state": target,
                    "tier_id": tier.id,
                    "name": tier.name,
                    "sequence": tier.sequence,
                    "group_id": tier.group_id.id,
                    "user_id": tier.user_id.id,
                    "company_id": (above if tier.reviewer_level == "parent" else company).id,
                    "requested_by_id": self.env.user.id,
                }
                for tier in tiers
            ]
            with Review._sgz_unlocked():
                reviews = Review.create(vals_list)
            created |= reviews
            if reviews:
                record.sudo().message_post(
                    body=self.env._(
                        "Approval requested for “%(state)s”: %(tiers)s.",
                        state=record._sgz_approval_step_label(target),
                        tiers=", ".join(tiers.mapped("name")),
                    ),
                    author_id=self.env.user.partner_id.id,
                )
        return created

    def _sgz_approval_check_source(self, target):
        """Refuse unless every record is in the state ``target`` is approved from (the caller holds the row
        locks): an approval never applies to a document that has moved on, nor twice."""
        source = self._sgz_approval_states.get(target)
        state_field = self._sgz_approval_state_field
        for record in self:
            if record.sudo()[state_field] != source:
                raise UserError(
                    self.env._(
                        "%(document)s is “%(current)s”: approval for “%(step)s” applies only while it is "
                        "“%(from_state)s”.",
                        document=record.sudo().display_name,
                        current=record._sgz_state_label(record.sudo()[state_field]),
                        step=record._sgz_approval_step_label(target),
                        from_state=record._sgz_state_label(source),
                    )
                )

    def _sgz_approval_check_request(self, target):
        """The document's own conditions for asking approval of ``target`` (raise a UserError); every request
        runs them, whichever way it comes in. Override, calling super."""
        return True

    def _sgz_approval_step_label(self, target):
        """The approval step as an action the reviewer takes (“publish the tender”), for the reviews and the
        chatter. Override ``_sgz_approval_steps`` to name them; the target state's label otherwise."""
        steps = self._sgz_approval_steps()
        return steps.get(target) or self._sgz_state_label(target)

    def _sgz_approval_steps(self):
        """``{target: what approving it does, as an action}`` (translated), e.g. ``{"published": _("Publish the
        tender")}``."""
        return {}

    def _sgz_void_requests(self):
        """The documents left the state their pending requests come from: those requests are void."""
        pending = self.sudo().sgz_review_ids.filtered(lambda r: r.state == "pending")
        stale = pending.filtered(
            lambda r: (
                self.browse(r.res_id).sudo()[self._sgz_approval_state_field]
                != self._sgz_approval_states.get(r.target_state)
            )
        )
        if stale:
            Review = self.env["sgz.approval.review"]
            with Review._sgz_unlocked():
                stale.write({"state": "cancelled"})

    def _sgz_approval_refusals(self, user):
        """``{record id: sentence}`` for the records of ``self`` that ``user`` may not approve whatever the tiers
        say (override to add the document's own conditions; one batch for all the records)."""
        return {}

    def _sgz_my_reviews(self):
        reviews = self.sudo().sgz_review_ids.filtered(lambda r: r.state == "pending")
        mine = reviews._sgz_reviewable_by(self.env.user)
        if not mine:
            if reviews:
                raise UserError(reviews.sorted("sequence")[0]._sgz_refusal(self.env.user))
            raise UserError(self.env._("Nothing is waiting for your approval here."))
        return self.env["sgz.approval.review"].browse(mine.ids)

    @sgz_action(access="read")
    def action_sgz_approve(self):
        """Button on the document: approve the review that is the current user's turn."""
        for record in self:
            record._sgz_my_reviews().action_approve()
        return True

    @sgz_action(lock_rows=True)
    def action_sgz_withdraw(self):
        """Button on the document: withdraw its pending approval request (whoever may change the document, as
        whoever may ask). The request's reviews are cancelled, approved tiers included; the document is
        unlocked in the state it waited in, to be changed and asked again."""
        for record in self:
            pending = record.sudo().sgz_review_ids.filtered(lambda r: r.state == "pending")
            if not pending:
                raise UserError(
                    self.env._(
                        "%(document)s has no approval request to withdraw.", document=record.display_name
                    )
                )
            step = record.sgz_approval_step
            record._sgz_cancel_request(set(pending.mapped("target_state")))
            record.message_post(
                body=self.env._(
                    "%(user)s withdrew the approval request (%(step)s).",
                    user=self.env.user.name,
                    step=step,
                )
            )
        return True

    def action_sgz_open_reviews(self):
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_base.sgz_approval_review_action_all")
        action["domain"] = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        action["context"] = {}
        return action

    # ---- the form ----------------------------------------------------------------------------------------------

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form" and self._sgz_approval_states:
            self._sgz_approval_inject(arch)
        return arch, view

    @api.model
    def _sgz_approval_inject(self, arch):
        """The Approve button, the banners and the Approvals tab on the document's form (see form_injection)."""
        if not form.has(arch, "//button[@name='action_sgz_approve']"):
            form.add_header_button(
                arch,
                form.element(
                    "button",
                    {
                        "name": "action_sgz_approve",
                        "type": "object",
                        "string": self.env._("Approve"),
                        "class": "btn-primary",
                        "invisible": "not sgz_can_review",
                    },
                ),
            )
        if not form.has(arch, "//button[@name='action_sgz_withdraw']"):
            form.add_header_button(
                arch,
                form.element(
                    "button",
                    {
                        "name": "action_sgz_withdraw",
                        "type": "object",
                        "string": self.env._("Withdraw Request"),
                        "invisible": "sgz_approval_status != 'pending' or sgz_can_review",
                        "confirm": self.env._(
                            "Withdraw the approval request? The reviewers no longer see it."
                        ),
                    },
                ),
            )
        if not form.has(arch, "//div[@name='sgz_approval_banner']"):
            form.add_after_header(arch, self._sgz_approval_banner())
        if not form.has(arch, "//field[@name='sgz_review_ids']"):
            form.add_page(arch, self._sgz_approval_page())
        form.add_invisible_fields(arch, ("sgz_approval_status", "sgz_can_review"))

    @api.model
    def _sgz_approval_banner(self):
        _ = self.env._
        pending = form.element(
            "div",
            {
                "class": "alert alert-info mb-0",
                "role": "alert",
                "invisible": "sgz_approval_status != 'pending'",
            },
            children=[
                form.element("span", {}, _("Waiting for approval:")),
                form.element("field", {"name": "sgz_approval_step", "class": "ms-1 fw-bold"}),
            ],
        )
        rejected = form.element(
            "div",
            {
                "class": "alert alert-danger mb-0",
                "role": "alert",
                "invisible": "sgz_approval_status != 'rejected'",
            },
            _("The last approval request was rejected; see the Approvals tab and the chatter."),
        )
        return form.element("div", {"name": "sgz_approval_banner"}, children=[pending, rejected])

    @api.model
    def _sgz_approval_page(self):
        columns = ("target_label", "name", "requested_by_id", "reviewed_by_id", "reviewed_date", "comment")
        review_list = form.element(
            "list",
            {"decoration-muted": "state == 'cancelled'", "decoration-danger": "state == 'rejected'"},
            children=[form.element("field", {"name": name}) for name in columns]
            + [form.element("field", {"name": "state", "widget": "badge"})],
        )
        reviews = form.element("field", {"name": "sgz_review_ids", "readonly": "1"}, children=[review_list])
        return form.element(
            "page",
            {"string": self.env._("Approvals"), "name": "sgz_approvals", "invisible": "not sgz_review_ids"},
            children=[reviews],
        )

    # ---- outcome hooks -----------------------------------------------------------------------------------------

    def _sgz_approval_apply(self, target):
        """All tiers approved ``target``: by default write it. Override to run the real transition."""
        with self._sgz_unlocked():
            self.sudo().write({self._sgz_approval_state_field: target})

    def _sgz_cancel_request(self, targets):
        """Cancel the open request of ``targets`` (its pending reviews and its approved, not yet used ones): a
        rejection and a withdrawal end a request the same way."""
        self.ensure_one()
        Review = self.env["sgz.approval.review"]
        reviews = self.sudo().sgz_review_ids.filtered(
            lambda r: r.target_state in targets and r.state in ("pending", "approved") and not r.used_date
        )
        with Review._sgz_unlocked():
            reviews.sudo().write({"state": "cancelled"})

    def _sgz_approval_rejected(self, target):
        """A reviewer rejected ``target``: the other reviews of the request are cancelled; the document stays in
        the state it was in while waiting (it never moves back past what happened since)."""
        self.ensure_one()
        self._sgz_cancel_request({target})
