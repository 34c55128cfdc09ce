from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.sgz_base.models.res_users import APP_ADMIN_GROUPS

DEMO_LOGINS = ("county", "approver", "finance", "city", "provider", "hr", "evaluator")


@tagged("post_install", "-at_install")
class TestNobodyIsAnAppAdministrator(TransactionCase):
    """Issue: hr, hr_contract, account and purchase made every internal user their administrator through the
    user template. With every sgz addon installed (and those apps with them), nobody holding an sgz role is."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_groups = cls.env["res.groups"].browse(
            [
                group.id
                for xmlid in APP_ADMIN_GROUPS
                if (group := cls.env.ref(xmlid, raise_if_not_found=False))
            ]
        )
        category = cls.env.ref("sgz_base.module_category_sgz")
        cls.roles = cls.env["res.groups"].search([("category_id", "=", category.id)])

    def test_all_four_apps_are_there(self):
        self.assertEqual(len(self.admin_groups), 4)

    def test_no_role_user_holds_an_app_admin_group(self):
        system = self.env.ref("base.group_system")
        users = self.roles.with_context(active_test=False).users.filtered(lambda u: system not in u.groups_id)
        self.assertTrue(users)
        offenders = [
            f"{user.login}: {', '.join((user.groups_id & self.admin_groups).mapped('full_name'))}"
            for user in users
            if user.groups_id & self.admin_groups
        ]
        self.assertFalse(
            offenders, "sgz role users holding an app administrator group:\n" + "\n".join(offenders)
        )

    def test_user_template_and_new_users(self):
        template = self.env.ref("base.default_user")
        self.assertFalse(template.groups_id & self.admin_groups)
        user = self.env["res.users"].create({"name": "新用户", "login": "new_user_no_groups"})
        self.assertFalse(user.groups_id & self.admin_groups)
        self.assertIn(self.env.ref("base.group_user"), user.groups_id)
        # an administrator creating a user from the Users form (default groups of the form)
        form_user = (
            self.env["res.users"]
            .with_user(self.env.ref("base.user_admin"))
            .create(
                {
                    "name": "表单用户",
                    "login": "form_user",
                    "groups_id": [Command.link(self.env.ref("base.group_user").id)],
                }
            )
        )
        self.assertFalse(form_user.groups_id & self.admin_groups)

    def test_demo_users_hold_exactly_their_role(self):
        for login in DEMO_LOGINS:
            user = self.env["res.users"].search([("login", "=", login)])
            with self.subTest(login=login):
                self.assertTrue(user, f"demo user {login}")
                roles = user.groups_id & self.roles
                expected = roles | roles.trans_implied_ids
                if len(user.company_ids) > 1:
                    # Odoo gives the company switcher to whoever works for several organizations
                    expected |= self.env.ref("base.group_multi_company")
                self.assertEqual(user.groups_id, expected, f"{login} holds more than its role")
                self.assertTrue(user.email, f"{login} needs an email to post in the chatter")


@tagged("post_install", "-at_install")
class TestRolesSeeTheirApps(TransactionCase):
    """Issue 20 §4: a role sees the apps it works in (the sgz apps and Discuss), not Invoicing, Purchase,
    Employees, Dashboards or the app store its implied groups would show."""

    def test_demo_roles_top_menu(self):
        Menu = self.env["ir.ui.menu"]
        sgz_roots = {
            menu.id
            for menu in Menu.search([("parent_id", "=", False)])
            if menu.get_external_id()[menu.id].startswith("sgz_")
        }
        kept = sgz_roots | {self.env.ref("mail.menu_root_discuss").id}
        users = self.env["res.users"].search([("login", "in", DEMO_LOGINS)])
        self.assertEqual(len(users), len(DEMO_LOGINS))
        for user in users:
            roots = set(Menu.with_user(user).load_menus(False)["root"]["children"])
            self.assertTrue(roots, user.login)
            self.assertLessEqual(roots, kept, f"{user.login} sees other apps")
            self.assertTrue(roots & sgz_roots, user.login)
        admin_roots = set(
            Menu.with_user(self.env.ref("base.user_admin")).load_menus(False)["root"]["children"]
        )
        self.assertIn(self.env.ref("base.menu_management").id, admin_roots)
