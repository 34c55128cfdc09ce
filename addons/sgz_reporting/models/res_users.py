from odoo import api, fields, models

from odoo.addons.sgz_base.models.res_company import BUREAU_KINDS


class ResUsers(models.Model):
    _inherit = "res.users"

    sgz_county_bureau_ids = fields.Many2many(
        "res.company",
        compute="_compute_sgz_county_bureau_ids",
        string="County Bureaus (Service Records)",
        help="The county bureaus whose beneficiaries and activities the user sees in full: the user's own "
        "county bureau. A city or province user, who works in the counties below it for every other "
        "document, sees counts of service records only.",
    )

    @api.depends("company_ids.sgz_kind")
    def _compute_sgz_county_bureau_ids(self):
        for user in self:
            companies = user.sudo().company_ids
            higher = companies.filtered(lambda c: c.sgz_kind in BUREAU_KINDS and c.sgz_kind != "county")
            user.sgz_county_bureau_ids = (
                self.env["res.company"] if higher else companies.filtered(lambda c: c.sgz_kind == "county")
            )
