from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import UsccError, validate_uscc

KINDS = [
    ("province", "Provincial Civil Affairs Department"),
    ("city", "City Civil Affairs Bureau"),
    ("county", "County Civil Affairs Bureau"),
    ("provider", "Service Provider"),
]
BUREAU_KINDS = ("province", "city", "county")
# The kind a bureau's parent company must have, and the region level of each kind.
PARENT_KIND = {"city": "province", "county": "city"}
REGION_LEVEL = {"province": "province", "city": "city", "county": "county"}


class ResCompany(models.Model):
    _inherit = "res.company"

    sgz_kind = fields.Selection(KINDS, string="Organization Kind", index=True)
    sgz_region_id = fields.Many2one("sgz.region", string="Region", index=True, ondelete="restrict")
    sgz_uscc = fields.Char(
        string="Unified Social Credit Code",
        size=18,
        copy=False,
        help="统一社会信用代码: 18 characters, checked against GB 32100-2015.",
    )
    sgz_disclosure_ids = fields.One2many("sgz.provider.disclosure", "company_id", string="Disclosures")
    sgz_disclosure_count = fields.Integer(compute="_compute_sgz_disclosure_count", string="Disclosure Count")

    _sql_constraints = [
        (
            "sgz_uscc_unique",
            "unique(sgz_uscc)",
            "Another organization already has this Unified Social Credit Code.",
        ),
    ]

    def _compute_sgz_disclosure_count(self):
        counts = dict(
            self.env["sgz.provider.disclosure"]._read_group(
                [("company_id", "in", self.ids)], ["company_id"], ["__count"]
            )
        )
        for company in self:
            company.sgz_disclosure_count = counts.get(company, 0)

    @api.constrains("sgz_uscc")
    def _sgz_check_uscc(self):
        for company in self.filtered("sgz_uscc"):
            try:
                compact = validate_uscc(company.sgz_uscc)
            except UsccError as error:
                raise ValidationError(
                    self.env._(
                        "%(code)s is not a valid Unified Social Credit Code (%(reason)s): "
                        "it must be 18 characters with a correct check character.",
                        code=company.sgz_uscc,
                        reason=self._sgz_uscc_reason(error.reason),
                    )
                ) from None
            if compact != company.sgz_uscc:
                raise ValidationError(
                    self.env._("Write the code without spaces or dashes, in capitals: %(code)s", code=compact)
                )

    def _sgz_uscc_reason(self, reason):
        return {
            "length": self.env._("wrong length"),
            "checksum": self.env._("wrong check character"),
        }.get(reason, self.env._("invalid characters"))

    @api.constrains("sgz_kind", "parent_id", "sgz_region_id")
    def _sgz_check_tree(self):
        kinds = dict(self._fields["sgz_kind"]._description_selection(self.env))
        for company in self.filtered("sgz_kind"):
            wanted = PARENT_KIND.get(company.sgz_kind)
            parent = company.parent_id
            if company.sgz_kind in ("province", "provider") and parent.sgz_kind:
                raise ValidationError(
                    self.env._(
                        "%(name)s (%(kind)s) cannot be placed under another civil-affairs organization.",
                        name=company.name,
                        kind=kinds[company.sgz_kind],
                    )
                )
            if wanted and parent.sgz_kind != wanted:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a %(kind)s: its parent company must be a %(parent_kind)s.",
                        name=company.name,
                        kind=kinds[company.sgz_kind],
                        parent_kind=kinds[wanted],
                    )
                )
            level = REGION_LEVEL.get(company.sgz_kind)
            region = company.sgz_region_id
            if level and region and region.level != level:
                raise ValidationError(
                    self.env._(
                        "The region of %(name)s must be a %(level)s, not %(region)s.",
                        name=company.name,
                        level=dict(region._fields["level"]._description_selection(self.env))[level],
                        region=region.complete_name,
                    )
                )
            if wanted and region and parent.sgz_region_id and region.parent_id != parent.sgz_region_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s covers %(region)s, which does not lie in %(parent_region)s of %(parent)s.",
                        name=company.name,
                        region=region.complete_name,
                        parent_region=parent.sgz_region_id.complete_name,
                        parent=parent.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        ancestors = companies.parent_ids - companies
        if ancestors:
            users = (
                self.env["res.users"]
                .sudo()
                .with_context(active_test=False)
                .search([("company_ids", "in", ancestors.ids)])
            )
            users._sgz_grant_child_companies()
        return companies

    @api.model
    def _sgz_yuan_only(self):
        """Every organization keeps its books in yuan, the database's main company too; other currencies are put
        away, so that no screen offers a currency ("CNY" on a bill) and every amount reads ¥. Called by the data
        of sgz_base and again of the budget addon (after the accounting and the Chinese chart of accounts, whose
        currencies it puts away again); the main company keeps its currency once it has journal items."""
        cny = self.env.ref("base.CNY")
        main = self.env.ref("base.main_company")
        lines = self.env.get("account.move.line")
        if main.currency_id != cny and (
            lines is None or not lines.sudo().search_count([("company_id", "=", main.id)])
        ):
            main.currency_id = cny
        used = self.sudo().with_context(active_test=False).search([]).currency_id | cny
        self.env["res.currency"].sudo().search([("id", "not in", used.ids)]).active = False
        # where the main company keeps another currency (its journal items came first, as with Odoo's demo
        # data), the users still work in one currency: no currency field on their forms
        group_user = self.env.ref("base.group_user")
        multi = self.env.ref("base.group_multi_currency")
        if multi in group_user.implied_ids:
            group_user.sudo()._remove_group(multi.sudo())

    def action_sgz_open_disclosures(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("sgz_base.sgz_provider_disclosure_action")
        action["domain"] = [("company_id", "=", self.id)]
        action["context"] = {"default_company_id": self.id}
        return action
