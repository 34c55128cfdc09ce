from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.lib import UsccError, validate_uscc
from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

REQUIRED_DISCLOSURES = ("basic", "financial")


class SgzTenderBid(models.Model):
    """A provider's bid (投标) on a lot. The price is sealed: it lives in ``sgz.tender.bid.seal``, which no user
    can read; ``price`` shows it only once the tender has been opened."""

    _name = "sgz.tender.bid"
    _description = "Bid"
    _inherit = ["mail.thread", "sgz.lock.mixin"]
    _order = "tender_id, lot_id, rank, id"

    # a bid is evidence of the procurement: withdrawn (before the deadline), never deleted
    _sgz_locked_states = ("valid", "invalid", "withdrawn")
    _sgz_action_fields = (
        "state",
        "invalid_reason",
        "technical_score",
        "price_score",
        "total_score",
        "rank",
        "submit_date",
    )
    _sgz_fixed_fields = ("tender_id", "lot_id", "company_id")
    _sgz_unlink_states = ()
    # the sealed price is never summed or grouped (its own compute already shows it only to whom it may)
    _sgz_masked_fields = ("sealed_price",)

    tender_id = fields.Many2one("sgz.tender", required=True, ondelete="cascade", index=True)
    tender_company_id = fields.Many2one(
        related="tender_id.company_id", store=True, index=True, string="County Bureau"
    )
    lot_id = fields.Many2one(
        "sgz.tender.lot",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('tender_id', '=', tender_id)]",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Provider",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("sgz_kind", "=", "provider")],
    )
    partner_id = fields.Many2one(related="company_id.partner_id", store=True, string="Bidder")
    currency_id = fields.Many2one(related="tender_id.currency_id")
    price = fields.Monetary(
        compute="_compute_price",
        inverse="_inverse_price",
        string="Bid Price",
        help="Annual price of the lot; sealed until the bids are opened.",
    )
    sealed = fields.Boolean(compute="_compute_price", string="Sealed")
    price_visible = fields.Boolean(
        compute="_compute_price",
        string="Price Visible",
        help="The bidder reads its own price; others once opened.",
    )
    sealed_price = fields.Float(compute="_compute_sealed_price", string="Sealed Price (internal)")
    submit_date = fields.Datetime(string="Submitted On", default=fields.Datetime.now, readonly=True)
    technical_document = fields.Binary(string="Technical Proposal", attachment=True)
    technical_document_name = fields.Char()
    uscc_valid = fields.Boolean(compute="_compute_qualification", string="Valid USCC")
    disclosure_complete = fields.Boolean(compute="_compute_qualification", string="Disclosures Present")
    state = fields.Selection(
        [("submitted", "Submitted"), ("valid", "Valid"), ("invalid", "Invalid"), ("withdrawn", "Withdrawn")],
        default="submitted",
        required=True,
        tracking=True,
        readonly=True,
    )
    invalid_reason = fields.Char(readonly=True)
    score_ids = fields.One2many("sgz.tender.score", "bid_id", string="Scores")
    technical_score = fields.Float(readonly=True)
    price_score = fields.Float(readonly=True)
    total_score = fields.Float(readonly=True)
    rank = fields.Integer(readonly=True)

    _sql_constraints = [
        ("provider_lot_unique", "unique(lot_id, company_id)", "A provider bids once per lot."),
    ]

    @api.depends("company_id.name", "tender_id.name", "lot_id.name")
    def _compute_display_name(self):
        for bid in self:
            bid.display_name = self.env._(
                "Bid of %(provider)s for %(lot)s",
                provider=bid.sudo().company_id.name or "",
                lot=bid.sudo().lot_id.name or "",
            )

    def _seal(self):
        return self.env["sgz.tender.bid.seal"].sudo().search([("bid_id", "in", self.ids)])

    @api.depends("tender_id.opening_date")
    @api.depends_context("uid")
    def _compute_price(self):
        """Sealed to everyone until the opening, but to the bidder itself, who always reads its own price."""
        prices = {seal.bid_id.id: seal.price for seal in self.filtered("id")._seal()}
        own = self.env.user.company_ids
        for bid in self:
            opened = bool(bid.tender_id.opening_date)
            bid.sealed = not opened
            bid.price_visible = opened or bid.sudo().company_id in own
            bid.price = prices.get(bid.id, 0.0) if bid.price_visible else 0.0

    @api.model
    def _sgz_mask_applies(self, field_name):
        return False if field_name == "sealed_price" else super()._sgz_mask_applies(field_name)

    def _compute_sealed_price(self):
        """For the ranking, in sudo only: reading it without sudo before the opening is refused."""
        if not self.env.su and any(not bid.tender_id.opening_date for bid in self):
            raise UserError(self.env._("Bid prices stay sealed until the bids are opened."))
        prices = {seal.bid_id.id: seal.price for seal in self._seal()}
        for bid in self:
            bid.sealed_price = prices.get(bid.id, 0.0)

    def _inverse_price(self):
        Seal = self.env["sgz.tender.bid.seal"].sudo()
        for bid in self:
            bid._check_bid_open()
            if bid.price <= 0:
                raise ValidationError(self.env._("A bid needs a positive price."))
            ceiling = bid.lot_id.ceiling_price
            if ceiling and bid.price > ceiling:
                raise ValidationError(
                    self.env._(
                        "The bid of %(price)s exceeds the ceiling price of %(ceiling)s for %(lot)s: it would be "
                        "invalid.",
                        price=bid.price,
                        ceiling=ceiling,
                        lot=bid.lot_id.name,
                    )
                )
            seal = Seal.search([("bid_id", "=", bid.id)])
            if seal:
                seal.price = bid.price
            else:
                Seal.create({"bid_id": bid.id, "price": bid.price})

    @api.depends("company_id.sgz_uscc", "company_id.sgz_disclosure_ids.kind")
    def _compute_qualification(self):
        for bid in self:
            bid.uscc_valid, bid.disclosure_complete = bid._qualification()

    def _qualification(self):
        self.ensure_one()
        company = self.company_id.sudo()
        try:
            uscc_ok = bool(company.sgz_uscc) and validate_uscc(company.sgz_uscc) == company.sgz_uscc
        except UsccError:
            uscc_ok = False
        kinds = set(company.sgz_disclosure_ids.mapped("kind"))
        return uscc_ok, all(kind in kinds for kind in REQUIRED_DISCLOSURES)

    def _check_bid_open(self):
        now = fields.Datetime.now()
        for bid in self:
            tender = bid.sudo().tender_id
            if tender.state != "published" or bid.state != "submitted":
                raise UserError(self.env._("%(tender)s does not accept bids.", tender=tender.name))
            if now >= tender.bid_deadline:
                raise UserError(
                    self.env._(
                        "The bid deadline of %(tender)s was %(deadline)s: bids are closed.",
                        tender=tender.name,
                        deadline=tender._sgz_deadline_label(),
                    )
                )

    @api.constrains("company_id", "lot_id", "tender_id")
    def _check_bidder(self):
        for bid in self:
            if bid.company_id.sudo().sgz_kind != "provider":
                raise ValidationError(self.env._("Only a service provider can bid."))
            if bid.lot_id.tender_id != bid.tender_id:
                raise ValidationError(self.env._("The lot does not belong to this tender."))
            uscc_ok, disclosures_ok = bid._qualification()
            if not uscc_ok:
                raise ValidationError(
                    self.env._(
                        "%(provider)s has no valid Unified Social Credit Code: it cannot bid.",
                        provider=bid.company_id.name,
                    )
                )
            if not disclosures_ok:
                raise ValidationError(
                    self.env._(
                        "%(provider)s has not disclosed its basic information and annual financial report: it "
                        "cannot bid.",
                        provider=bid.company_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        Lot = self.env["sgz.tender.lot"]
        for vals in vals_list:
            if "price" not in vals:
                raise ValidationError(self.env._("A bid needs a positive price."))
            lot = Lot.browse(vals.get("lot_id"))
            if lot and "tender_id" not in vals:
                vals["tender_id"] = lot.tender_id.id
        bids = super().create(vals_list)
        bids._check_bid_open()
        return bids

    def _sgz_locked_records(self):
        """Valid, invalid and withdrawn bids are evidence; a submitted bid is locked too once its tender no
        longer accepts bids (its deadline passed, or it is no longer published)."""
        now = fields.Datetime.now()
        closed = self.filtered(
            lambda bid: (
                bid.state == "submitted"
                and (bid.sudo().tender_id.state != "published" or now >= bid.sudo().tender_id.bid_deadline)
            )
        )
        return super()._sgz_locked_records() | closed

    def _sgz_lock_label(self):
        tender = self.sudo().tender_id
        if self.state == "submitted" and tender.bid_deadline:
            return self.env._(
                "bids closed at the deadline of %(deadline)s", deadline=tender._sgz_deadline_label()
            )
        return super()._sgz_lock_label()

    @sgz_action(lock_rows=True)
    def action_withdraw(self):
        """Withdraw the bid before the deadline (投标截止前撤回); it stays on record, its price sealed."""
        self._check_bid_open()
        self.write({"state": "withdrawn"})
        for bid in self:
            bid.message_post(body=self.env._("Bid withdrawn by %(user)s.", user=self.env.user.name))
        return True

    def _check_validity(self):
        """At the opening: a bid above the ceiling or without qualification is invalid."""
        for bid in self.sudo():
            uscc_ok, disclosures_ok = bid._qualification()
            reason = False
            if bid.lot_id.ceiling_price and bid.sealed_price > bid.lot_id.ceiling_price:
                reason = self.env._("Price above the ceiling")
            elif not uscc_ok:
                reason = self.env._("No valid Unified Social Credit Code")
            elif not disclosures_ok:
                reason = self.env._("Disclosure documents missing")
            bid.write({"state": "invalid" if reason else "valid", "invalid_reason": reason})

    def _technical_score(self):
        """Σ criterion weight × average member score (0–100), scaled to the non-price share of the total."""
        self.ensure_one()
        tender = self.tender_id
        total = 0.0
        for criterion in tender.criterion_ids:
            scores = self.score_ids.filtered(lambda s, c=criterion: s.criterion_id == c).mapped("score")
            if scores:
                total += criterion.weight / 100.0 * (sum(scores) / len(scores))
        return total * (100.0 - tender.price_weight) / 100.0


class SgzTenderBidSeal(models.Model):
    """The sealed price of a bid. No user has access; only the bid's code reads it (sudo), after the opening."""

    _name = "sgz.tender.bid.seal"
    _description = "Sealed Bid Price"

    bid_id = fields.Many2one("sgz.tender.bid", required=True, ondelete="cascade", index=True)
    price = fields.Float(required=True)

    _sql_constraints = [("bid_unique", "unique(bid_id)", "A bid has one sealed price.")]
