from odoo import api, fields, models


class SgzTenderScore(models.Model):
    """A committee member's score of one bid on one criterion: sheets are prepared at the opening, each
    member enters only their own scores while the bids are opened, and no score is ever moved or deleted."""

    _name = "sgz.tender.score"
    _description = "Committee Score"
    _inherit = ["sgz.lock.mixin"]
    _order = "bid_id, member_id, criterion_id"

    # the sheet is prepared by the opening: only the score is ever written, by its member (see the lock)
    _sgz_action_fields = ("bid_id", "member_id", "criterion_id")
    _sgz_unlink_states = ()
    _sgz_create_by_action = True

    bid_id = fields.Many2one("sgz.tender.bid", required=True, ondelete="cascade", index=True)
    tender_id = fields.Many2one(related="bid_id.tender_id", store=True, index=True)
    company_id = fields.Many2one(related="bid_id.tender_company_id", store=True, index=True)
    bidder_id = fields.Many2one(related="bid_id.company_id", string="Provider")
    lot_id = fields.Many2one(related="bid_id.lot_id")
    member_id = fields.Many2one("sgz.tender.committee", string="Member", required=True, ondelete="restrict")
    member_user_id = fields.Many2one(related="member_id.user_id", store=True, string="Member User")
    criterion_id = fields.Many2one("sgz.tender.criterion", required=True, ondelete="restrict")
    weight = fields.Float(related="criterion_id.weight")
    score = fields.Float(help="0 to 100")
    scored = fields.Boolean(
        compute="_compute_scored",
        store=True,
        precompute=True,
        help="The member has entered this score.",
    )

    _sql_constraints = [
        ("score_unique", "unique(bid_id, member_id, criterion_id)", "One score per member and criterion."),
        ("score_range", "CHECK(score >= 0 AND score <= 100)", "A score lies between 0 and 100."),
    ]

    @api.depends("bid_id.company_id.name", "member_user_id.name", "criterion_id.name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = self.env._(
                "%(member)s: %(bidder)s, %(criterion)s",
                member=line.sudo().member_user_id.name or "",
                bidder=line.sudo().bid_id.company_id.name or "",
                criterion=line.sudo().criterion_id.name or "",
            )

    @api.depends("score")
    def _compute_scored(self):
        # a sheet line is computed before it exists (unscored); writing its score afterwards marks it scored
        for line in self:
            line.scored = bool(line.id)

    def _sgz_locked_records(self):
        """A score is entered by its member between the opening and the award: locked at any other moment,
        and for anyone else."""
        user = self.env.user
        return super()._sgz_locked_records() | self.filtered(
            lambda line: line.sudo().tender_id.state != "opened" or line.sudo().member_user_id != user
        )

    def _sgz_lock_label(self):
        line = self.sudo()
        if line.tender_id.state != "opened":
            return self.env._("scores are given between the opening and the award")
        return self.env._("only %(member)s enters this score", member=line.member_user_id.name)
