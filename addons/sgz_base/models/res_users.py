from odoo import Command, api, models

from .res_company import BUREAU_KINDS


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._sgz_grant_child_companies()
        return users

    def write(self, vals):
        result = super().write(vals)
        if {"company_id", "company_ids"} & set(vals):
            self._sgz_grant_child_companies()
        return result

    def _sgz_grant_child_companies(self):
        """A bureau user may work in every company below its bureaus (city → counties, …).

        Visibility then follows Odoo's own multi-company rule ``company_id in company_ids``.
        """
        Company = self.env["res.company"].sudo()
        for user in self.sudo():
            bureaus = user.company_ids.filtered(lambda c: c.sgz_kind in BUREAU_KINDS)
            if not bureaus:
                continue
            missing = Company.search([("id", "child_of", bureaus.ids)]) - user.company_ids
            if missing:
                user.write({"company_ids": [Command.link(company.id) for company in missing]})
