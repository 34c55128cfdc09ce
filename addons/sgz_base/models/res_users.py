from odoo import Command, api, models, modules

from .res_company import BUREAU_KINDS

# The administrator groups of the Odoo apps the suite builds on. Those apps put them on the user template
# (base.default_user) and, when Odoo's "Default Access Rights" setting is on, on every existing internal user.
# No sgz role user ever holds one: a role's rights are the role's groups and what they imply.
APP_ADMIN_GROUPS = (
    "hr.group_hr_manager",
    "hr_contract.group_hr_contract_manager",
    "account.group_account_manager",
    "purchase.group_purchase_manager",
)


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

    @api.model
    def _get_activity_groups(self):
        """The activities' clock in the top bar counts the approvals waiting for the user too (one line, 待审批,
        opening the reviews the user may decide), in every app the user works in."""
        groups = super()._get_activity_groups()
        Review = self.env["sgz.approval.review"]
        if not Review.has_access("read"):
            return groups
        count = Review.search_count([("can_review", "=", True)])
        if count:
            groups.insert(
                0,
                {
                    "id": self.env["ir.model"]._get_id(Review._name),
                    "type": "sgz_approval",
                    "name": self.env._("To Approve"),
                    "model": Review._name,
                    "icon": modules.module.get_module_icon("sgz_base"),
                    "total_count": count,
                    "view_type": "list",
                },
            )
        return groups

    def _sgz_has_role(self):
        """Whether the user holds one of the suite's roles."""
        self.ensure_one()
        category = self.env.ref("sgz_base.module_category_sgz", raise_if_not_found=False)
        return bool(category) and category in self.sudo().groups_id.category_id

    def _sgz_own_companies(self):
        """The organizations the user works for, without the ones below them that a bureau user is granted to
        read (a city officer works for the city, not for its counties)."""
        self.ensure_one()
        companies = self.sudo().company_ids
        return companies.filtered(lambda company: not (company.parent_ids - company) & companies)

    @api.model
    def _sgz_reset_user_rights(self):
        """Undo what installing Odoo's apps does to users (run by each sgz addon that depends on such an app).

        The user template keeps only "Internal User" (and what it implies), so a user created with no groups
        is no app administrator; the app administrator groups are taken from every user of an sgz role who is
        not a system administrator. Together with ``base_setup.default_user_rights`` off (sgz_base data), apps
        installed later no longer hand their administrator group to every user.
        """
        employee = self.env.ref("base.group_user")
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        if template:
            template.sudo().write({"groups_id": [Command.set((employee | employee.trans_implied_ids).ids)]})
        admin_groups = self.env["res.groups"].browse(
            [
                group.id
                for xmlid in APP_ADMIN_GROUPS
                if (group := self.env.ref(xmlid, raise_if_not_found=False))
            ]
        )
        if not admin_groups:
            return
        category = self.env.ref("sgz_base.module_category_sgz")
        roles = self.env["res.groups"].sudo().search([("category_id", "=", category.id)])
        system = self.env.ref("base.group_system")
        users = roles.with_context(active_test=False).users.filtered(
            lambda user: system not in user.groups_id
        )
        if users:
            users.sudo().write({"groups_id": [Command.unlink(group.id) for group in admin_groups]})
