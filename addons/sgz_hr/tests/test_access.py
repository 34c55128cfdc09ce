import re

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.sgz_base.tests.access_matrix import ROLES, check_matrix

from .common import SgzHrCase, month

PROVIDER = {"provider_manager", "provider_hr"}
BUREAU = {"province_officer", "city_officer", "county_officer", "county_approver"}


def row(default="", provider=None, bureau=None, province=None, city=None, evaluator=None, worker=None):
    """A row of the shared table (every role of ``access_matrix.ROLES``), by groups of roles; ``city``: the city
    officer's and the province officer's (the province holds the city's rights); ``worker``: the stationed
    worker's, when more than a plain user's."""
    rights = {}
    for role in ROLES:
        value = default
        if bureau is not None and role in BUREAU:
            value = bureau
        if provider is not None and role in PROVIDER:
            value = provider
        if city is not None and role in ("city_officer", "province_officer"):
            value = city
        if province is not None and role == "province_officer":
            value = province
        if evaluator is not None and role == "evaluator":
            value = evaluator
        rights[role] = value
    if worker is not None:
        rights["station_worker"] = worker
    return rights


# every sgz_hr model × every role: r(ead) w(rite) c(reate) d(elete)
MATRIX = {
    "sgz.insurance.scheme": row("r", province="rwcd"),
    "sgz.insurance.scheme.line": row("r", province="rwcd"),
    "sgz.minimum.wage": row("r", province="rwcd"),
    "sgz.iit.table": row("r"),
    "sgz.iit.bracket": row("r"),
    "sgz.special.deduction.standard": row("r"),
    "sgz.special.deduction": row(provider="rwcd", worker="rwcd"),
    "sgz.iit.full.year.deduction": row(provider="rwcd"),
    "sgz.payroll.opening": row(provider="rwcd"),
    "sgz.contribution.base": row(provider="rw", worker="r"),
    "sgz.payroll.run": row(provider="rwcd"),
    "sgz.payslip": row(provider="rwcd", worker="r"),
    "sgz.payslip.period": row(provider="rwc"),
    "sgz.payslip.line": row(provider="r", worker="r"),
    "sgz.payslip.month": row(provider="r"),
    "sgz.eligibility.override": row(provider="rwcd"),
    "sgz.recruitment.plan": row(provider="rwcd", bureau="r"),
    "sgz.recruitment.plan.line": row(provider="rwcd", bureau="r"),
    "sgz.personnel.document": row(provider="rwcd"),
    "sgz.training": row(provider="rwcd", bureau="r", city="rwcd", evaluator="r", worker="r"),
    "sgz.training.attendance": row(provider="rwcd", bureau="r", city="rwcd", evaluator="r", worker="r"),
    "sgz.supervision": row(provider="rwcd", bureau="r", city="rwcd", evaluator="r", worker="r"),
    "sgz.region": row("r", bureau="rwc", province="rwcd"),  # sgz_base's, extended here (minimum wage tier)
}
# Odoo's app administrator groups: no sgz role user ever holds one (issue 7, point 1)
APP_ADMIN_GROUPS = (
    "hr.group_hr_manager",
    "hr_contract.group_hr_contract_manager",
    "account.group_account_manager",
    "purchase.group_purchase_manager",
)
DEMO_USERS = {
    "user_county_officer": "county_officer",
    "user_county_approver": "county_approver",
    "user_county_finance": "county_finance",
    "user_city_officer": "city_officer",
    "user_provider_manager": "provider_manager",
    "user_provider_hr": "provider_hr",
    "user_evaluator": "evaluator",
}


@tagged("post_install", "-at_install", "sgz_hr")
class TestAccess(SgzHrCase):
    """One user per role; every call made as a client would make it (with_user, context keys it could send)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker_x = cls._worker("李娜", body="43022319950315124")
        cls.contract_x = cls._contract(cls.worker_x, 8000, "2024-01-01")
        cls.worker_y = cls._worker("王强", body="43022419960620222", station=cls.station_b1)
        cls.contract_y = cls._contract(cls.worker_y, 7000, "2024-01-01")
        cls._scheme(cls.region_county_b, "2024-01-01", False, floor=3000, ceiling=20000)
        cls.run_x = cls._run(month(2024, 1))
        cls.run_y = cls._run(month(2024, 1), company=cls.provider_y)
        cls.payslip_x = cls.run_x.payslip_ids
        cls.payslip_y = cls.run_y.payslip_ids

    def test_access_matrix(self):
        check_matrix(self, "sgz_hr", MATRIX, self.role_users)

    # ---- 1. nobody is an app administrator by accident ------------------------------------------------------
    def _admin_groups(self):
        return self.env["res.groups"].browse(
            [
                group.id
                for xmlid in APP_ADMIN_GROUPS
                if (group := self.env.ref(xmlid, raise_if_not_found=False))
            ]
        )

    def test_no_role_user_is_app_administrator(self):
        admin_groups = self._admin_groups()
        self.assertIn(self.env.ref("hr_contract.group_hr_contract_manager"), admin_groups)
        users = list(self.role_users.values())
        users += [self.env.ref(f"sgz_base.{xmlid}", raise_if_not_found=False) for xmlid in DEMO_USERS]
        for user in filter(None, users):
            self.assertFalse(user.groups_id & admin_groups, f"{user.login} is an app administrator")
        for group in self.env["res.groups"].search(
            [("category_id", "=", self.env.ref("sgz_base.module_category_sgz").id)]
        ):
            self.assertFalse(
                group.trans_implied_ids & admin_groups, f"{group.name} implies an administrator group"
            )
        fresh = self.env["res.users"].create({"name": "新同事", "login": "newcomer_sgz"})
        self.assertFalse(fresh.groups_id & admin_groups)
        self.assertEqual(self.env.ref("base.default_user").groups_id & admin_groups, self.env["res.groups"])

    def test_demo_users_hold_exactly_their_role(self):
        multi_company = self.env.ref("base.group_multi_company")
        for xmlid, role in DEMO_USERS.items():
            user = self.env.ref(f"sgz_base.{xmlid}", raise_if_not_found=False)
            if not user:
                continue  # a database without demo data
            group = self.env.ref(f"sgz_base.sgz_base_group_{role}")
            expected = group | group.trans_implied_ids | multi_company
            self.assertIn(group, user.groups_id, user.login)
            self.assertFalse(
                user.groups_id - expected, f"{user.login} holds {(user.groups_id - expected).mapped('name')}"
            )

    def test_county_officer_cannot_change_workers_or_contracts(self):
        officer = self.officer_a
        # reads the workers and contracts of the stations of its county (not their pay: test_pay_rules)...
        values = self.contract_x.with_user(officer).read(["date_start", "sgz_meets_minimum_wage"])[0]
        self.assertTrue(values["sgz_meets_minimum_wage"])
        # ...but neither writes a provider's contract wage nor moves its workers
        with self.assertRaisesMsg(AccessError, "您的角色不能修改员工合同"):
            self.contract_x.with_user(officer).write({"wage": 1})
        with self.assertRaisesMsg(AccessError, "您的角色不能修改员工。"):
            self.worker_x.with_user(officer).write({"sgz_station_id": self.station_a2.id})
        with self.assertRaisesMsg(AccessError, "您的角色不能查看员工的身份证号"):
            self.worker_x.with_user(officer).read(["identification_id"])
        self.assertEqual((self.contract_x.wage, self.worker_x.sgz_station_id), (8000, self.station_a1))

    def test_evaluator_cannot_read_id_numbers(self):
        with self.assertRaisesMsg(AccessError, "您的角色不能查看员工的身份证号"):
            self.worker_x.with_user(self.evaluator).read(["identification_id"])
        with self.assertRaisesMsg(AccessError, "您的角色不能查看员工合同的工资"):
            self.contract_x.with_user(self.evaluator).read(["wage"])

    def test_widened_rules_are_read_only(self):
        """The county clause of the employee and contract rules applies to reading only (issue 7, point 3)."""
        Rule = self.env["ir.rule"].with_user(self.officer_a)
        for model, record in (("hr.employee", self.worker_x), ("hr.contract", self.contract_x)):
            read = self.env[model].sudo().search(Rule._compute_domain(model, "read"))
            self.assertIn(record, read)
            for mode in ("write", "create", "unlink"):
                domain = Rule._compute_domain(model, mode)
                self.assertNotIn(record, self.env[model].sudo().search(domain), f"{model} {mode}")

    def test_worker_station_run_by_employer(self):
        with self.assertRaisesMsg(ValidationError, "station that"):
            self.worker_x.with_user(self.hr_x).with_context(lang="en_US").write(
                {"sgz_station_id": self.station_b1.id}
            )
        with self.assertRaisesMsg(ValidationError, "does not run"):
            self.contract_x.with_user(self.hr_x).with_context(lang="en_US").write(
                {"sgz_station_id": self.station_b1.id}
            )
        self.assertNotIn(self.worker_x, self.env["hr.employee"].with_user(self.officer_b).search([]))

    # ---- provider HR works on its own payroll only -----------------------------------------------------------
    def test_provider_hr_runs_own_payroll_only(self):
        Payslip = self.env["sgz.payslip"].with_user(self.hr_x)
        self.assertEqual(Payslip.search([]), self.payslip_x)
        with self.assertRaisesMsg(AccessError, "您不能打开此工资单：它属于其他单位"):
            self.payslip_y.with_user(self.hr_x).read(["net"])
        with self.assertRaisesMsg(AccessError, "您不能修改此工资核算：它属于其他单位"):
            self.run_y.with_user(self.hr_x).action_compute()
        with self.assertRaisesMsg(AccessError, "您不能修改此工资核算：它属于其他单位"):
            self.run_y.with_user(self.hr_x).action_confirm()
        with self.assertRaisesMsg(AccessError, "您不能打开此工资单明细：它属于其他单位"):
            self.env["sgz.payslip.line"].browse(self.payslip_y.line_ids.ids).with_user(self.hr_x).read(
                ["amount"]
            )
        # provider HR runs its own month end to end
        run = self.env["sgz.payroll.run"].with_user(self.hr_x).create({"date_from": month(2024, 2)})
        self.assertEqual(run.company_id, self.provider_x)
        self.run_x.with_user(self.hr_x).action_confirm()
        run.action_generate()
        run.action_compute()
        run.action_confirm()
        self.assertEqual(run.state, "confirmed")
        self.assertEqual(run.payslip_ids.employee_id, self.worker_x)
        self.assertFalse(self.env["hr.employee"].with_user(self.hr_x).search([("id", "=", self.worker_y.id)]))
        with self.assertRaisesMsg(AccessError, "您不能打开此员工合同：它属于其他单位"):
            self.contract_y.with_user(self.hr_x).read(["wage"])
        with self.assertRaisesMsg(AccessError, "您的角色不能修改社会保险方案"):
            self.scheme_a.with_user(self.hr_x).write({"name": "x"})
        # the contract form works for provider HR without hr_contract's administrator group
        self.contract_x.with_user(self.hr_x).write({"notes": "<p>续签意向</p>", "state": "open"})
        # (what the confirmed pay was computed from no longer changes: see test_integrity)
        with self.assertRaisesMsg(UserError, r"is locked \(payslips confirmed up to"):
            self.contract_x.with_user(self.hr_x).with_context(lang="en_US").write({"sgz_allowance": 300})
        self.env["hr.contract"].with_user(self.hr_x).get_views([(False, "form"), (False, "list")])

    def test_payslips_only_from_actions(self):
        hr = self.hr_x.with_context(lang="en_US")
        Payslip = self.env["sgz.payslip"].with_user(hr)
        self.run_x.with_user(hr).action_confirm()
        for context in ({}, {"sgz_payslip_system": True}):
            with self.assertRaisesMsg(UserError, "created by their actions only"):
                Payslip.with_context(**context).create(
                    {
                        "run_id": self.run_x.id,
                        "employee_id": self.worker_x.id,
                        "date_from": "2024-01-01",
                        "state": "confirmed",
                        "net": 77777,
                    }
                )
        # another provider's worker, even on the actions' own path: refused without naming the worker
        with (
            Payslip._sgz_unlocked(),
            self.assertRaisesMsg(UserError, "must belong to the organization of the record") as caught,
        ):
            Payslip.create(
                {"run_id": self.run_x.id, "employee_id": self.worker_y.id, "date_from": "2024-01-01"}
            )
        self.assertNotIn("王强", str(caught.exception))

    def test_forged_figures_cannot_be_confirmed(self):
        payslip = self.payslip_x.with_user(self.hr_x).with_context(lang="en_US", sgz_payslip_system=True)
        for field in ("net", "gross", "tax", "is_computed", "state", "run_id", "employee_id"):
            with self.assertRaisesMsg(UserError, "change only through the buttons"):
                payslip.write({field: 77777 if field in ("net", "gross", "tax") else False})
        with self.assertRaisesMsg(AccessError, "您的角色不能修改工资单明细"):
            self.payslip_x.line_ids[:1].with_user(self.hr_x).write({"amount": 1})
        self.run_x.with_user(self.hr_x).action_confirm()
        self.assertEqual(self.payslip_x.net, self._line(self.payslip_x, "NET"))
        self.assertNotEqual(self.payslip_x.net, 77777)

    def test_county_officer_reads_workers_not_payslips(self):
        officer = self.officer_a
        workers = self.env["hr.employee"].with_user(officer).search([("sgz_is_worker", "=", True)])
        self.assertIn(self.worker_x, workers)
        self.assertNotIn(self.worker_y, workers)
        with self.assertRaisesMsg(AccessError, "您不能打开此员工：它属于其他单位"):
            self.worker_y.with_user(officer).read(["name"])
        with self.assertRaisesMsg(AccessError, "您的角色不能打开工资单。"):
            self.env["sgz.payslip"].with_user(officer).search([])
        with self.assertRaisesMsg(AccessError, "您的角色不能打开工资核算"):
            self.env["sgz.payroll.run"].with_user(officer).search([])
        # the city above reads the workers of its counties' stations too
        self.assertIn(self.worker_y, self.env["hr.employee"].with_user(self.city_officer).search([]))

    def test_county_officer_opens_a_worker_form(self):
        """The form's fields as the web client reads them: no access error on the birth date behind the
        eligibility notes (issue 7, point 6)."""
        officer = self.officer_a
        Employee = self.env["hr.employee"].with_user(officer).with_context(lang="zh_CN")
        views = Employee.get_views([(False, "form")])
        fields_in_form = views["models"]["hr.employee"]["fields"]
        # the program's worker form: every field it names is one the officer may read (the web client fails
        # on a field of the arch missing from the description, as on the core form's HR-only fields)
        arch = views["views"]["form"]["arch"]
        self.assertIn("sgz_eligibility_notes", arch)
        for name in re.findall(r'<field name="([a-z_]+)"', arch):
            self.assertIn(name, fields_in_form)
        self.assertIn("sgz_eligibility_notes", fields_in_form)
        self.assertNotIn("identification_id", fields_in_form)
        values = Employee.browse(self.worker_x.id).web_read({name: {} for name in fields_in_form})
        self.assertIn("周岁", values[0]["sgz_eligibility_notes"])
        self.env["hr.contract"].with_user(officer).get_views([(False, "form")])
