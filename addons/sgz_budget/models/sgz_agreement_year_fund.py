from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sgz_budget_entry import money


class SgzAgreementYearFund(models.Model):
    """The part of an agreement year paid by one fund source (a year may be split over several). Lines on the
    agreement itself are the split each new year starts from (year 1 is signed with the agreement)."""

    _name = "sgz.agreement.year.fund"
    _description = "Agreement Year Fund Split"
    _inherit = ["sgz.lock.mixin"]
    _order = "year_id, id"
    _sgz_fixed_fields = ("year_id", "agreement_id")

    year_id = fields.Many2one("sgz.agreement.year", string="Agreement Year", ondelete="cascade", index=True)
    agreement_id = fields.Many2one("sgz.agreement", string="Agreement", ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", compute="_compute_company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    fund_source_id = fields.Many2one("sgz.fund.source", string="Fund Source", required=True)
    category_id = fields.Many2one(
        "sgz.budget.category",
        string="Expense Category",
        required=True,
        default=lambda self: self.env.ref("sgz_budget.budget_category_service", raise_if_not_found=False),
    )
    amount = fields.Monetary(required=True)

    @api.depends("year_id.name", "agreement_id.name", "fund_source_id.name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = self.env._(
                "%(document)s: %(fund)s",
                document=(line.year_id or line.agreement_id).display_name or "",
                fund=line.fund_source_id.name or "",
            )

    _sql_constraints = [
        (
            "key_unique",
            "unique(year_id, fund_source_id, category_id)",
            "Each fund source appears once in a split.",
        ),
        (
            "agreement_key_unique",
            "unique(agreement_id, fund_source_id, category_id)",
            "Each fund source appears once in a split.",
        ),
        (
            "one_parent",
            "CHECK((year_id IS NULL) != (agreement_id IS NULL))",
            "A fund split line belongs to an agreement year or to an agreement.",
        ),
    ]

    @api.depends("year_id.company_id", "agreement_id.company_id")
    def _compute_company_id(self):
        for split in self:
            parent = split.year_id or split.agreement_id
            split.company_id = parent.company_id

    @api.constrains("amount")
    def _check_amount(self):
        for split in self:
            if money(split.amount) <= 0:
                raise ValidationError(self.env._("Each part of a fund split must be a positive amount."))

    @api.model_create_multi
    def create(self, vals_list):
        years = (
            self.env["sgz.agreement.year"].sudo().browse({vals.get("year_id") for vals in vals_list} - {None})
        )
        agreements = (
            self.env["sgz.agreement"].sudo().browse({vals.get("agreement_id") for vals in vals_list} - {None})
        )
        signed = years.filtered(lambda year: year.state != "draft") or agreements.filtered(
            lambda agreement: agreement.state != "draft"
        )
        if signed and not self._sgz_lock_lifted():
            raise UserError(
                self.env._(
                    "%(document)s is signed: its fund split can no longer be changed.",
                    document=signed[0].name,
                )
            )
        return super().create(vals_list)

    def _sgz_locked_records(self):
        # the split follows its agreement year: fixed once the year is signed
        return self.filtered(
            lambda split: (split.sudo().year_id or split.sudo().agreement_id).state != "draft"
        )

    def _sgz_lock_label(self):
        self.ensure_one()
        parent = self.sudo().year_id or self.sudo().agreement_id
        return dict(parent._fields["state"]._description_selection(self.env)).get(parent.state, parent.state)

    def _sgz_lock_document(self):
        self.ensure_one()
        return self.sudo().year_id or self.sudo().agreement_id
